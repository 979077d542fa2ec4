/**
 * Migration 0009 on SQLite: the keys of the tables an import writes in bulk become unique
 * indexes (droppable inside a transaction) with the rows, rowids and other indexes kept;
 * they refuse a second row with the same key as before; `down` puts the constraints back.
 */
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { storeForEachTest } from '../../../test/engines.ts';
import { migrateToLatest } from '../migrate.ts';
import { createPractice } from '../practice.repository.ts';
import { buildPractice } from '../test-data.ts';
import * as droppableKeys from './2026_12_07_0009_droppable_keys.ts';
import { MIGRATIONS } from './index.ts';

const NAME = '2026_12_07_0009_droppable_keys';
const TABLES = ['clients', 'payments', 'time_entries', 'costs', 'import_rows'];
const upTo = (last: string, inclusive: boolean) =>
  Object.fromEntries(
    Object.entries(MIGRATIONS).filter(([name]) => (inclusive ? name <= last : name < last)),
  );
const before = upTo(NAME, false);

const ctx = storeForEachTest('sqlite', { migrate: false });
beforeEach(async () => {
  await migrateToLatest(ctx.store.db, before);
});

/** The indexes of `table`: name, unique, and whether the table's definition made it. */
function indexes(table: string) {
  return ctx.store
    .sqlite!.prepare(`select name, "unique", origin from pragma_index_list(?) order by name`)
    .all(table) as { name: string; unique: number; origin: string }[];
}

const contents = (table: string) =>
  ctx.store.sqlite!.prepare(`select rowid, * from "${table}" order by rowid`).all();

it('turns the bulk tables’ primary keys into unique indexes, keeping rows and indexes', async () => {
  const id = await createPractice(ctx.store.db, buildPractice());
  const other = await createPractice(ctx.store.db, { ...buildPractice(), name: 'Other' });
  // Rows whose rowids are not in key order, one table with a gap in its rowids.
  const sqlite = ctx.store.sqlite!;
  for (const [practice, key, date] of [
    [id, 'p-b', '2024-02-01'],
    [other, 'p-b', '2024-03-01'],
    [id, 'p-a', '2024-01-01'],
  ] as const) {
    sqlite
      .prepare(
        `insert into payments (practice_id, id, position, date, amount, currency, external_id)
         values (?, ?, 1, ?, 100, 'USD', ?)`,
      )
      .run(practice, key, date, `${key}-${practice}`);
  }
  sqlite.prepare(`delete from payments where id = 'p-b' and practice_id = ?`).run(other);
  const rowsBefore = Object.fromEntries(TABLES.map((t) => [t, contents(t)]));
  const indexesBefore = Object.fromEntries(TABLES.map((t) => [t, indexes(t)]));
  expect(indexesBefore.payments).toContainEqual({
    name: 'sqlite_autoindex_payments_1',
    unique: 1,
    origin: 'pk',
  });

  expect(await migrateToLatest(ctx.store.db, upTo(NAME, true))).toEqual([NAME]);

  for (const table of TABLES) {
    expect(contents(table)).toEqual(rowsBefore[table]);
    const now = indexes(table);
    expect(now).toContainEqual({ name: `${table}_pkey`, unique: 1, origin: 'c' });
    // Every other index is still there, by the same name; only the automatic one went.
    const others = indexesBefore[table]!.filter((i) => !i.name.startsWith('sqlite_'));
    expect(now.filter((i) => i.name !== `${table}_pkey`)).toEqual(others);
  }
  const { sql: definition } = sqlite
    .prepare(`select sql from sqlite_schema where name = 'payments'`)
    .get() as { sql: string };
  expect(definition).not.toMatch(/primary key/i);
  expect(definition).toMatch(/^CREATE TABLE "payments" \(/);

  // The key still refuses a second row, and ON CONFLICT still finds it.
  expect(() =>
    sqlite
      .prepare(
        `insert into payments (practice_id, id, position, date, amount, currency)
         values (?, 'p-a', 2, '2024-05-01', 1, 'USD')`,
      )
      .run(id),
  ).toThrow(/UNIQUE constraint failed: payments.practice_id, payments.id/);
  const ignored = sqlite
    .prepare(
      `insert into payments (practice_id, id, position, date, amount, currency)
       values (?, 'p-a', 2, '2024-05-01', 1, 'USD') on conflict (practice_id, id) do nothing`,
    )
    .run(id);
  expect(ignored.changes).toBe(0);
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);

  // Down: the table constraints again, rows as they were.
  await ctx.store.db
    .transaction()
    .execute((trx) => droppableKeys.down(trx as unknown as Kysely<unknown>));
  for (const table of TABLES) {
    expect(contents(table)).toEqual(rowsBefore[table]);
    expect(indexes(table)).toEqual(indexesBefore[table]);
  }
});
