/**
 * The first schema: practices and the eight record tables of the bundle. Every record
 * row carries `practice_id` (cascade on delete) and is keyed by (practice_id, id) —
 * list snapshots by (practice_id, date), rates by (practice_id, date, from, to).
 * Money is BIGINT minor units, hours and rates DOUBLE PRECISION, dates TEXT
 * `YYYY-MM-DD`, booleans INTEGER 0/1, on both engines.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

type Builder = CreateTableBuilder<string, string>;

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('practices')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text')
    .addColumn('niche', 'text')
    .addColumn('weekly_capacity_hours', 'double precision')
    .addColumn('live_sessions', 'integer', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, 'offers')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('price', 'bigint')
    .addColumn('launched_on', 'text')
    .execute();

  await withId(db, 'clients')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('segment', 'text')
    .addColumn('source', 'text')
    .addColumn('referred_by', 'text')
    .execute();

  await withId(db, 'payments')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('fee', 'bigint')
    .addColumn('client_id', 'text')
    .addColumn('offer_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('note', 'text')
    .execute();

  await withId(db, 'time_entries')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text')
    .addColumn('client_id', 'text')
    .addColumn('channel', 'text')
    .addColumn('note', 'text')
    .execute();

  await withId(db, 'costs')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('offer_id', 'text')
    .addColumn('channel', 'text')
    .addColumn('category', 'text')
    .execute();

  await withId(db, 'conversations')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('prospect', 'text')
    .addColumn('channel', 'text')
    .addColumn('offer_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .execute();

  await owned(db, 'list_snapshots')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('subscribers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_snapshots_pkey', ['practice_id', 'date'])
    .execute();

  await owned(db, 'rates')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('from', 'text', (c) => c.notNull())
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('rate', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('rates_pkey', ['practice_id', 'date', 'from', 'to'])
    .execute();

  for (const table of ['payments', 'time_entries', 'costs', 'conversations']) {
    await db.schema
      .createIndex(`${table}_date_idx`)
      .on(table)
      .columns(['practice_id', 'date'])
      .execute();
  }
  for (const table of ['payments', 'time_entries']) {
    await db.schema
      .createIndex(`${table}_offer_date_idx`)
      .on(table)
      .columns(['practice_id', 'offer_id', 'date'])
      .execute();
  }
  await db.schema
    .createIndex('payments_external_id_key')
    .on('payments')
    .columns(['practice_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'rates',
    'list_snapshots',
    'conversations',
    'costs',
    'time_entries',
    'payments',
    'clients',
    'offers',
    'practices',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}

/** A table owned by a practice: `practice_id` first, deleted with its practice. */
function owned(db: Kysely<unknown>, table: string): Builder {
  return db.schema
    .createTable(table)
    .addColumn('practice_id', 'integer', (c) =>
      c.notNull().references('practices.id').onDelete('cascade'),
    );
}

/** A record table keyed by (practice_id, id), `id` being the bundle's string id. */
function withId(db: Kysely<unknown>, table: string): Builder {
  return owned(db, table)
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pkey`, ['practice_id', 'id']);
}
