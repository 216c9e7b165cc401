/**
 * Accounts made from the command line (npm run staff:add): the first commission account of
 * a new site, or a grant added to an existing account. Audit-logged as actor 'system'.
 */
import { grantScope, type StaffGrant } from '../../lib/network/roles.ts';
import { normalizeUsername } from '../../lib/network/account-rules.ts';
import type { Db } from '../db/connect.ts';
import { inTransaction } from '../db/transaction.ts';
import { checkNewAccount, hashNewPassword, insertAccount, type AccountField, type FieldProblems } from './accounts.ts';
import { recordAudit } from './audit.ts';
import { addGrant } from './grants.ts';

/** The id of the account with this username, if there is one. */
export async function accountIdByUsername(db: Db, username: string): Promise<string | undefined> {
  const row = await db.kysely.selectFrom('staff_user').select('id').where('username', '=', normalizeUsername(username)).executeTakeFirst();
  return row?.id;
}

export type Provisioned =
  | { readonly kind: 'created'; readonly userId: string }
  | { readonly kind: 'granted'; readonly userId: string }
  | { readonly kind: 'invalid'; readonly problems: FieldProblems<AccountField> };

/** Adds `grant` to the account `username`, creating it (with `password`) when it does not exist. */
export async function provisionStaff(
  db: Db,
  input: {
    readonly username: string;
    readonly displayName: string;
    readonly mobile: string;
    readonly password: string | undefined;
    readonly grant: StaffGrant;
  },
): Promise<Provisioned> {
  const scope = grantScope(input.grant);
  const existing = await accountIdByUsername(db, input.username);
  if (existing !== undefined) {
    await inTransaction(db, async (tx) => {
      await addGrant(tx, existing, input.grant, 'system');
      await recordAudit(tx, {
        actor: 'system',
        action: 'staff.role-changed',
        targetKind: 'staff',
        targetRef: existing,
        scope,
        detail: `granted role=${input.grant.role}`,
      });
    });
    return { kind: 'granted', userId: existing };
  }
  const checked = await checkNewAccount(db, {
    username: input.username,
    displayName: input.displayName,
    mobile: input.mobile,
    password: input.password ?? '',
  });
  if (!checked.ok) return { kind: 'invalid', problems: checked.problems };
  const hash = await hashNewPassword(checked.account.password);
  const userId = await inTransaction(db, async (tx) => {
    const id = await insertAccount(tx, checked.account, hash);
    await addGrant(tx, id, input.grant, 'system');
    await recordAudit(tx, {
      actor: 'system',
      action: 'staff.created',
      targetKind: 'staff',
      targetRef: id,
      scope,
      detail: `role=${input.grant.role}`,
    });
    return id;
  });
  return { kind: 'created', userId };
}
