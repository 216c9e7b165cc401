/**
 * The registry build's own validation, run on a proposal before it is saved and again
 * before it is approved: every file of the registry as it is on disk, with the proposed
 * record in its place (or added, for an application). So a proposal that would fail the
 * build cannot be approved, and each problem reads exactly as `npm run registry:check`
 * would print it.
 */
import { statSync } from 'node:fs';
import { formatProblem, type Problem } from '../../lib/registry/errors.ts';
import { displayPath, listRegistryFiles, readRegistryEntries, todayInChina } from '../../lib/registry/load.ts';
import { validateRegistry, type RegistryEntry } from '../../lib/registry/validate.ts';
import type { Institution } from '../../schemas/institution.ts';
import { findRecordFile, recordFileFor, registryDir, registryRegions } from './registry-files.ts';

export interface ProposalCheck {
  /** The problems of the proposed record (and any it causes elsewhere), one line each. */
  readonly problems: readonly Problem[];
  readonly lines: readonly string[];
}

/** The registry's files as they are on disk, parsed. */
export interface RegistryOnDisk {
  readonly key: string;
  readonly entries: readonly RegistryEntry[];
  readonly unreadable: readonly Problem[];
}

let onDisk: RegistryOnDisk | undefined;
let baseline: { readonly key: string; readonly problems: ReadonlySet<string> } | undefined;

/**
 * The registry folder read once until one of its files changes (name, size or time): a
 * reviewer's proposal page and the events console check against it on every visit, and it
 * changes only when something is published.
 */
export function registryOnDisk(dir = registryDir()): RegistryOnDisk {
  const key = [
    dir,
    ...listRegistryFiles(dir).map((f) => {
      const st = statSync(f);
      return `${f}\u0000${st.size}\u0000${st.mtimeMs}`;
    }),
  ].join('\u0001');
  if (onDisk?.key !== key) onDisk = { key, ...readRegistryEntries(dir) };
  return onDisk;
}

/** The registry's own problems as it is on disk (not a proposer's to fix), validated once per version and day. */
function baselineProblems(registry: RegistryOnDisk, today: string): ReadonlySet<string> {
  const key = `${registry.key}\u0002${today}`;
  if (baseline?.key !== key)
    baseline = { key, problems: new Set(validateRegistry(registry.entries, registryRegions(), { today }).errors.map(formatProblem)) };
  return baseline.problems;
}

/** Validates `record` as the registry would hold it (today in China unless given). */
export function checkProposedRecord(record: Institution, today = todayInChina(), dir = registryDir()): ProposalCheck {
  const existing = findRecordFile(record.id, dir);
  const file = existing ?? recordFileFor(record.id, record.regionCode, dir) ?? `${dir}/${record.id}.json`;
  const shown = displayPath(file);
  const registry = registryOnDisk(dir);
  const before = baselineProblems(registry, today);
  const all = [...registry.entries.filter((e) => e.file !== shown), { file: shown, data: record }];
  const result = validateRegistry(all, registryRegions(), { today });
  const problems = [...registry.unreadable, ...result.errors].filter((p) => p.file === shown || !before.has(formatProblem(p)));
  return { problems, lines: problems.map(formatProblem) };
}
