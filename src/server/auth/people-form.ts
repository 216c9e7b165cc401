/**
 * The people pages' forms (both /staff/people/ and /staff/people/<institution>/ post the
 * same actions): read the posted fields, do the action (people.ts checks the rules), and
 * say what to show.
 */
import type { UiKey } from '../../i18n/index.ts';
import { grantFrom, type CountyOf, type StaffPrincipal } from '../../lib/network/roles.ts';
import { staffInvite } from '../../lib/staff-routes.ts';
import type { Db } from '../db/connect.ts';
import { accountSummaries } from './accounts.ts';
import { invite, makeResetLink, takeAwayGrant, withdrawInvitation } from './people.ts';

export type PeopleResult =
  | { readonly kind: 'invitation'; readonly url: string }
  | { readonly kind: 'reset'; readonly url: string; readonly name: string }
  | { readonly kind: 'done'; readonly message: UiKey }
  /** Outside the viewer's reach, or gone: the page answers 404. */
  | { readonly kind: 'not-found' };

const NOT_FOUND: PeopleResult = { kind: 'not-found' };

function id(fields: URLSearchParams, name: string): number | undefined {
  const n = Number(fields.get(name));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Does what a people form asks. `origin` is the site's public origin, for the link shown.
 * Fields: action (invite | reset | remove | revoke) and role + scope, user (+ clear2fa),
 * grant, or invitation.
 */
export async function peopleAction(
  db: Db,
  viewer: StaffPrincipal,
  fields: URLSearchParams,
  countyOf: CountyOf,
  origin: string,
): Promise<PeopleResult> {
  switch (fields.get('action')) {
    case 'invite': {
      const grant = grantFrom(fields.get('role') ?? '', fields.get('scope') ?? '');
      if (grant === undefined) return NOT_FOUND;
      const made = await invite(db, viewer, grant, countyOf);
      return made.ok ? { kind: 'invitation', url: `${origin}${staffInvite(made.token)}` } : NOT_FOUND;
    }
    case 'reset': {
      const userId = fields.get('user') ?? '';
      const made = await makeResetLink(db, viewer, userId, fields.get('clear2fa') === '1', countyOf);
      if (!made.ok) return NOT_FOUND;
      const name = (await accountSummaries(db, [userId])).get(userId)?.displayName ?? '';
      return { kind: 'reset', url: `${origin}${staffInvite(made.token)}`, name };
    }
    case 'remove': {
      const grantId = id(fields, 'grant');
      if (grantId === undefined) return NOT_FOUND;
      const done = await takeAwayGrant(db, viewer, grantId, countyOf);
      return done.ok ? { kind: 'done', message: 'staff.people.removed' } : NOT_FOUND;
    }
    case 'revoke': {
      const invitationId = id(fields, 'invitation');
      if (invitationId === undefined) return NOT_FOUND;
      const done = await withdrawInvitation(db, viewer, invitationId, countyOf);
      return done.ok ? { kind: 'done', message: 'staff.people.invitation.revoked.done' } : NOT_FOUND;
    }
    default:
      return NOT_FOUND;
  }
}
