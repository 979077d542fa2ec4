/**
 * Indexes the report reads payments and costs through (store/record-sql.ts,
 * `selectGroups`), so SQLite sums them into the report's groups in ordered passes over
 * an index (one per range of dates) instead of sorting them:
 *
 * - payments of one practice and currency by client, offer and sign (`amount > 0`), then
 *   date, with the amount and fee;
 * - costs of one practice and currency by offer and channel, then date, with the amount.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX payments_report_idx ON payments
    (practice_id, currency, client_id, offer_id, (amount > 0), date, amount, fee)`.execute(db);
  await db.schema
    .createIndex('costs_report_idx')
    .on('costs')
    .columns(['practice_id', 'currency', 'offer_id', 'channel', 'date', 'amount'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('costs_report_idx').execute();
  await db.schema.dropIndex('payments_report_idx').execute();
}
