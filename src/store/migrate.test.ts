/** Migrations: apply on an empty database, are idempotent on reopen, and fail loudly. */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { openStore } from './connect.ts';
import { StoreError } from './errors.ts';
import { migrateToLatest } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createPractice } from './practice.repository.ts';
import { countRecords } from './records.repository.ts';
import { buildPractice } from './test-data.ts';

/**
 * sha256 of every released migration. A released migration is never edited: change the
 * schema with a new migration. Add a line here when you release a new one.
 */
const RELEASED: Record<string, string> = {
  '2026_11_25_0001_initial': '858df4d2e84b291eef7a5eafbdae043a68e6b635d1b762844d3188db8cacc1bb',
  '2026_11_25_0002_imports': 'c092f0e3ac86dec5b589d7166be9efbf6a9085ee137f0f4cf51e197a31e5f55f',
  '2026_11_25_0003_accounts': 'e4ab1f89ceab20f456b2883a69fea573b1e7c5c27d60263b5c9a7db4254b2ba8',
  '2026_11_25_0004_revisions': 'be08886bccd5e08847b3cb391f515f98f743869362adb35a271ae02fe3e96b0a',
  '2026_11_25_0005_report_indexes':
    '5c4f0f6721961d64f166c6412d591c5cb77ae87b9ea746432ecf8bb0c0f003ee',
  '2026_11_25_0006_kept_documents':
    'ff02c0befb9218e778cc1783dbdcf0e9bf1f3dcb13c78071d8e22d1cda3dbb30',
  '2026_11_25_0007_list_indexes':
    '680ab845e16b0b902aa83d5fa25a2ec101bc4897057b09fdb43d0cc213963da8',
  '2026_11_25_0008_report_group_indexes':
    '2f7f717f0716e02df486990e686cbceebd9c4ebb4915f33c914c0ef2188fd218',
  '2026_12_07_0009_droppable_keys':
    '6c0adbab93f81e9b3907a713082c613e70dba9a8f41498cf2f514279b04d80b7',
  '2026_12_08_0010_import_row_order':
    '5d3522d05263e295fc45fd63b606dae22d5596eb452c3aa5c40465c20e00fe6f',
  '2026_12_08_0011_position_indexes':
    'd560338ff39473a8c89f7e8512e2c5e405a8d37eed4c39a87406e15461fea61c',
};

describeEachEngine('migrations', (ctx) => {
  it('create every table on an empty database', async () => {
    const { db } = ctx.store;
    const applied = await db
      .withoutPlugins()
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`)
      .execute();
    expect(applied.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    const id = await createPractice(db, buildPractice());
    expect(await countRecords(db, id)).toEqual({
      offers: 0,
      clients: 0,
      payments: 0,
      timeEntries: 0,
      costs: 0,
      conversations: 0,
      listSnapshots: 0,
      rates: 0,
    });
  });

  it('are idempotent: reopening applies nothing and keeps the data', async () => {
    const id = await createPractice(ctx.store.db, buildPractice());
    expect(await migrateToLatest(ctx.store.db)).toEqual([]);
    const again = await openStore(ctx.database.target);
    try {
      const row = await again.db
        .selectFrom('practices')
        .select('name')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row?.name).toBe(buildPractice().name);
    } finally {
      await again.close();
    }
  });

  it('report a failing migration as a StoreError naming it', async () => {
    const broken = {
      ...MIGRATIONS,
      '2099_01_01_0001_broken': {
        up: async (db: Kysely<unknown>) => {
          await sql`this is not sql`.execute(db);
        },
      },
    };
    const error = await migrateToLatest(ctx.store.db, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'migration_failed' });
    expect((error as Error).message).toContain('2099_01_01_0001_broken');
  });
});

it('migration names are timestamped and in order', () => {
  const names = Object.keys(MIGRATIONS);
  for (const name of names) expect(name).toMatch(/^\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+$/);
  expect([...names].sort()).toEqual(names);
});

it('released migrations are never edited', () => {
  for (const [name, hash] of Object.entries(RELEASED)) {
    const file = new URL(`./migrations/${name}.ts`, import.meta.url);
    const actual = createHash('sha256')
      .update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n'))
      .digest('hex');
    expect(actual, `${name} was edited after release: add a new migration instead`).toBe(hash);
  }
});
