/**
 * Indexes on `(practice_id, position)` of the record tables that grow to millions of
 * rows (payments, time entries, costs, conversations) and of clients: a new record is
 * placed after the practice's others (store/record-sql.ts, `nextPosition`), and finding
 * the last position read every record of the practice without one — about 5 s at a
 * million payments, for each record the API creates and each `rules apply`. With one it
 * is a single step to the end of the index. Positions only grow, so an insert appends to
 * the index's last page.
 *
 * Released: never edit this file; add a new migration instead.
 */
import type { Kysely } from 'kysely';

const TABLES = ['clients', 'payments', 'time_entries', 'costs', 'conversations'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .createIndex(`${table}_position_idx`)
      .on(table)
      .columns(['practice_id', 'position'])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropIndex(`${table}_position_idx`).execute();
}
