/**
 * Imports: the practice's rules, saved column mappings, the imports run, and every imported row with its
 * source (file, line, format, the source's own id), attributes and assignment.
 * Imported rows are the inbox: `fulcrum unassigned` lists the ones no rule assigned, and
 * `fulcrum rules apply` re-assigns them all.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const owned = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('practice_id', 'integer', (c) =>
        c.notNull().references('practices.id').onDelete('cascade'),
      );

  await owned('rules')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('applies_to', 'text', (c) => c.notNull())
    /** JSON: the conditions, all of which must hold. */
    .addColumn('conditions', 'text', (c) => c.notNull())
    /** JSON: the targets the rule sets. */
    .addColumn('targets', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rules_pkey', ['practice_id', 'id'])
    .execute();

  await owned('imports')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'bigint', (c) => c.notNull())
    .addColumn('rows_added', 'bigint', (c) => c.notNull())
    .addColumn('rows_skipped', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await owned('import_rows')
    /** The record id the row became (or will become): `<format>:<source id>`. */
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('fee', 'bigint')
    .addColumn('hours', 'double precision')
    .addColumn('refund_of', 'text')
    /** JSON of the source's attributes and customer, for rules and the inbox. */
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('customer', 'text')
    /** 1 when no rule assigned the row (the inbox), else 0. */
    .addColumn('unassigned', 'integer', (c) => c.notNull())
    /** 1 when the row is a record (payments, time entries, costs), 0 while it waits. */
    .addColumn('materialized', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pkey', ['practice_id', 'id'])
    .execute();

  /** Saved generic-CSV column mappings (`--save-map NAME`, then `--map NAME`). */
  await owned('mappings')
    .addColumn('name', 'text', (c) => c.notNull())
    /** JSON object: field → header name. */
    .addColumn('map', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mappings_pkey', ['practice_id', 'name'])
    .execute();

  await db.schema
    .createIndex('import_rows_unassigned_idx')
    .on('import_rows')
    .columns(['practice_id', 'unassigned', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['mappings', 'import_rows', 'imports', 'rules'])
    await db.schema.dropTable(table).execute();
}
