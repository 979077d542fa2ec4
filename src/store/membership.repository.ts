/** Memberships: who belongs to which practice, with which role. */

import {
  accountsDb,
  type MembershipRow,
  noteAccountsChanged,
  type Role,
} from './account.tables.ts';
import type { Executor } from './database.ts';

export async function findMembership(
  db: Executor,
  practiceId: number,
  userId: number,
): Promise<MembershipRow | undefined> {
  return accountsDb(db)
    .selectFrom('memberships')
    .selectAll()
    .where('practiceId', '=', practiceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Adds a membership, or changes the role of an existing one. */
export async function upsertMembership(db: Executor, membership: MembershipRow): Promise<void> {
  await accountsDb(db)
    .insertInto('memberships')
    .values(membership)
    .onConflict((oc) => oc.columns(['practiceId', 'userId']).doUpdateSet({ role: membership.role }))
    .execute();
  noteAccountsChanged();
}

export async function updateMembershipRole(
  db: Executor,
  practiceId: number,
  userId: number,
  role: Role,
): Promise<boolean> {
  const r = await accountsDb(db)
    .updateTable('memberships')
    .set({ role })
    .where('practiceId', '=', practiceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  noteAccountsChanged();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteMembership(
  db: Executor,
  practiceId: number,
  userId: number,
): Promise<boolean> {
  const r = await accountsDb(db)
    .deleteFrom('memberships')
    .where('practiceId', '=', practiceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  noteAccountsChanged();
  return Number(r.numDeletedRows) > 0;
}

export interface MemberRow {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  since: string;
}

/** The members of a practice, owners first, then by email. */
export async function listMembers(db: Executor, practiceId: number): Promise<MemberRow[]> {
  const rows = await accountsDb(db)
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select([
      'memberships.userId',
      'users.email',
      'users.name',
      'memberships.role',
      'memberships.createdAt as since',
    ])
    .where('memberships.practiceId', '=', practiceId)
    .orderBy('users.email')
    .execute();
  const rank = { owner: 0, editor: 1, advisor: 2 } as const;
  return rows.sort((a, b) => rank[a.role] - rank[b.role]);
}

export async function countOwners(db: Executor, practiceId: number): Promise<number> {
  const row = await accountsDb(db)
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('practiceId', '=', practiceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The practices a user belongs to, with the role, oldest first. */
export async function listUserPractices(
  db: Executor,
  userId: number,
): Promise<{ id: number; name: string; currency: string; role: Role }[]> {
  return accountsDb(db)
    .selectFrom('memberships')
    .innerJoin('practices', 'practices.id', 'memberships.practiceId')
    .select(['practices.id', 'practices.name', 'practices.currency', 'memberships.role'])
    .where('memberships.userId', '=', userId)
    .orderBy('practices.id')
    .execute();
}

/** Practices nobody belongs to (created from the CLI), oldest first. */
export async function listPracticesWithoutMembers(db: Executor): Promise<number[]> {
  const rows = await accountsDb(db)
    .selectFrom('practices')
    .select('practices.id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships')
            .select('memberships.userId')
            .whereRef('memberships.practiceId', '=', 'practices.id'),
        ),
      ),
    )
    .orderBy('practices.id')
    .execute();
  return rows.map((r) => r.id);
}
