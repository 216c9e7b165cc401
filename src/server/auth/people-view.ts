/**
 * The people pages' lists: who holds grants in a scope, with what the viewer may do to
 * each (make a reset link, take a grant away), decided by src/lib/network/roles.ts.
 */
import type { AccountSummary, InvitationRow, PersonRow } from '../../lib/network/people.ts';
import { mayGrant, mayManagePerson, regionPrefix, type CountyOf, type StaffGrant, type StaffPrincipal } from '../../lib/network/roles.ts';
import type { Db } from '../db/connect.ts';
import { accountSummaries } from './accounts.ts';
import { grantsOfPeopleIn, type StoredGrant } from './grants.ts';
import { recentInvitations } from './links.ts';

function rows(
  viewer: StaffPrincipal,
  people: Map<string, StoredGrant[]>,
  accounts: Map<string, AccountSummary>,
  inScope: (g: StaffGrant) => boolean,
  countyOf: CountyOf,
): PersonRow[] {
  const out: PersonRow[] = [];
  for (const [userId, grants] of people) {
    const account = accounts.get(userId);
    const shown = grants.filter((g) => inScope(g.grant));
    if (account === undefined || shown.length === 0) continue;
    const self = userId === viewer.userId;
    out.push({
      account,
      self,
      grants: shown.map((g) => ({ id: g.id, grant: g.grant, removable: !self && mayGrant(viewer.grants, g.grant, countyOf) })),
      resettable: mayManagePerson(
        viewer.grants,
        self,
        grants.map((g) => g.grant),
        countyOf,
      ),
    });
  }
  return out.sort((a, b) => a.account.displayName.localeCompare(b.account.displayName, 'zh-CN'));
}

/** Everyone with a grant at `institution`. */
export async function institutionPeople(db: Db, viewer: StaffPrincipal, institution: string, countyOf: CountyOf): Promise<PersonRow[]> {
  const people = await grantsOfPeopleIn(db, { exact: [institution] });
  const accounts = await accountSummaries(db, [...people.keys()]);
  return rows(viewer, people, accounts, (g) => g.role !== 'commission' && g.institution === institution, countyOf);
}

/** Commission staff whose region lies within `region` (the viewer's colleagues). */
export async function commissionPeople(db: Db, viewer: StaffPrincipal, region: string, countyOf: CountyOf): Promise<PersonRow[]> {
  const prefix = regionPrefix(region);
  const people = await grantsOfPeopleIn(db, { prefix });
  const accounts = await accountSummaries(db, [...people.keys()]);
  return rows(viewer, people, accounts, (g) => g.role === 'commission' && g.region.startsWith(prefix), countyOf);
}

/** How many people hold grants at each of some institutions. */
export async function peopleCounts(db: Db, institutions: readonly string[]): Promise<Map<string, number>> {
  if (institutions.length === 0) return new Map();
  const found = await db.kysely
    .selectFrom('staff_grant')
    .select(['scope', db.kysely.fn.count<number>('user_id').distinct().as('people')])
    .where('scope', 'in', [...institutions])
    .where('role', 'in', ['manager', 'staff'])
    .groupBy('scope')
    .execute();
  return new Map(found.map((r) => [r.scope, Number(r.people)]));
}

/** Invitations to some scopes in the last 30 days, with their state. */
export async function invitationRows(
  db: Db,
  viewer: StaffPrincipal,
  scopes: readonly string[],
  countyOf: CountyOf,
  now = new Date(),
): Promise<InvitationRow[]> {
  const links = await recentInvitations(db, scopes, 30, now);
  return links.flatMap((link) => {
    if (link.grant === undefined) return [];
    const state =
      link.usedAt !== undefined
        ? 'used'
        : link.revokedAt !== undefined
          ? 'revoked'
          : link.expiresAt <= now.toISOString()
            ? 'expired'
            : 'pending';
    return [
      {
        id: link.id,
        grant: link.grant,
        createdAt: link.createdAt,
        expiresAt: link.expiresAt,
        state,
        revocable: state === 'pending' && mayGrant(viewer.grants, link.grant, countyOf),
      },
    ];
  });
}
