/**
 * Upgrades, on both engines: a database made by the first released schema (only
 * migration 2026_11_25_0001_initial, data written with that release's raw SQL) opened by
 * today's `openStore` loses nothing — its exported bundle is exactly the data written —
 * and ends with the same tables and columns as a fresh install. And a guard: no
 * migration's `up` drops, renames or alters anything (the additive-only policy), but for
 * the reviewed remakes of tables listed in `REMAKES`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/app/bundle.ts';
import { dataToBundle, readBundle } from '../../src/domain/bundle.ts';
import type { PracticeData } from '../../src/domain/model.ts';
import { openStore, type Store } from '../../src/store/connect.ts';
import type { Database } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { postgresDialect } from '../../src/store/postgres.ts';
import { sqliteDialect } from '../../src/store/sqlite.ts';
import { ENGINES, freshTarget } from '../engines.ts';

const FIRST = '2026_11_25_0001_initial';
const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../src/store/migrations');

function smallData(): PracticeData {
  const text = readFileSync(
    path.resolve(import.meta.dirname, '../fixtures/bundles/small.json'),
    'utf8',
  );
  const result = readBundle(JSON.parse(text));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.data;
}

type Row = Record<string, unknown>;

/** `INSERT INTO table (columns…) VALUES (…)` as the first release wrote it. */
async function insert(db: Kysely<unknown>, table: string, row: Row): Promise<void> {
  const columns = Object.keys(row);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES (${sql.join(columns.map((c) => row[c] ?? null))})`.execute(
    db,
  );
}

/** Writes a practice with the first schema's columns, straight SQL; returns its id. */
async function writeFirstRelease(db: Kysely<unknown>, data: PracticeData): Promise<number> {
  const p = data.practice;
  const { rows } = await sql<{ id: number }>`INSERT INTO practices
    (name, currency, timezone, started_on, niche, weekly_capacity_hours, live_sessions, targets, created_at, updated_at)
    VALUES (${p.name}, ${p.currency}, ${p.timezone}, ${p.startedOn}, ${p.niche}, ${p.weeklyCapacityHours},
      ${p.liveSessions ? 1 : 0}, ${JSON.stringify(p.targets)}, '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z')
    RETURNING id`.execute(db);
  const practice_id = Number(rows[0]!.id);
  let position = 0;
  const own = (row: Row) => ({ practice_id, position: ++position, ...row });
  for (const o of data.offers)
    await insert(
      db,
      'offers',
      own({ id: o.id, name: o.name, kind: o.kind, price: o.price, launched_on: o.launchedOn }),
    );
  for (const c of data.clients)
    await insert(
      db,
      'clients',
      own({
        id: c.id,
        name: c.name,
        email: c.email,
        segment: c.segment,
        source: c.source,
        referred_by: c.referredBy,
      }),
    );
  for (const x of data.payments)
    await insert(
      db,
      'payments',
      own({
        id: x.id,
        date: x.date,
        amount: x.amount,
        currency: x.currency,
        fee: x.fee,
        client_id: x.clientId,
        offer_id: x.offerId,
        external_id: x.externalId,
        note: x.note,
      }),
    );
  for (const t of data.timeEntries)
    await insert(
      db,
      'time_entries',
      own({
        id: t.id,
        date: t.date,
        hours: t.hours,
        activity: t.activity,
        offer_id: t.offerId,
        client_id: t.clientId,
        channel: t.channel,
        note: t.note,
      }),
    );
  for (const k of data.costs)
    await insert(
      db,
      'costs',
      own({
        id: k.id,
        date: k.date,
        amount: k.amount,
        currency: k.currency,
        offer_id: k.offerId,
        channel: k.channel,
        category: k.category,
      }),
    );
  for (const v of data.conversations)
    await insert(
      db,
      'conversations',
      own({
        id: v.id,
        date: v.date,
        prospect: v.prospect,
        channel: v.channel,
        offer_id: v.offerId,
        outcome: v.outcome,
        client_id: v.clientId,
      }),
    );
  for (const s of data.listSnapshots)
    await insert(db, 'list_snapshots', own({ date: s.date, subscribers: s.subscribers }));
  for (const r of data.rates)
    await insert(db, 'rates', own({ date: r.date, from: r.from, to: r.to, rate: r.rate }));
  return practice_id;
}

/** Every table with its columns (name, type, nullability), as Kysely introspects them. */
async function schemaOf(store: Store): Promise<Record<string, string[]>> {
  const tables = await store.db.introspection.getTables();
  return Object.fromEntries(
    tables
      .map(
        (t) =>
          [
            t.name,
            t.columns
              .map((c) => `${c.name} ${c.dataType}${c.isNullable ? '' : ' not null'}`)
              .sort(),
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

describe.each(ENGINES)('upgrading a first-release database on %s', (engine) => {
  it('keeps every record and ends with the schema of a fresh install', async () => {
    const target = await freshTarget(engine);
    const dialect = engine === 'sqlite' ? sqliteDialect(target) : await postgresDialect(target);
    const old = new Kysely<Database>({ dialect });
    const data = smallData();
    let id: number;
    try {
      expect(await migrateToLatest(old, { [FIRST]: MIGRATIONS[FIRST]! })).toEqual([FIRST]);
      id = await writeFirstRelease(old.withoutPlugins() as Kysely<unknown>, data);
    } finally {
      await old.destroy();
    }

    const store = await openStore(target);
    const fresh = await openStore(await freshTarget(engine));
    try {
      const bundle = await exportBundle(store, id);
      expect(JSON.stringify(bundle)).toBe(JSON.stringify(dataToBundle(data)));
      const upgraded = await schemaOf(store);
      expect(upgraded).toEqual(await schemaOf(fresh));
      expect(Object.keys(upgraded).length).toBeGreaterThan(9);
    } finally {
      await store.close();
      await fresh.close();
    }
  });
});

/** Schema changes that lose or rewrite data, as Kysely calls or raw SQL. */
const DESTRUCTIVE =
  /\.(dropTable|dropColumn|alterColumn|modifyColumn|renameColumn|renameTo|dropConstraint|dropView|dropSchema)\(|\b(DROP\s+(TABLE|COLUMN|SCHEMA|VIEW)|ALTER\s+COLUMN|RENAME\s+(TO|COLUMN)|DELETE\s+FROM|TRUNCATE)\b/i;

/**
 * The destructive statements of a migration outside its `down`: in `up` and in every
 * helper it may call (the source without the `down` function, which ends at the first
 * closing brace at the start of a line).
 */
function destructiveInUp(source: string): string[] {
  if (source.search(/export\s+async\s+function\s+up\b/) === -1) {
    return ['no `export async function up`'];
  }
  const down = source.search(/export\s+async\s+function\s+down\b/);
  const downEnd = down === -1 ? -1 : source.indexOf('\n}', down);
  const outside =
    down === -1
      ? source
      : source.slice(0, down) + (downEnd === -1 ? '' : source.slice(downEnd + 2));
  return outside
    .split('\n')
    .filter((line) => DESTRUCTIVE.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
    .map((line) => line.trim());
}

/**
 * Migrations that remake tables, each reviewed: SQLite cannot change a table's
 * constraints in place, so the table is created anew, filled with the same rows, and
 * renamed over the old one (docs/storage.md, "Migrations"). Each must keep every row,
 * rowid and index, which its own test checks row for row; the upgrade test above checks
 * the bundle. Their destructive statements are exactly these.
 */
const REMAKES: Record<string, string[]> = {
  '2026_12_07_0009_droppable_keys.ts': [
    'await sql.raw(`drop table "${table}"`).execute(db);',
    'await sql.raw(`alter table "${next}" rename to "${table}"`).execute(db);',
  ],
};

describe('migrations are additive', () => {
  const files = readdirSync(MIGRATIONS_DIR).filter(
    (f) => /^\d{4}_\d{2}_\d{2}_\d{4}_.*\.ts$/.test(f) && !f.endsWith('.test.ts'),
  );

  it('every migration file is listed', () => {
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it.each(files)('%s: up only creates tables and indexes and adds columns', (file) => {
    expect(destructiveInUp(readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))).toEqual(
      REMAKES[file] ?? [],
    );
  });

  it('the guard catches a drop in up or in a helper after down, and allows one in down', () => {
    const source = `export async function up(db) {\n  await db.schema.dropTable('payments').execute();\n  await sql\`ALTER TABLE x RENAME TO y\`.execute(db);\n  await helper(db);\n}\nexport async function down(db) {\n  await db.schema.dropTable('rules').execute();\n}\nasync function helper(db) {\n  await sql.raw('drop table costs').execute(db);\n}\n`;
    expect(destructiveInUp(source)).toEqual([
      "await db.schema.dropTable('payments').execute();",
      'await sql`ALTER TABLE x RENAME TO y`.execute(db);',
      "await sql.raw('drop table costs').execute(db);",
    ]);
  });
});
