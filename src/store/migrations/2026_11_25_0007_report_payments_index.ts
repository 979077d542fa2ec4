/**
 * An index the report reads the practice-currency payments through (store/record-sql.ts,
 * `selectGroups`): the payments of one practice and currency by client, offer and sign
 * (`amount > 0`), then date, with the amount and fee, so SQLite sums them into the
 * report's groups in ordered passes over the index (one per range of dates) instead of
 * sorting a million payments by client.
 *
 * Released: never edit this file; add a new migration instead.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX payments_report_idx ON payments
    (practice_id, currency, client_id, offer_id, (amount > 0), date, amount, fee)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('payments_report_idx').execute();
}
