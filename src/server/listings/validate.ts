/**
 * The registry build's own validation, run on a proposal before it is saved and again
 * before it is approved: every file of the registry as it is on disk, with the proposed
 * record in its place (or added, for an application). So a proposal that would fail the
 * build cannot be approved, and each problem reads exactly as `npm run registry:check`
 * would print it.
 */
import { formatProblem, type Problem } from '../../lib/registry/errors.ts';
import { displayPath, readRegistryEntries, todayInChina } from '../../lib/registry/load.ts';
import { validateRegistry } from '../../lib/registry/validate.ts';
import type { Institution } from '../../schemas/institution.ts';
import { findRecordFile, recordFileFor, registryDir, registryRegions } from './registry-files.ts';

export interface ProposalCheck {
  /** The problems of the proposed record (and any it causes elsewhere), one line each. */
  readonly problems: readonly Problem[];
  readonly lines: readonly string[];
}

/** Validates `record` as the registry would hold it (today in China unless given). */
export function checkProposedRecord(record: Institution, today = todayInChina(), dir = registryDir()): ProposalCheck {
  const existing = findRecordFile(record.id, dir);
  const file = existing ?? recordFileFor(record.id, record.regionCode, dir) ?? `${dir}/${record.id}.json`;
  const shown = displayPath(file);
  const { entries, unreadable } = readRegistryEntries(dir);
  const others = entries.filter((e) => e.file !== shown);
  const all = [...others, { file: shown, data: record }];
  const result = validateRegistry(all, registryRegions(), { today });
  // Problems of other files that were there before this record are not the proposer's to fix.
  const before = new Set(validateRegistry(entries, registryRegions(), { today }).errors.map(formatProblem));
  const problems = [...unreadable, ...result.errors].filter((p) => p.file === shown || !before.has(formatProblem(p)));
  return { problems, lines: problems.map(formatProblem) };
}
