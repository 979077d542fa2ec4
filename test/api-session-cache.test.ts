/**
 * The session cache of the API (app/session-cache.ts): sessions and roles read from the
 * database serve this process's next requests for a moment. Changes made through this
 * process take effect at once; changes another process makes (simulated here by SQL that
 * bypasses the repositories) take effect once the entry is older than its TTL, which the
 * tests reach with their own monotonic clock.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SessionCache } from '../src/app/session-cache.ts';
import { accountsTransaction, noteAccountsChanged } from '../src/store/account.tables.ts';
import { openStore } from '../src/store/connect.ts';
import { deleteMembership } from '../src/store/membership.repository.ts';
import { Agent, buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

const TTL_MS = 2000;

/** A clock the test moves by hand. */
function manualClock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

/** A second agent carrying `agent`'s cookies: the same browser session. */
function sameSession(agent: Agent): Agent {
  const copy = new Agent(agent.app);
  for (const [k, v] of agent.cookies) copy.cookies.set(k, v);
  copy.csrf = agent.csrf;
  copy.userId = agent.userId;
  return copy;
}

describeEachEngine('API: session cache', (ctx) => {
  it('ends a session signed out in this process at once', async () => {
    const clock = manualClock();
    const app = buildApp(ctx.store, { sessionCache: { ttlMs: TTL_MS, clock: clock.now } });
    const ana = await signedUp(app, 'ana@example.com');
    const stolen = sameSession(ana);
    expect((await stolen.get('/api/auth/session')).status).toBe(200);
    expect((await stolen.get('/api/auth/session')).status).toBe(200);
    expect((await ana.post('/api/auth/sign-out')).status).toBe(200);
    expect((await stolen.get('/api/auth/session')).status).toBe(401);
  });

  it('applies a role changed or a member removed in this process at once', async () => {
    const clock = manualClock();
    const app = buildApp(ctx.store, { sessionCache: { ttlMs: TTL_MS, clock: clock.now } });
    const practiceId = await importPractice(ctx.store, 'Shared');
    const ana = await signedUp(app, 'ana@example.com');
    const bo = await signedUp(app, 'bo@example.com');
    await grant(ctx.store, ana, practiceId, 'owner');
    await grant(ctx.store, bo, practiceId, 'owner');
    const base = `/api/practices/${practiceId}`;
    expect((await bo.get(`${base}/members`)).status).toBe(200);

    expect((await ana.patch(`${base}/members/${bo.userId}`, { role: 'advisor' })).status).toBe(200);
    const demoted = await bo.patch(`${base}/members/${ana.userId}`, { role: 'advisor' });
    expect(demoted.status).toBe(403);
    expect((await bo.get(`${base}/members`)).status).toBe(200);

    expect((await ana.delete(`${base}/members/${bo.userId}`)).status).toBe(200);
    expect((await bo.get(`${base}/members`)).status).toBe(404);
    expect((await bo.get(`${base}/report`)).status).toBe(404);
  });

  it('applies another process’s removal of a member and of a session within the TTL', async () => {
    const clock = manualClock();
    const app = buildApp(ctx.store, { sessionCache: { ttlMs: TTL_MS, clock: clock.now } });
    const practiceId = await importPractice(ctx.store, 'Shared');
    const ana = await signedUp(app, 'ana@example.com');
    await grant(ctx.store, ana, practiceId, 'advisor');
    const base = `/api/practices/${practiceId}`;
    expect((await ana.get(`${base}/members`)).status).toBe(200);

    // What another process would do: SQL this process's repositories never see.
    await sql`delete from memberships where user_id = ${ana.userId!}`.execute(ctx.store.db);
    // The role read a moment ago still serves, for less than the TTL…
    clock.advance(TTL_MS - 1);
    expect((await ana.get(`${base}/members`)).status).toBe(200);
    // …and not after.
    clock.advance(1);
    expect((await ana.get(`${base}/members`)).status).toBe(404);

    expect((await ana.get('/api/auth/session')).status).toBe(200);
    await sql`delete from sessions where user_id = ${ana.userId!}`.execute(ctx.store.db);
    clock.advance(TTL_MS);
    expect((await ana.get('/api/auth/session')).status).toBe(401);
  });

  it('drops a role read through another connection while its removal was not yet committed', async () => {
    const clock = manualClock();
    // Requests are served through a second connection, as a pool serves concurrent ones.
    const serving = await openStore(ctx.database.target);
    try {
      const app = buildApp(serving, { sessionCache: { ttlMs: TTL_MS, clock: clock.now } });
      const practiceId = await importPractice(ctx.store, 'Shared');
      const ana = await signedUp(app, 'ana@example.com');
      await grant(ctx.store, ana, practiceId, 'advisor');
      const base = `/api/practices/${practiceId}`;
      await accountsTransaction(ctx.store.db, async (trx) => {
        await deleteMembership(trx, practiceId, ana.userId!);
        // Not committed yet: a request served meanwhile still reads (and keeps) the role.
        expect((await ana.get(`${base}/members`)).status).toBe(200);
      });
      expect((await ana.get(`${base}/members`)).status).toBe(404);
    } finally {
      await serving.close();
    }
  });

  it('reads every time with a TTL of 0', async () => {
    const app = buildApp(ctx.store, { sessionCache: { ttlMs: 0 } });
    const practiceId = await importPractice(ctx.store, 'Shared');
    const ana = await signedUp(app, 'ana@example.com');
    await grant(ctx.store, ana, practiceId, 'advisor');
    expect((await ana.get(`/api/practices/${practiceId}/members`)).status).toBe(200);
    await sql`delete from memberships where user_id = ${ana.userId!}`.execute(ctx.store.db);
    expect((await ana.get(`/api/practices/${practiceId}/members`)).status).toBe(404);
  });
});

describe('SessionCache', () => {
  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const cache = new SessionCache({ maxEntries: 2, clock: () => 0 });
    const reads: string[] = [];
    const read = (key: string) =>
      cache.load(key, async () => {
        reads.push(key);
        return key;
      });
    await read('a');
    await read('b');
    await read('c');
    await read('b');
    await read('c');
    await read('a');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
    expect(cache.size).toBe(2);
  });

  it('keeps nothing read while accounts changed, and nothing undefined', async () => {
    const cache = new SessionCache({ clock: () => 0 });
    let reads = 0;
    const racing = () =>
      cache.load('k', async () => {
        reads++;
        noteAccountsChanged();
        return 'v';
      });
    await racing();
    await racing();
    expect(reads).toBe(2);
    let missing = 0;
    const absent = () =>
      cache.load('none', async () => {
        missing++;
        return undefined;
      });
    await absent();
    await absent();
    expect(missing).toBe(2);
  });

  it('reads again a value its caller cannot use', async () => {
    const cache = new SessionCache({ clock: () => 0 });
    let reads = 0;
    const load = (usable: boolean) =>
      cache.load(
        'k',
        async () => ++reads,
        () => usable,
      );
    await load(true);
    await load(true);
    expect(reads).toBe(1);
    await load(false);
    expect(reads).toBe(2);
  });
});
