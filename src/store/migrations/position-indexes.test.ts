/**
 * Migration 0011 on both engines: the position a new record takes (the last one + 1) is
 * read from an index, not from every record of the practice; `down` drops the indexes.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { indexesOf, planOf } from '../../../test/query-plans.ts';
import { COLLECTIONS } from '../collections.ts';
import { sqlName } from '../naming.ts';
import { createPractice } from '../practice.repository.ts';
import { insertRecord } from '../record-crud.repository.ts';
import { lastPositionQuery, nextPosition } from '../record-sql.ts';
import { buildPayments, buildPractice } from '../test-data.ts';
import * as positionIndexes from './2026_12_08_0011_position_indexes.ts';

const INDEXED = ['clients', 'payments', 'timeEntries', 'costs', 'conversations'] as const;

describeEachEngine('migration 0011: the last position from an index', (ctx) => {
  it('finds the next position of every large table through its index', async () => {
    const id = await createPractice(ctx.store.db, buildPractice());
    const other = await createPractice(ctx.store.db, buildPractice({ name: 'Other' }));
    for (const payment of buildPayments(5)) {
      await insertRecord(ctx.store.db, COLLECTIONS.payments, id, { ...payment });
    }
    await insertRecord(ctx.store.db, COLLECTIONS.payments, other, { ...buildPayments(1, 'o')[0] });
    expect(await nextPosition(ctx.store.db, COLLECTIONS.payments, id)).toBe(5);
    expect(await nextPosition(ctx.store.db, COLLECTIONS.payments, other)).toBe(1);

    for (const name of INDEXED) {
      const table = sqlName(COLLECTIONS[name].table);
      const plan = await planOf(ctx, (db) =>
        lastPositionQuery(db, COLLECTIONS[name], id).compile(),
      );
      expect(plan, name).toContain(`${table}_position_idx`);
    }
  });

  it('down drops them', async () => {
    for (const name of INDEXED) {
      const table = sqlName(COLLECTIONS[name].table);
      expect(await indexesOf(ctx, table)).toContain(`${table}_position_idx`);
    }
    await ctx.store.db
      .transaction()
      .execute((trx) => positionIndexes.down(trx as unknown as Kysely<unknown>));
    for (const name of INDEXED) {
      const table = sqlName(COLLECTIONS[name].table);
      expect(await indexesOf(ctx, table)).not.toContain(`${table}_position_idx`);
    }
  });
});
