/**
 * The one `Database` interface Kysely is typed with. Properties are camelCase; the
 * CamelCasePlugin installed by `openStore` maps them to the snake_case SQL names
 * (`timeEntries.practiceId` → `time_entries.practice_id`) — the only place that mapping
 * happens. Migrations speak raw snake_case SQL.
 */
import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { ClientTable } from './client.table.ts';
import type { ConversationTable } from './conversation.table.ts';
import type { CostTable } from './cost.table.ts';
import type { ImportRowTable, ImportTable, MappingTable } from './import.table.ts';
import type { ListSnapshotTable } from './list-snapshot.table.ts';
import type { OfferTable } from './offer.table.ts';
import type { PaymentTable } from './payment.table.ts';
import type { PracticeTable } from './practice.table.ts';
import type { RateTable } from './rate.table.ts';
import type { RuleTable } from './rule.table.ts';
import type { TimeEntryTable } from './time-entry.table.ts';

export interface Database {
  practices: PracticeTable;
  offers: OfferTable;
  clients: ClientTable;
  payments: PaymentTable;
  timeEntries: TimeEntryTable;
  costs: CostTable;
  conversations: ConversationTable;
  listSnapshots: ListSnapshotTable;
  rates: RateTable;
  rules: RuleTable;
  imports: ImportTable;
  importRows: ImportRowTable;
  mappings: MappingTable;
}

/** What every repository function takes first: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** True when `db` speaks to PostgreSQL (else SQLite): for SQL written per engine. */
export function isPostgres(db: Pick<Executor, 'getExecutor'>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Runs `work` in the given transaction, or in a new one. A writer that bumps the data
 * revision (revision.repository.ts) and then writes must do both in one transaction:
 * otherwise the bump commits first, and a report computed in between from the old data
 * would be kept under the new revision.
 */
export function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute(work);
}

/**
 * Runs `work` in one read-only REPEATABLE READ snapshot (or in the given transaction): a
 * write committing meanwhile is seen whole or not at all.
 */
export function inSnapshot<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>)
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(work);
}

export type Engine = 'sqlite' | 'postgres';
