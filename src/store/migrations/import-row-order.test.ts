/**
 * Migration 0010 on both engines: the imported rows are read in date then id order
 * through an index, a page after a given row (`rules apply`) and the inbox's pages alike,
 * with no sort of every row; `down` gives back the index it replaced.
 */
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/engines.ts';
import { indexesOf, planOf } from '../../../test/query-plans.ts';
import { importRowsQuery, insertImportRows, listImportRows } from '../import-row.repository.ts';
import { createPractice } from '../practice.repository.ts';
import { buildImportRow, buildPractice } from '../test-data.ts';
import * as importRowOrder from './2026_12_08_0010_import_row_order.ts';

describeEachEngine('migration 0010: imported rows in date order', (ctx) => {
  it('reads a page after a row, and an inbox page, through an index without sorting', async () => {
    const id = await createPractice(ctx.store.db, buildPractice());
    const rows = Array.from({ length: 30 }, (_, i) =>
      buildImportRow({
        id: `stripe:ch_${i}`,
        date: `2024-01-0${1 + (i % 3)}`,
        unassigned: i % 4 === 0 ? 1 : 0,
      }),
    );
    await insertImportRows(ctx.store.db, id, rows);

    const next = await planOf(ctx, (db) =>
      importRowsQuery(db, id, {
        limit: 5000,
        after: { date: '2024-01-02', id: 'stripe:ch_4' },
      }).compile(),
    );
    expect(next).toContain('import_rows_date_id_idx');
    const inbox = await planOf(ctx, (db) =>
      importRowsQuery(db, id, { unassigned: true, limit: 50, offset: 10 }).compile(),
    );
    expect(inbox).toContain('import_rows_inbox_idx');
    for (const plan of [next, inbox]) expect(plan).not.toMatch(/TEMP B-TREE|Sort/);

    // The page after a row starts right after it, in date then id order.
    const all = await listImportRows(ctx.store.db, id);
    const at = all.findIndex((r) => r.date === '2024-01-02' && r.id === 'stripe:ch_4');
    const page = await listImportRows(ctx.store.db, id, {
      limit: 4,
      after: { date: '2024-01-02', id: 'stripe:ch_4' },
    });
    expect(page.map((r) => r.id)).toEqual(all.slice(at + 1, at + 5).map((r) => r.id));
  });

  it('down gives back the inbox index it replaced', async () => {
    expect(await indexesOf(ctx, 'import_rows')).toEqual(
      expect.arrayContaining(['import_rows_date_id_idx', 'import_rows_inbox_idx']),
    );
    await ctx.store.db
      .transaction()
      .execute((trx) => importRowOrder.down(trx as unknown as Kysely<unknown>));
    const after = await indexesOf(ctx, 'import_rows');
    expect(after).toContain('import_rows_unassigned_idx');
    expect(after).not.toContain('import_rows_date_id_idx');
    expect(after).not.toContain('import_rows_inbox_idx');
  });
});
