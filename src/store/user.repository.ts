/** Users: create, find by id or email, count (the first-run setup asks whether any exists). */

import { accountsDb, type UserRow } from './account.tables.ts';
import type { Executor } from './database.ts';
import { isUniqueViolation, StoreError } from './errors.ts';

/**
 * Inserts a user; `email` must already be normalised (trimmed, lower case).
 *
 * @throws StoreError `invalid_argument` when the email is taken.
 */
export async function createUser(
  db: Executor,
  user: { email: string; name: string | null; passwordHash: string },
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  try {
    const row = await accountsDb(db)
      .insertInto('users')
      .values({ ...user, createdAt: at, updatedAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new StoreError('invalid_argument', 'email taken', { cause: error });
    throw error;
  }
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return accountsDb(db)
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return accountsDb(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await accountsDb(db)
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
