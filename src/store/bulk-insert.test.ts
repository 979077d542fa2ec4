/**
 * The import's bulk path (bulk-insert.ts: COPY through a staging table on PostgreSQL,
 * prepared single-row statements on SQLite) stores exactly what the plain multi-row
 * `INSERT … ON CONFLICT DO NOTHING` stores, on both engines: the same rows (the first of
 * equal ids wins), the same ids returned as fresh, duplicates of stored rows skipped
 * (payments' external ids too), and nothing at all when the transaction fails.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import type { Payment } from '../domain/model.ts';
import { bulkConnectionOf, insertNewRecordRows } from './bulk-insert.ts';
import { COLLECTIONS } from './collections.ts';
import { type ImportRow, insertImportRows, listImportRows } from './import-row.repository.ts';
import { createPractice } from './practice.repository.ts';
import { selectRecords } from './record-sql.ts';
import { buildPractice } from './test-data.ts';

/** Text that COPY's text format must escape or keep apart: tabs, breaks, backslashes, `\N`. */
const nasty = fc.string({
  unit: fc.constantFrom('\\', '\t', '\n', '\r', '"', "'", ',', 'N', '.', ' ', 'é', '山', '🌊', 'a'),
  maxLength: 12,
});
const text = fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 8 }));
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const amount = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const hours = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((h) => !Object.is(h, -0));

/** Ids from a small pool, so batches repeat ids within themselves and across batches. */
const importRow: fc.Arbitrary<ImportRow> = fc.record({
  id: fc.integer({ min: 0, max: 30 }).map((n) => `stripe:ch_${n}`),
  importId: fc.constant(1),
  kind: fc.constantFrom('payment' as const, 'time' as const, 'cost' as const),
  format: fc.constant('stripe'),
  file: text,
  line: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  externalId: text,
  date: fc.constantFrom('2024-01-05', '2025-12-31'),
  amount: orNull(amount),
  currency: orNull(fc.constantFrom('USD', 'EUR', '')),
  fee: orNull(amount),
  hours: orNull(hours),
  refundOf: orNull(text),
  attributes: text,
  customer: orNull(text),
  unassigned: fc.constantFrom(0, 1),
  materialized: fc.constantFrom(0, 1),
});

const payment: fc.Arbitrary<Payment> = fc.record({
  id: fc.integer({ min: 0, max: 30 }).map((n) => `p${n}`),
  date: fc.constantFrom('2024-01-05', '2025-12-31'),
  amount,
  currency: fc.constantFrom('USD', 'EUR'),
  fee: orNull(amount),
  clientId: orNull(text),
  offerId: orNull(text),
  externalId: orNull(fc.integer({ min: 0, max: 30 }).map((n) => `ch_${n}`)),
  note: orNull(text),
});

const batches = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(fc.array(arb, { maxLength: 40 }), { minLength: 1, maxLength: 3 });

describeEachEngine('bulk inserts', (ctx) => {
  let practices = 0;
  const practice = () =>
    createPractice(ctx.store.db, buildPractice({ name: `practice ${++practices}` }));

  it('store the rows plain INSERTs store and return the same fresh ids', async () => {
    await fc.assert(
      fc.asyncProperty(batches(importRow), batches(payment), async (rowBatches, paymentBatches) => {
        const [bulkId, plainId] = [await practice(), await practice()];
        await ctx.store.db.transaction().execute(async (trx) => {
          const bulk = await bulkConnectionOf(ctx.store, trx);
          expect(bulk && Object.keys(bulk)).toEqual([ctx.engine]);
          for (const rows of rowBatches) {
            const fresh = await insertImportRows(trx, bulkId, rows, bulk);
            expect(fresh).toEqual(await insertImportRows(trx, plainId, rows));
          }
          let position = 0;
          for (const records of paymentBatches) {
            const spec = COLLECTIONS.payments;
            const added = await insertNewRecordRows(trx, spec, bulkId, records, position, bulk);
            expect(added).toBe(await insertNewRecordRows(trx, spec, plainId, records, position));
            position += records.length;
          }
        });
        const stored = async (id: number) => ({
          rows: (await listImportRows(ctx.store.db, id)).map(({ practiceId, ...row }) => row),
          payments: await selectRecords(ctx.store.db, COLLECTIONS.payments, id),
        });
        const fromBulk = await stored(bulkId);
        expect(fromBulk).toStrictEqual(await stored(plainId));
        // The first of equal ids wins, as in one multi-row INSERT.
        const firstOf = new Map<string, ImportRow>();
        for (const row of rowBatches.flat())
          if (!firstOf.has(row.id)) firstOf.set(row.id, { ...row });
        expect(new Map(fromBulk.rows.map((r) => [r.id, r]))).toStrictEqual(firstOf);
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('write nothing when the transaction fails, and work again in the next one', async () => {
    const id = await practice();
    const rows = fc.sample(importRow, { numRuns: 50, seed: 7 });
    const broken = { ...rows[0]!, id: 'stripe:broken', date: null as unknown as string };
    await expect(
      ctx.store.db.transaction().execute(async (trx) => {
        const bulk = await bulkConnectionOf(ctx.store, trx);
        expect((await insertImportRows(trx, id, rows, bulk)).size).toBeGreaterThan(0);
        await insertImportRows(trx, id, [broken], bulk);
      }),
    ).rejects.toThrow();
    expect(await listImportRows(ctx.store.db, id)).toEqual([]);
    const fresh = await ctx.store.db.transaction().execute(async (trx) => {
      return insertImportRows(trx, id, rows, await bulkConnectionOf(ctx.store, trx));
    });
    expect([...fresh].sort()).toEqual([...new Set(rows.map((r) => r.id))].sort());
  }, 60_000);
});
