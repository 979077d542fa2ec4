/** Failed sign-ins by key (`email:…`, `ip:…`): counted in a window for the sign-in rate limit. */

import { accountsDb } from './account.tables.ts';
import type { Executor } from './database.ts';

export async function recordSignInFailures(
  db: Executor,
  keys: readonly string[],
  at: Date,
): Promise<void> {
  if (keys.length === 0) return;
  await accountsDb(db)
    .insertInto('signInFailures')
    .values(keys.map((key) => ({ key, at: at.toISOString() })))
    .execute();
}

/** Per key: how many failures since `since`, and the oldest of them. */
export async function countSignInFailures(
  db: Executor,
  keys: readonly string[],
  since: Date,
): Promise<Map<string, { count: number; oldest: string }>> {
  const out = new Map<string, { count: number; oldest: string }>();
  if (keys.length === 0) return out;
  const rows = await accountsDb(db)
    .selectFrom('signInFailures')
    .select((eb) => ['key', eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', 'in', keys)
    .where('at', '>', since.toISOString())
    .groupBy('key')
    .execute();
  for (const r of rows) out.set(r.key, { count: Number(r.n), oldest: String(r.oldest) });
  return out;
}

/** Forgets the failures of `keys` (after a successful sign-in) and every one older than `before`. */
export async function clearSignInFailures(
  db: Executor,
  keys: readonly string[],
  before: Date,
): Promise<void> {
  const adb = accountsDb(db);
  if (keys.length > 0) await adb.deleteFrom('signInFailures').where('key', 'in', keys).execute();
  await adb.deleteFrom('signInFailures').where('at', '<', before.toISOString()).execute();
}
