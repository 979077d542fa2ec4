/**
 * Indexes that read the imported rows in their order, date then id, from any point on:
 * `fulcrum rules apply` walks every row a page at a time after the last one read, and
 * the inbox pages its unassigned rows the same way. Without them each page sorted every
 * imported row of the practice again (a million rows took hours).
 *
 * - `import_rows_date_id_idx (practice_id, date, id)`: every row, for re-applying rules.
 * - `import_rows_unassigned_idx (practice_id, unassigned, date)` becomes
 *   `import_rows_inbox_idx (practice_id, date, id) WHERE unassigned = 1`: a partial
 *   index holds only the rows that wait in the inbox (a few percent), so an import
 *   maintains one index of every row, as before, not two.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('import_rows_date_id_idx')
    .on('import_rows')
    .columns(['practice_id', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('import_rows_inbox_idx')
    .on('import_rows')
    .columns(['practice_id', 'date', 'id'])
    .where(sql.ref('unassigned'), '=', sql.lit(1))
    .execute();
  await db.schema.dropIndex('import_rows_unassigned_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('import_rows_unassigned_idx')
    .on('import_rows')
    .columns(['practice_id', 'unassigned', 'date'])
    .execute();
  await db.schema.dropIndex('import_rows_inbox_idx').execute();
  await db.schema.dropIndex('import_rows_date_id_idx').execute();
}
