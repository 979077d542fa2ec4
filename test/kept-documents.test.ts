/**
 * Documents kept in the database (migration 0006, app/report-cache.ts): a server started
 * again on unchanged data serves the dashboard's default report and monthly series
 * without computing them, and what-ifs on the report's dates from its kept basis; a write, other code, or other options mean computing again;
 * keeping never waits for SQLite's write lock.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { monthlyJson } from '../src/app/monthly.ts';
import { buildReport } from '../src/app/report.ts';
import { basisCacheStats, cacheStats, keptSettled, reportJson } from '../src/app/report-cache.ts';
import { addRule, applyRulesToImports, removeRule, updateRule } from '../src/app/rules.ts';
import { COLLECTIONS } from '../src/store/collections.ts';
import { openStore, type Store } from '../src/store/connect.ts';
import { keepDocument } from '../src/store/kept-document.repository.ts';
import { deletePractice } from '../src/store/practice.repository.ts';
import { insertRecord } from '../src/store/record-crud.repository.ts';
import { importPractice } from './api-harness.ts';
import { createTestDatabase, describeEachEngine } from './engines.ts';

describeEachEngine('kept documents', (ctx) => {
  /** A store on the same database with empty caches: a server process started again. */
  async function restarted(): Promise<Store> {
    const store = await openStore(ctx.database.target);
    stores.push(store);
    return store;
  }
  const stores: Store[] = [];
  const closeAll = async () => {
    for (const store of stores.splice(0)) await store.close();
  };

  const keptRows = async (practiceId: number) =>
    (
      await sql<{
        key: string;
      }>`select key from kept_documents where practice_id = ${practiceId} order by key`.execute(
        ctx.store.db,
      )
    ).rows.map((r) => r.key);

  it('serves the default report and monthly series kept by an earlier process, computing nothing', async () => {
    try {
      const id = await importPractice(ctx.store, 'Tidewater Coaching');
      const report = await reportJson(ctx.store, id);
      const monthly = await monthlyJson(ctx.store, id);
      expect(cacheStats(ctx.store)).toMatchObject({ computes: 2, loads: 0 });
      await keptSettled(ctx.store);
      // The report's what-if basis (app/report-cache.ts) is kept with it.
      expect(await keptRows(id)).toEqual(['monthly||', 'report|||[]', 'whatIfBasis||']);

      const again = await restarted();
      expect(await reportJson(again, id)).toBe(report);
      expect(await monthlyJson(again, id)).toBe(monthly);
      expect(cacheStats(again)).toMatchObject({ computes: 0, loads: 2 });
      // Read once, then kept in memory as before.
      expect(await reportJson(again, id)).toBe(report);
      expect(cacheStats(again)).toMatchObject({ computes: 0, loads: 2, hits: 1 });

      // A what-if on the report's dates is made of the kept basis: no record read.
      const { from, to } = (JSON.parse(report) as { period: { from: string; to: string } }).period;
      const whatIf = { from, to, assumptions: { raise: 0.3, extraPerWeek: 2 } };
      expect(await reportJson(again, id, whatIf)).toBe(
        JSON.stringify(await buildReport(again, id, whatIf)),
      );
      expect(basisCacheStats(again)).toMatchObject({ computes: 0, loads: 1 });
      // Another period's what-if reads the records: the kept basis is not of that period.
      const other = { from, to: '2024-02-29', assumptions: { raise: 0.3 } };
      expect(await reportJson(again, id, other)).toBe(
        JSON.stringify(await buildReport(again, id, other)),
      );
      expect(basisCacheStats(again)).toMatchObject({ computes: 1, loads: 1 });

      // A kept basis that cannot be read is computed instead.
      await sql`update kept_documents set body = 'not json' where key = 'whatIfBasis||'`.execute(
        ctx.store.db,
      );
      const third = await restarted();
      expect(await reportJson(third, id, whatIf)).toBe(
        JSON.stringify(await buildReport(third, id, whatIf)),
      );
      expect(basisCacheStats(third)).toMatchObject({ computes: 1, loads: 0 });
    } finally {
      await closeAll();
    }
  });

  it('keeps both documents when the page asks for them at once', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await Promise.all([reportJson(ctx.store, id), monthlyJson(ctx.store, id)]);
    await keptSettled(ctx.store);
    expect(await keptRows(id)).toEqual(['monthly||', 'report|||[]', 'whatIfBasis||']);
  });

  it('computes again after a write, and keeps the new document', async () => {
    try {
      const id = await importPractice(ctx.store, 'Tidewater Coaching');
      const before = JSON.parse(await reportJson(ctx.store, id)) as { totals: { revenue: number } };
      await keptSettled(ctx.store);
      await insertRecord(ctx.store.db, COLLECTIONS.payments, id, {
        id: 'later',
        date: '2024-03-03',
        amount: 19_700,
        currency: 'USD',
        fee: 0,
        offerId: 'o2',
      });
      const again = await restarted();
      const after = JSON.parse(await reportJson(again, id)) as { totals: { revenue: number } };
      expect(after.totals.revenue).toBeCloseTo(before.totals.revenue + 197, 2);
      expect(cacheStats(again)).toMatchObject({ computes: 1, loads: 0 });
      await keptSettled(again);
      const third = await restarted();
      expect(JSON.parse(await reportJson(third, id))).toEqual(after);
      expect(cacheStats(third)).toMatchObject({ computes: 0, loads: 1 });
    } finally {
      await closeAll();
    }
  });

  it('serves the kept documents after rule edits, which no figure reads', async () => {
    try {
      const id = await importPractice(ctx.store, 'Tidewater Coaching');
      const report = await reportJson(ctx.store, id);
      const monthly = await monthlyJson(ctx.store, id);
      await keptSettled(ctx.store);
      // What `fulcrum rules add`, `rules edit` and `rules remove` run.
      const rule = await addRule(ctx.store, id, {
        when: 'description contains "VIP"',
        then: { offerId: 'o2' },
      });
      await updateRule(ctx.store, id, rule.id, { when: 'description contains "VVIP"' });
      await removeRule(ctx.store, id, rule.id);
      const again = await restarted();
      expect(await reportJson(again, id)).toBe(report);
      expect(await monthlyJson(again, id)).toBe(monthly);
      expect(cacheStats(again)).toMatchObject({ computes: 0, loads: 2 });
      expect(report).toBe(JSON.stringify(await buildReport(again, id)));
      // Applying the rules writes records: computed again.
      await applyRulesToImports(ctx.store, id);
      const third = await restarted();
      expect(await reportJson(third, id)).toBe(report);
      expect(cacheStats(third)).toMatchObject({ computes: 1, loads: 0 });
    } finally {
      await closeAll();
    }
  });

  it('keeps only the default documents, and uses none computed by other code', async () => {
    try {
      const id = await importPractice(ctx.store, 'Tidewater Coaching');
      await reportJson(ctx.store, id, { from: '2024-01-01' });
      await monthlyJson(ctx.store, id, { from: '2024-01-01' });
      await keptSettled(ctx.store);
      expect(await keptRows(id)).toEqual([]);

      await reportJson(ctx.store, id);
      await keptSettled(ctx.store);
      await sql`update kept_documents set code = 'another version'`.execute(ctx.store.db);
      const again = await restarted();
      await reportJson(again, id);
      expect(cacheStats(again)).toMatchObject({ computes: 1, loads: 0 });
    } finally {
      await closeAll();
    }
  });
});

describeEachEngine('keeping a document', (ctx) => {
  const rows = async () =>
    (
      await sql<{
        revision: number | string;
        body: string;
      }>`select revision, body from kept_documents`.execute(ctx.store.db)
    ).rows.map((r) => ({ revision: Number(r.revision), body: r.body }));
  const doc = (revision: number, body: string) => ({ key: 'k', revision, code: 'c', body });

  it('never replaces a newer revision with an older one, and goes with its practice', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    expect(await keepDocument(ctx.store, id, doc(5, '"five"'))).toBe(true);
    expect(await keepDocument(ctx.store, id, doc(4, '"four"'))).toBe(true);
    expect(await rows()).toEqual([{ revision: 5, body: '"five"' }]);
    expect(await keepDocument(ctx.store, id, doc(6, '"six"'))).toBe(true);
    expect(await rows()).toEqual([{ revision: 6, body: '"six"' }]);
    expect(await deletePractice(ctx.store.db, id)).toBe(true);
    expect(await rows()).toEqual([]);
  });
});

describe('kept documents on SQLite', () => {
  it("are kept without waiting for another connection's write lock, or joining this one's transaction", async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openStore(database.target);
    const writer = await openStore(database.target);
    const keptRows = async (practiceId: number) =>
      (
        await sql<{
          key: string;
        }>`select key from kept_documents where practice_id = ${practiceId}`.execute(store.db)
      ).rows.map((r) => r.key);
    const other = { key: 'x', revision: 1, code: 'c', body: '{}' };
    try {
      const id = await importPractice(store, 'Tidewater Coaching');
      const timeout = store.sqlite!.pragma('busy_timeout', { simple: true });
      writer.sqlite!.exec('begin immediate');
      expect(JSON.parse(await reportJson(store, id))).toHaveProperty('totals');
      expect(await keepDocument(store, id, other)).toBe(false);
      expect(store.sqlite!.pragma('busy_timeout', { simple: true })).toBe(timeout);
      writer.sqlite!.exec('rollback');
      expect(await keptRows(id)).toEqual([]);

      // Asked while a transaction of this process holds the connection, it waits for the
      // transaction to end instead of joining it: kept although that one rolled back.
      let pending: Promise<boolean> | undefined;
      await expect(
        store.db.transaction().execute(async (trx) => {
          await sql`delete from kept_documents`.execute(trx);
          pending = keepDocument(store, id, other);
          await new Promise((resolve) => setTimeout(resolve, 50));
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await pending).toBe(true);
      expect(await keptRows(id)).toEqual(['x']);
    } finally {
      await writer.close();
      await store.close();
      await database.drop();
    }
  });
});
