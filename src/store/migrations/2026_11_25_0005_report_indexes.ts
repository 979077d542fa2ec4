/**
 * An index the report reads time entries through (store/record-sql.ts, `selectGroups`):
 * every column the report's groups use, in the order of their GROUP BYs, so SQLite sums
 * a million entries in one ordered pass over the index instead of sorting them.
 *
 * Released: never edit this file; add a new migration instead.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('time_entries_report_idx')
    .on('time_entries')
    .columns(['practice_id', 'activity', 'offer_id', 'hours', 'client_id', 'channel', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('time_entries_report_idx').execute();
}
