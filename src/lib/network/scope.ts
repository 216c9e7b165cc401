/**
 * What a staff member may see of the submissions, from their grants (roles.ts): pure, so
 * the rule is tested without a database; the console turns it into SQL
 * (src/server/submissions/listing.ts).
 *
 * - Institution staff and managers: the volunteers who chose their institution, the error
 *   reports about it, and the enrolments of course sessions held there.
 * - Commission staff: all of that for every institution in their region, and the
 *   volunteers who gave a county in it.
 * - The whole site's operators (WHOLE_SITE): everything, including what belongs to no
 *   place (reports about a page, sessions held at a plain address).
 */
import { WHOLE_SITE, ownInstitutions, ownRegions, regionPrefix, withinRegion, type StaffGrant } from './roles.ts';

export interface SessionRef {
  readonly course: string;
  readonly session: string;
}

/** The rows a person may see; `all` for the whole site's operators. */
export type RowScope =
  | { readonly all: true }
  | {
      readonly all: false;
      /** volunteers.institution and reports.institution within these. */
      readonly institutions: readonly string[];
      /** volunteers.county starting with one of these. */
      readonly countyPrefixes: readonly string[];
      /** enrollments of these sessions. */
      readonly sessions: readonly SessionRef[];
    };

/** What the scope is computed from: the registry's institutions and the courses' sessions. */
export interface ScopeFacts {
  readonly institutions: readonly { readonly id: string; readonly regionCode: string }[];
  /** Every session, with the institution that hosts it (undefined: held at a plain address). */
  readonly sessions: readonly (SessionRef & { readonly institution: string | undefined })[];
}

export function rowScope(grants: readonly StaffGrant[], facts: ScopeFacts): RowScope {
  const regions = ownRegions(grants);
  if (regions.includes(WHOLE_SITE)) return { all: true };
  const institutions = new Set(ownInstitutions(grants));
  for (const info of facts.institutions) if (regions.some((r) => withinRegion(info.regionCode, r))) institutions.add(info.id);
  return {
    all: false,
    institutions: [...institutions].sort(),
    countyPrefixes: regions.map(regionPrefix),
    sessions: facts.sessions
      .filter((s) => s.institution !== undefined && institutions.has(s.institution))
      .map(({ course, session }) => ({ course, session })),
  };
}

/** Whether a row with these facts is within the scope (the same rule as the SQL, for single records). */
export function rowVisible(
  scope: RowScope,
  kind: 'volunteers' | 'enrollments' | 'reports',
  row: { institution?: string | null; county?: string | null; course?: string; session?: string },
): boolean {
  if (scope.all) return true;
  const institution = row.institution ?? undefined;
  if (kind === 'enrollments') return scope.sessions.some((s) => s.course === row.course && s.session === row.session);
  if (institution !== undefined && scope.institutions.includes(institution)) return true;
  return kind === 'volunteers' && typeof row.county === 'string' && scope.countyPrefixes.some((p) => row.county?.startsWith(p) === true);
}
