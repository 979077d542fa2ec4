/**
 * The report cache: a hit after a miss, a miss after any write (also one made through
 * another store on the same database, standing in for another server process), one
 * computation for many concurrent requests, one entry per period and assumptions, one
 * practice never served another's, bounded size, what-ifs made of the period's kept
 * basis. On both engines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { COLLECTIONS } from '../store/collections.ts';
import { openStore, type Store } from '../store/connect.ts';
import { updatePractice } from '../store/practice.repository.ts';
import { insertRecord } from '../store/record-crud.repository.ts';
import { countRecords } from '../store/records.repository.ts';
import { parseBundleText, saveBundleData } from './bundle.ts';
import { buildReport, buildWhatIfBasis } from './report.ts';
import {
  basisCacheStats,
  cached,
  cacheStats,
  configureCache,
  reportJson,
  reportKey,
} from './report-cache.ts';

const BUNDLE = path.resolve(import.meta.dirname, '../../test/fixtures/bundles/small.json');

async function practice(store: Store, name: string): Promise<number> {
  const data = parseBundleText(readFileSync(BUNDLE, 'utf8'));
  data.practice.name = name;
  return (await saveBundleData(store, data)).practice.id;
}

const payment = (id: string, amount: number) => ({
  id,
  date: '2024-03-01',
  amount,
  currency: 'USD',
  fee: null,
  clientId: 'c1',
  offerId: 'o1',
  externalId: null,
  note: null,
});

/** Counts the records of the practice, and how many times it was asked to. */
function counter(store: Store, practiceId: number) {
  const calls = { n: 0 };
  const compute = async () => {
    calls.n++;
    return countRecords(store.db, practiceId);
  };
  return { calls, compute };
}

describeEachEngine('report cache', (ctx) => {
  it('computes on a miss, then serves the same text until the practice is written', async () => {
    const { store } = ctx;
    const id = await practice(store, 'A');
    const fresh = JSON.stringify(await buildReport(store, id));
    expect(await reportJson(store, id)).toBe(fresh);
    expect(cacheStats(store)).toMatchObject({ misses: 1, computes: 1, hits: 0, entries: 1 });
    expect(await reportJson(store, id)).toBe(fresh);
    expect(cacheStats(store)).toMatchObject({ misses: 1, computes: 1, hits: 1 });

    await insertRecord(store.db, COLLECTIONS.payments, id, payment('p9', 90_000));
    const after = await reportJson(store, id);
    expect(after).not.toBe(fresh);
    expect(after).toBe(JSON.stringify(await buildReport(store, id)));
    expect(cacheStats(store)).toMatchObject({ computes: 2, entries: 1 });

    await updatePractice(store.db, id, { weeklyCapacityHours: 5 });
    const settings = await reportJson(store, id);
    expect(settings).not.toBe(after);
    expect(settings).toBe(JSON.stringify(await buildReport(store, id)));
  });

  it('sees a write made through another store on the same database (another process)', async () => {
    const id = await practice(ctx.store, 'A');
    const { calls, compute } = counter(ctx.store, id);
    const before = await cached(ctx.store, id, 'counts', compute);
    expect(JSON.parse(before)).toMatchObject({ payments: 4 });
    const other = await openStore(ctx.database.target);
    try {
      await insertRecord(other.db, COLLECTIONS.payments, id, payment('p9', 1));
      const report = await reportJson(other, id);
      const after = await cached(ctx.store, id, 'counts', compute);
      expect(JSON.parse(after)).toMatchObject({ payments: 5 });
      expect(calls.n).toBe(2);
      // The other store's cache is its own; both answer the same report.
      expect(await reportJson(ctx.store, id)).toBe(report);
    } finally {
      await other.close();
    }
  });

  it('computes once for 50 concurrent requests on a cold cache', async () => {
    const id = await practice(ctx.store, 'A');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { calls, compute } = counter(ctx.store, id);
    const requests = Array.from({ length: 50 }, () =>
      cached(ctx.store, id, 'counts', async () => {
        await gate;
        return compute();
      }),
    );
    // Let every request read the revision and find the computation in flight (on a busy
    // machine 50 revision reads through a PostgreSQL pool can take well over 100 ms).
    await vi.waitFor(() => expect(cacheStats(ctx.store).misses).toBe(50), {
      timeout: 10_000,
      interval: 10,
    });
    release();
    const texts = await Promise.all(requests);
    expect(calls.n).toBe(1);
    expect(new Set(texts).size).toBe(1);
    expect(cacheStats(ctx.store)).toMatchObject({ computes: 1, misses: 50, entries: 1 });

    // The real report too: 50 at once, one computation.
    const reports = await Promise.all(
      Array.from({ length: 50 }, () => reportJson(ctx.store, id, { to: '2024-06-30' })),
    );
    expect(new Set(reports).size).toBe(1);
    expect(cacheStats(ctx.store).computes).toBe(2);
  });

  it('keeps one entry per period and assumptions', async () => {
    const id = await practice(ctx.store, 'A');
    const year = await reportJson(ctx.store, id, { from: '2024-01-01', to: '2024-12-31' });
    const half = await reportJson(ctx.store, id, { from: '2024-01-01', to: '2024-06-30' });
    const raise = await reportJson(ctx.store, id, {
      from: '2024-01-01',
      to: '2024-12-31',
      assumptions: { raise: 0.25 },
    });
    expect(cacheStats(ctx.store)).toMatchObject({ computes: 3, entries: 3 });
    expect(half).not.toBe(year);
    expect(raise).not.toBe(year);
    expect(raise).toBe(
      JSON.stringify(
        await buildReport(ctx.store, id, {
          from: '2024-01-01',
          to: '2024-12-31',
          assumptions: { raise: 0.25 },
        }),
      ),
    );
    expect(await reportJson(ctx.store, id, { from: '2024-01-01', to: '2024-06-30' })).toBe(half);
    expect(cacheStats(ctx.store)).toMatchObject({ computes: 3, hits: 1 });
  });

  it('makes what-ifs of the period the report read, without reading the records again', async () => {
    const { store } = ctx;
    const id = await practice(store, 'A');
    const shown = JSON.parse(await reportJson(store, id)) as {
      period: { from: string; to: string };
    };
    const period = { from: shown.period.from, to: shown.period.to };
    expect(basisCacheStats(store)).toMatchObject({ computes: 1 });

    // The page's what-ifs: the dates the report shows, edited assumptions.
    const edits = [{ raise: 0.25 }, { uplift: 0.5, extraPerWeek: 3 }, { raise: 0 }, { raise: 0.1 }];
    for (const assumptions of edits) {
      const text = await reportJson(store, id, { ...period, assumptions });
      expect(text).toBe(JSON.stringify(await buildReport(store, id, { ...period, assumptions })));
    }
    expect(basisCacheStats(store)).toMatchObject({ computes: 1, entries: 2 });
    expect(
      JSON.parse(await reportJson(store, id, { ...period, assumptions: { raise: 0.25 } })).levers,
    ).not.toEqual(JSON.parse(await reportJson(store, id)).levers);

    // Another period: its own basis; none given: the default report's. The same figures
    // as the whole report either way.
    const held = basisCacheStats(store).bytes;
    const half = { from: '2024-01-01', to: '2024-06-30', assumptions: { raise: 0.3 } };
    expect(await reportJson(store, id, half)).toBe(
      JSON.stringify(await buildReport(store, id, half)),
    );
    // Asked with the dates it resolves to: held once, its text counted once (2 bytes a unit).
    const halfBasis = JSON.stringify(await buildWhatIfBasis(store, id, half));
    expect(basisCacheStats(store)).toMatchObject({
      entries: 3,
      bytes: held + 2 * halfBasis.length,
    });
    const noPeriod = { assumptions: { extraPerWeek: 2 } };
    expect(await reportJson(store, id, noPeriod)).toBe(
      JSON.stringify(await buildReport(store, id, noPeriod)),
    );
    expect(basisCacheStats(store).computes).toBe(2);

    // A write: the next what-if reads the records again.
    await insertRecord(store.db, COLLECTIONS.payments, id, payment('p9', 90_000));
    const after = { ...period, assumptions: { raise: 0.25 } };
    expect(await reportJson(store, id, after)).toBe(
      JSON.stringify(await buildReport(store, id, after)),
    );
    expect(basisCacheStats(store).computes).toBe(3);
  });

  it('refuses a bad what-if as the whole report does, a practice that is gone first', async () => {
    const { store } = ctx;
    const id = await practice(store, 'A');
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { name: string; code: string; message: string }) => ({
          name: error.name,
          code: error.code,
          message: error.message,
        }),
      );
    const asked = [
      { practiceId: id, options: { assumptions: { raise: -1 } } },
      { practiceId: id, options: { assumptions: { bonus: 1 } as never } },
      {
        practiceId: id,
        options: { from: '2024-06-30', to: '2024-01-01', assumptions: { raise: 0.2 } },
      },
      {
        practiceId: id,
        options: { from: '1990-01-01', to: '1990-12-31', assumptions: { raise: 0.2 } },
      },
      { practiceId: id + 1000, options: { assumptions: { raise: -1 } } },
      { practiceId: id + 1000, options: { assumptions: { raise: 0.2 } } },
    ];
    for (const { practiceId, options } of asked) {
      const expected = await failure(buildReport(store, practiceId, options));
      expect(expected).not.toBeNull();
      expect(await failure(reportJson(store, practiceId, options))).toEqual(expected);
    }
  });

  it('never serves one practice what was computed for another', async () => {
    const a = await practice(ctx.store, 'A');
    const b = await practice(ctx.store, 'B');
    await insertRecord(ctx.store.db, COLLECTIONS.payments, b, payment('p9', 70_000));
    const reportA = await reportJson(ctx.store, a);
    const reportB = await reportJson(ctx.store, b);
    expect(reportA).toBe(JSON.stringify(await buildReport(ctx.store, a)));
    expect(reportB).toBe(JSON.stringify(await buildReport(ctx.store, b)));
    expect(reportB).not.toBe(reportA);
    const countsA = await cached(ctx.store, a, 'counts', counter(ctx.store, a).compute);
    const countsB = await cached(ctx.store, b, 'counts', counter(ctx.store, b).compute);
    expect(JSON.parse(countsA)).toMatchObject({ payments: 4 });
    expect(JSON.parse(countsB)).toMatchObject({ payments: 5 });
  });

  it('stays within its bounds and drops what a newer revision replaced', async () => {
    configureCache(ctx.store, { maxEntries: 2 });
    const id = await practice(ctx.store, 'A');
    const { calls, compute } = counter(ctx.store, id);
    for (const key of ['k1', 'k2', 'k3']) await cached(ctx.store, id, key, compute);
    expect(cacheStats(ctx.store).entries).toBe(2);
    await cached(ctx.store, id, 'k3', compute);
    expect(calls.n).toBe(3);
    // k1 was the least recently used: gone.
    await cached(ctx.store, id, 'k1', compute);
    expect(calls.n).toBe(4);

    // A write: the next read drops the entries of the older revision.
    await insertRecord(ctx.store.db, COLLECTIONS.payments, id, payment('p9', 1));
    await cached(ctx.store, id, 'k1', compute);
    expect(cacheStats(ctx.store).entries).toBe(1);

    configureCache(ctx.store, { maxBytes: 40 });
    await cached(ctx.store, id, 'small', async () => 'x'.repeat(10));
    await cached(ctx.store, id, 'large', async () => 'x'.repeat(100));
    expect(cacheStats(ctx.store)).toMatchObject({ entries: 1 });
    expect(cacheStats(ctx.store).bytes).toBeLessThanOrEqual(40);
  });

  it('keeps no failure: the next request computes again', async () => {
    const id = await practice(ctx.store, 'A');
    let fail = true;
    const compute = async () => {
      if (fail) throw new Error('the database went away');
      return 'fine';
    };
    const both = [cached(ctx.store, id, 'k', compute), cached(ctx.store, id, 'k', compute)];
    for (const request of both) await expect(request).rejects.toThrow('the database went away');
    fail = false;
    expect(await cached(ctx.store, id, 'k', compute)).toBe('"fine"');
  });
});

it('names a report entry by its period and assumptions, whatever their order', () => {
  expect(reportKey({ assumptions: { raise: 0.1, uplift: 0.2 } })).toBe(
    reportKey({ assumptions: { uplift: 0.2, raise: 0.1 } }),
  );
  expect(reportKey({ from: '2024-01-01' })).not.toBe(reportKey({ to: '2024-01-01' }));
  expect(reportKey({ assumptions: { raise: 0.1 } })).not.toBe(reportKey({}));
});
