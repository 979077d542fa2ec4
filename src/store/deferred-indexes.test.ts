/**
 * The bulk insert with a large import's indexes dropped (deferred-indexes.ts, SQLite):
 * the unique keys held in memory skip exactly the rows the unique indexes would have
 * skipped — rows stored before the import, repeats within and across batches, a
 * payment's external id under another id, other practices' keys left alone, NULL keys
 * never conflicting — so the stored rows and the ids returned as fresh are those of the
 * plain `INSERT … ON CONFLICT DO NOTHING`, and the indexes build again. Run with the
 * real hash and with a poor one, under which every key shares a few hashes and each
 * match must be told apart by the row read back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeForEachTest } from '../../test/engines.ts';
import type { Payment } from '../domain/model.ts';
import { type BulkConnection, insertNewRecordRows } from './bulk-insert.ts';
import { COLLECTIONS } from './collections.ts';
import { DeferredIndexes } from './deferred-indexes.ts';
import { type ImportRow, insertImportRows, listImportRows } from './import-row.repository.ts';
import { hashKey, type KeyValues } from './key-set.ts';
import { createPractice } from './practice.repository.ts';
import { selectRecords } from './record-sql.ts';
import { buildImportRow, buildPractice } from './test-data.ts';

const HASHES: [string, (values: KeyValues) => number][] = [
  ['the real hash', hashKey],
  ['a hash with four values', (values) => hashKey(values) & 3],
];

const payment = (id: string, externalId: string | null, amount = 100): Payment => ({
  id,
  date: '2024-01-05',
  amount,
  currency: 'USD',
  fee: null,
  clientId: null,
  offerId: null,
  externalId,
  note: null,
});

const importRow = (id: string, line: number): ImportRow =>
  buildImportRow({ id, line, externalId: id, unassigned: 0, materialized: 1 });

interface Batches {
  payments: Payment[][];
  rows: ImportRow[][];
}

const ctx = storeForEachTest('sqlite');

/** Indexes of `table` on the import's own connection now. */
const indexNames = (table: string) =>
  ctx.store
    .sqlite!.prepare(`select name from sqlite_schema where type = 'index' and tbl_name = ?`)
    .pluck()
    .all(table) as string[];

/**
 * Writes `batches` into practice `id` in one transaction, the indexes dropped once a
 * batch is written (`deferred`) or kept up; returns what each insert reported and
 * whether the unique keys were held in memory at some insert.
 */
async function write(
  id: number,
  batches: Batches,
  deferred?: (values: KeyValues) => number,
): Promise<{ reported: unknown[]; held: boolean }> {
  const reported: unknown[] = [];
  let held = false;
  await ctx.store.db.transaction().execute(async (trx) => {
    const indexes = deferred ? new DeferredIndexes(ctx.store.sqlite!, 1, deferred) : undefined;
    const bulk: BulkConnection = { sqlite: ctx.store.sqlite!, indexes };
    let position = 0;
    for (let i = 0; i < Math.max(batches.payments.length, batches.rows.length); i++) {
      held ||= Boolean(indexes?.heldKeys('payments') || indexes?.heldKeys('importRows'));
      const records = batches.payments[i] ?? [];
      reported.push(
        await insertNewRecordRows(trx, COLLECTIONS.payments, id, records, position, bulk),
      );
      position += records.length;
      reported.push([...(await insertImportRows(trx, id, batches.rows[i] ?? [], bulk))]);
    }
    if (indexes?.heldKeys('payments'))
      expect(indexNames('payments')).not.toContain('payments_pkey');
    indexes?.rebuild();
  });
  return { reported, held };
}

const stored = async (id: number) => ({
  rows: (await listImportRows(ctx.store.db, id)).map(({ practiceId, ...row }) => row),
  payments: await selectRecords(ctx.store.db, COLLECTIONS.payments, id),
});

/** The same batches, written with the indexes dropped and with them kept up, agree. */
async function expectSameAsPlain(
  before: Batches,
  batches: Batches,
  hash: (values: KeyValues) => number,
) {
  const [deferredId, plainId] = [
    await createPractice(ctx.store.db, buildPractice({ name: 'deferred' })),
    await createPractice(ctx.store.db, buildPractice({ name: 'plain' })),
  ];
  // Rows stored before, in both practices (each practice's keys are its own).
  await write(deferredId, before);
  const deferred = await write(deferredId, batches, hash);
  await write(plainId, before);
  const plain = await write(plainId, batches);
  expect(deferred.reported).toEqual(plain.reported);
  expect(await stored(deferredId)).toStrictEqual(await stored(plainId));
  expect(ctx.store.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
  for (const table of ['payments', 'import_rows'])
    expect(indexNames(table)).toContain(`${table}_pkey`);
  return { held: deferred.held, id: deferredId };
}

describe.each(HASHES)('held keys, with %s', (_name, hash) => {
  it('skip what the unique indexes skip', async () => {
    const { held, id } = await expectSameAsPlain(
      {
        payments: [[payment('p1', 'ch_1'), payment('p2', null)]],
        rows: [[importRow('stripe:a', 1)]],
      },
      {
        payments: [
          [payment('p3', 'ch_3'), payment('p9', 'ch_9'), payment('p10', 'ch_10')],
          [
            payment('p1', 'ch_11', 1), // stored before, under its id
            payment('p4', 'ch_1', 2), // another id, a stored external id
            payment('p5', null), // NULL external ids never conflict
            payment('p6', null),
            payment('p3', 'ch_8', 3), // written by this import, earlier batch
            payment('p7', 'ch_7'),
            payment('p7', 'ch_77', 4), // repeated within the batch
            payment('p8', 'ch_7', 5), // external id repeated within the batch
          ],
        ],
        rows: [
          [importRow('stripe:b', 2), importRow('stripe:d', 6)],
          [importRow('stripe:a', 3), importRow('stripe:c', 4), importRow('stripe:c', 5)],
        ],
      },
      hash,
    );
    expect(held).toBe(true);
    const ids = (await stored(id)).payments
      .map((p) => `${p.id}/${p.externalId}/${p.amount}`)
      .sort();
    expect(ids).toEqual([
      'p1/ch_1/100',
      'p10/ch_10/100',
      'p2/null/100',
      'p3/ch_3/100',
      'p5/null/100',
      'p6/null/100',
      'p7/ch_7/100',
      'p9/ch_9/100',
    ]);
  });

  it('agree with the plain insert on any batches', async () => {
    let heldRuns = 0;
    const id = fc.integer({ min: 0, max: 12 });
    const paymentArb = fc
      .tuple(id, fc.option(id, { nil: null }), fc.integer({ min: 1, max: 9 }))
      .map(([n, ext, amount]) => payment(`p${n}`, ext === null ? null : `ch_${ext}`, amount));
    const rowArb = fc.tuple(id, fc.nat(99)).map(([n, line]) => importRow(`stripe:${n}`, line));
    const batchesOf = <T>(arb: fc.Arbitrary<T>, max: number) =>
      fc.array(fc.array(arb, { maxLength: max }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        batchesOf(paymentArb, 4),
        batchesOf(rowArb, 4),
        batchesOf(paymentArb, 20),
        batchesOf(rowArb, 20),
        async (pBefore, rBefore, pBatches, rBatches) => {
          ctx.store.sqlite!.exec('delete from practices');
          heldRuns += (
            await expectSameAsPlain(
              { payments: pBefore, rows: rBefore },
              { payments: pBatches, rows: rBatches },
              hash,
            )
          ).held
            ? 1
            : 0;
        },
      ),
      { numRuns: 40 },
    );
    // Most runs write more rows than were there before, and hold the keys.
    expect(heldRuns).toBeGreaterThan(10);
  }, 120_000);
});

it('keeps the unique indexes up when rowids are past what a key set holds', async () => {
  const id = await createPractice(ctx.store.db, buildPractice());
  ctx.store
    .sqlite!.prepare(
      `insert into payments (rowid, practice_id, id, position, date, amount, currency)
       values (4294967301, ?, 'p0', 0, '2024-01-05', 1, 'USD')`,
    )
    .run(id);
  const batches = [[payment('p1', 'ch_1'), payment('p2', 'ch_2')], [payment('p0', 'ch_0')]];
  const { reported, held } = await write(id, { payments: batches, rows: [] }, hashKey);
  // No keys held (a rowid past 32 bits could not be): the index found the stored row.
  expect(held).toBe(false);
  expect(reported.filter((r) => typeof r === 'number')).toEqual([2, 0]);
  expect(indexNames('payments')).toContain('payments_pkey');
});
