/**
 * Indexes the API's list pages read through (store/record-crud.repository.ts): a page
 * is sorted by its field and then by id, so each index ends with `id` and the database
 * reads the page's rows in order, at any offset or cursor, without sorting every record
 * of the same date (about a thousand a day at a million payments).
 *
 * - The dated tables' `(practice_id, date)` indexes become `(practice_id, date, id)`:
 *   the same count of indexes per table (they serve every query the old ones did).
 * - Clients get `(practice_id, name, id)`: the clients page is sorted by name.
 *
 * Released: never edit this file; add a new migration instead.
 */
import type { Kysely } from 'kysely';

const DATED = ['payments', 'time_entries', 'costs', 'conversations'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of DATED) {
    await db.schema.dropIndex(`${table}_date_idx`).execute();
    await db.schema
      .createIndex(`${table}_date_id_idx`)
      .on(table)
      .columns(['practice_id', 'date', 'id'])
      .execute();
  }
  await db.schema
    .createIndex('clients_name_idx')
    .on('clients')
    .columns(['practice_id', 'name', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('clients_name_idx').execute();
  for (const table of DATED) {
    await db.schema.dropIndex(`${table}_date_id_idx`).execute();
    await db.schema
      .createIndex(`${table}_date_idx`)
      .on(table)
      .columns(['practice_id', 'date'])
      .execute();
  }
}
