/**
 * An approved (or proposed) listing change as a patch, for teams that keep the registry
 * in git: `git apply listing-12.patch` makes the same change to their copy. A unified
 * diff made with jsdiff (the `diff` package: well kept, and diffing text right by hand is
 * a job of its own), with git's header so a new record is created as a new file.
 */
import { createTwoFilesPatch } from 'diff';
import { institutionSchema, formatInstitutionJson } from '../../schemas/institution.ts';
import type { Proposal } from './proposals.ts';
import { findRecordFile, recordFileFor, registryDir, shownPath } from './registry-files.ts';

/** The file a proposal changes, relative to the project (content/institutions/beijing/bj-x.json). */
export function proposalPath(p: Proposal, dir = registryDir()): string {
  const record = institutionSchema.parse(JSON.parse(p.approved ?? p.proposed));
  const file = findRecordFile(p.institution, dir) ?? recordFileFor(p.institution, record.regionCode, dir) ?? `${dir}/${p.institution}.json`;
  return shownPath(file);
}

/** The patch text: from the record as it was when proposed to the record as approved (or proposed). */
export function proposalPatch(p: Proposal, file = proposalPath(p)): string {
  const after = formatInstitutionJson(institutionSchema.parse(JSON.parse(p.approved ?? p.proposed)));
  const before = p.base ?? '';
  const created = p.base === null;
  const body = createTwoFilesPatch(created ? '/dev/null' : `a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of '=' (not part of a unified diff) and leaves out git's header.
  const lines = body.split('\n').filter((line, i) => !(i === 0 && /^=+$/.test(line)));
  const header = [`diff --git a/${file} b/${file}`, ...(created ? ['new file mode 100644'] : [])];
  return `${[...header, ...lines].join('\n').replace(/\n*$/, '')}\n`;
}
