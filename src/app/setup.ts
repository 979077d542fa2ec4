/**
 * The first run of a fresh database: while no account exists, anyone who can reach the
 * server may create the first one. That account becomes the owner of the demo practice
 * (created with `recreateDemo`) — or, when the database already holds practices (made
 * from the CLI), the owner of every practice nobody belongs to, and no demo is written.
 */
import { sql } from 'kysely';
import type { Store } from '../store/connect.ts';
import { listPracticesWithoutMembers, upsertMembership } from '../store/membership.repository.ts';
import { listPractices } from '../store/practice.repository.ts';
import { countUsers } from '../store/user.repository.ts';
import { createSession, type NewSession, signUp, type User } from './accounts.ts';
import { recreateDemo } from './demo.ts';
import { AppError } from './errors.ts';

export interface SetupStatus {
  /** True while no account exists: the first visitor may create the owner's account. */
  needsSetup: boolean;
}

export async function setupStatus(store: Store): Promise<SetupStatus> {
  return { needsSetup: (await countUsers(store.db)) === 0 };
}

export interface SetupResult {
  user: User;
  session: NewSession;
  practices: { id: number; name: string }[];
  demoCreated: boolean;
}

/**
 * Creates the first account and gives it its practices (see the module header).
 *
 * @throws AppError `conflict` once any account exists; `invalid_input` for a weak password.
 */
export async function setupFirstAccount(
  store: Store,
  input: { email: string; password: string; name?: string | null; demo?: boolean },
  now: Date,
): Promise<SetupResult> {
  const user = await store.db.transaction().execute(async (trx) => {
    if (store.engine === 'postgres') {
      // Two first visitors at once: the second waits here, then finds the first's account.
      await sql`select pg_advisory_xact_lock(7324001)`.execute(trx);
    }
    if ((await countUsers(trx)) > 0) {
      throw new AppError('conflict', 'this server is set up already: sign in instead');
    }
    return signUp(trx, input, now);
  });
  let demoCreated = false;
  if ((await listPractices(store.db)).length === 0 && input.demo !== false) {
    await recreateDemo(store, { endDate: now.toISOString().slice(0, 10) });
    demoCreated = true;
  }
  const adopted = await listPracticesWithoutMembers(store.db);
  for (const practiceId of adopted) {
    await upsertMembership(store.db, {
      practiceId,
      userId: user.id,
      role: 'owner',
      createdAt: now.toISOString(),
    });
  }
  const names = new Map((await listPractices(store.db)).map((p) => [p.id, p.name]));
  return {
    user,
    session: await createSession(store.db, user.id, now),
    practices: adopted.map((id) => ({ id, name: names.get(id) ?? '' })),
    demoCreated,
  };
}
