/**
 * Staff grants in the database (staff_grant): what each person may do where. The rules
 * about who may give which grant are in src/lib/network/roles.ts; this file only stores.
 */
import { grantFrom, grantScope, type StaffGrant } from '../../lib/network/roles.ts';
import type { Conn } from '../db/transaction.ts';

export interface StoredGrant {
  readonly id: number;
  readonly userId: string;
  readonly grant: StaffGrant;
  readonly createdAt: string;
}

function stored(row: { id: number; user_id: string; role: string; scope: string; created_at: string }): StoredGrant | undefined {
  const grant = grantFrom(row.role, row.scope);
  return grant === undefined ? undefined : { id: Number(row.id), userId: row.user_id, grant, createdAt: row.created_at };
}

/** A person's grants, oldest first. */
export async function grantsOf(db: Conn, userId: string): Promise<StoredGrant[]> {
  const rows = await db.kysely.selectFrom('staff_grant').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(stored).filter((g) => g !== undefined);
}

/** The grants of everyone who holds a grant whose scope `where` accepts (each person with all their grants). */
export async function grantsOfPeopleIn(
  db: Conn,
  scopes: { readonly exact?: readonly string[]; readonly prefix?: string },
): Promise<Map<string, StoredGrant[]>> {
  const exact = scopes.exact ?? [];
  const prefix = scopes.prefix;
  if (exact.length === 0 && prefix === undefined) return new Map();
  const rows = await db.kysely
    .selectFrom('staff_grant')
    .selectAll()
    .where('user_id', 'in', (sub) =>
      sub
        .selectFrom('staff_grant')
        .select('user_id')
        .where((eb) =>
          eb.or([
            ...(exact.length > 0 ? [eb('scope', 'in', exact)] : []),
            ...(prefix !== undefined ? [eb('scope', 'like', `${prefix.replace(/[%_]/g, '')}%`)] : []),
          ]),
        ),
    )
    .orderBy('id')
    .execute();
  const people = new Map<string, StoredGrant[]>();
  for (const row of rows) {
    const g = stored(row);
    if (g !== undefined) people.set(g.userId, [...(people.get(g.userId) ?? []), g]);
  }
  return people;
}

/**
 * Gives `grant` to a person. A manager made staff of the same institution (or the other way
 * round) keeps one grant there: the new role replaces the old. Giving a grant the person
 * already holds changes nothing.
 */
export async function addGrant(tx: Conn, userId: string, grant: StaffGrant, by: string, now = new Date()): Promise<void> {
  const scope = grantScope(grant);
  if (grant.role !== 'commission')
    await tx.kysely
      .deleteFrom('staff_grant')
      .where('user_id', '=', userId)
      .where('scope', '=', scope)
      .where('role', 'in', ['manager', 'staff'])
      .where('role', '!=', grant.role)
      .execute();
  await tx.kysely
    .insertInto('staff_grant')
    .values({ user_id: userId, role: grant.role, scope, created_at: now.toISOString(), created_by: by })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'scope']).doNothing())
    .execute();
}

/** Takes one grant away; false when it was not there. */
export async function removeGrant(tx: Conn, grantId: number): Promise<boolean> {
  const result = await tx.kysely.deleteFrom('staff_grant').where('id', '=', grantId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One grant by its id. */
export async function grantById(db: Conn, grantId: number): Promise<StoredGrant | undefined> {
  const row = await db.kysely.selectFrom('staff_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
  return row === undefined ? undefined : stored(row);
}
