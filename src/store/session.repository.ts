/** Sessions, keyed by the SHA-256 of their token: create, find (with the user), extend, delete. */

import { accountsDb, noteAccountsChanged, type SessionRow } from './account.tables.ts';
import type { Executor } from './database.ts';

export async function insertSession(db: Executor, session: SessionRow): Promise<void> {
  await accountsDb(db).insertInto('sessions').values(session).execute();
}

export interface SessionWithUser extends SessionRow {
  email: string;
  name: string | null;
}

/** The session with this id that has not expired at `now`, with its user's email and name. */
export async function findLiveSession(
  db: Executor,
  id: string,
  now: Date,
): Promise<SessionWithUser | undefined> {
  return accountsDb(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id',
      'sessions.userId',
      'sessions.csrfToken',
      'sessions.createdAt',
      'sessions.expiresAt',
      'users.email',
      'users.name',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expiresAt', '>', now.toISOString())
    .executeTakeFirst();
}

export async function extendSession(db: Executor, id: string, expiresAt: string): Promise<void> {
  await accountsDb(db).updateTable('sessions').set({ expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  try {
    await accountsDb(db).deleteFrom('sessions').where('id', '=', id).execute();
  } finally {
    noteAccountsChanged();
  }
}

/** Deletes expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const r = await accountsDb(db)
    .deleteFrom('sessions')
    .where('expiresAt', '<=', now.toISOString())
    .executeTakeFirst();
  noteAccountsChanged();
  return Number(r.numDeletedRows);
}
