/**
 * Whether a registry record counts towards a target: sample records never do, and a
 * record whose grade or bed count is unknown is "undetermined" rather than counted
 * (see measure.ts for what that does to a region's status).
 */
import type { Institution } from '../../schemas/institution.ts';
import type { TargetCriteria } from '../../schemas/policy-target.ts';

/** A fact a record lacks that a criterion needs. */
export type MissingFact = 'grade' | 'beds';

export interface CriteriaMatch {
  /** yes = counts; no = does not; unknown = cannot be decided (see missing). */
  readonly match: 'yes' | 'no' | 'unknown';
  readonly missing: readonly MissingFact[];
}

/** True for invented demonstration records. */
export function isSample(record: Institution): boolean {
  return record.provenance.kind === 'sample';
}

/** Whether a record meets the criteria (see the file comment for "unknown"). */
export function matchCriteria(record: Institution, criteria: TargetCriteria): CriteriaMatch {
  const no: CriteriaMatch = { match: 'no', missing: [] };
  if (criteria.kinds !== undefined && !criteria.kinds.includes(record.kind)) return no;
  if (criteria.modes !== undefined) {
    const modes = criteria.modes;
    if (!record.services.some((s) => modes.includes(s.mode))) return no;
  }
  const missing: MissingFact[] = [];
  if (criteria.grades !== undefined) {
    const byGrade = (criteria.grades as readonly string[]).includes(record.grade);
    const levels = criteria.designationLevels ?? [];
    const byDesignation = (record.designations ?? []).some((d) => levels.includes(d.level));
    if (!byGrade && !byDesignation) {
      if (record.grade !== '未知') return no;
      missing.push('grade');
    }
  }
  if (criteria.minBeds !== undefined) {
    const beds = record.beds?.hospice ?? null;
    if (beds === null) missing.push('beds');
    else if (beds < criteria.minBeds) return no;
  }
  return missing.length > 0 ? { match: 'unknown', missing } : { match: 'yes', missing: [] };
}
