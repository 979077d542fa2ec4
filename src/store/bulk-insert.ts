/**
 * The bulk insert path of imports, `ON CONFLICT DO NOTHING`. On SQLite, with the
 * connection at hand (`Store.sqlite`), one prepared statement per table inserts row after
 * row inside the transaction Kysely opened on that connection: what SQLite does fastest.
 * On PostgreSQL, with the transaction's own pg client (`Store.postgresClient`), the rows
 * go by `COPY … FROM STDIN` into a temporary staging table, then one
 * `INSERT … SELECT … ON CONFLICT DO NOTHING` moves them (copy-text.ts). Without either,
 * many rows per statement, the SQL text written once per table and row count, the
 * values passed as one flat parameter list: the statements Kysely would build, without
 * building a query tree of every value of every batch.
 */
import { finished } from 'node:stream/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COLLECTIONS, type CollectionSpec } from './collections.ts';
import type { Store } from './connect.ts';
import { copyText } from './copy-text.ts';
import { type Executor, isPostgres } from './database.ts';
import type { DeferredIndexes } from './deferred-indexes.ts';
import { sqlName } from './naming.ts';
import { MAX_PARAMS_PER_STATEMENT, selectRecordsById } from './record-sql.ts';
import { bumpRevision } from './revision.repository.ts';
import { preparedOn } from './sqlite.ts';

const statements = new Map<string, string>();
/** `INSERT INTO t (cols) VALUES (…), … ON CONFLICT DO NOTHING [RETURNING col]`, cached. */
function insertSql(
  postgres: boolean,
  table: string,
  columns: readonly string[],
  rows: number,
  returning: string | undefined,
): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}|${returning ?? ''}`;
  let text = statements.get(key);
  if (text !== undefined) return text;
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns.length; c++) marks.push(postgres ? `$${++n}` : '?');
    tuples.push(`(${marks.join(',')})`);
  }
  const names = columns.map((c) => `"${sqlName(c)}"`).join(', ');
  text =
    `insert into "${sqlName(table)}" (${names}) values ${tuples.join(', ')} on conflict do nothing` +
    (returning ? ` returning "${sqlName(returning)}"` : '');
  if (statements.size > 256) statements.clear();
  statements.set(key, text);
  return text;
}

/** The connection an import's transaction runs on, when the store can reach it. */
export type BulkConnection =
  | {
      sqlite: BetterSqlite3.Database;
      /** An import's count of rows per table, to build large tables' indexes after it. */
      indexes?: DeferredIndexes;
    }
  | { postgres: pg.ClientBase };

/**
 * SQLite's page cache, in KiB, while an import writes (the connection's own is
 * better-sqlite3's default, 16 MB). Three of the seven B-trees an imported payment is
 * written to take their keys in random order (the two primary keys and the external
 * id), ~60 MB each at 1,000,000 rows: with a small cache nearly every insert spills a
 * page to the WAL and reads one back. 64 MiB cut the 1,000,000-row Stripe import's CPU
 * by 29 % (110.6 → 78.6 s) for 64 MB more peak RSS (229 → 293 MB, under the 300 MB the
 * import is held to; 48 MiB: −15 %, 274 MB), measured in docs/performance.md, "Imports".
 */
export const IMPORT_CACHE_KIB = 65_536;

/** Imports under way on each SQLite connection: the cache stays large until the last ends. */
const importing = new WeakMap<BetterSqlite3.Database, { count: number; before: number }>();

/**
 * Runs `work` (an import) with SQLite's page cache at `IMPORT_CACHE_KIB`, then gives the
 * connection its own size back, freeing the pages; overlapping imports on one
 * connection share the larger cache. PostgreSQL: `work` as it is (its cache is the
 * server's).
 */
export async function withImportCache<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const sqlite = store.sqlite;
  if (!sqlite) return work();
  let state = importing.get(sqlite);
  if (!state) {
    state = { count: 0, before: sqlite.pragma('cache_size', { simple: true }) as number };
    importing.set(sqlite, state);
    sqlite.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  }
  state.count++;
  try {
    return await work();
  } finally {
    if (--state.count === 0) {
      importing.delete(sqlite);
      if (sqlite.open) sqlite.pragma(`cache_size = ${state.before}`);
    }
  }
}

/** The bulk connection of the open transaction `trx` of `store`, if it has one. */
export async function bulkConnectionOf(
  store: Store,
  trx: Executor,
): Promise<BulkConnection | undefined> {
  if (store.sqlite) return { sqlite: store.sqlite };
  const postgres = await store.postgresClient?.(trx);
  return postgres ? { postgres } : undefined;
}

/**
 * Inserts rows (values in `columns` order) into `table` (its TypeScript name), skipping
 * those that conflict with a stored row (the first of equal rows wins, as in one
 * multi-row INSERT); returns how many were inserted and, with `returning`, that column
 * of every inserted row. `bulk`: the connection `db` (a transaction) runs on.
 */
export async function insertRowsIfNew(
  db: Executor,
  practiceId: number,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning?: string,
  bulk?: BulkConnection,
): Promise<{ inserted: number; returned: unknown[] }> {
  const returned: unknown[] = [];
  let inserted = 0;
  if (rows.length === 0) return { inserted, returned };
  await bumpRevision(db, practiceId);
  if (bulk && 'postgres' in bulk) {
    return insertByCopy(db, bulk.postgres, table, columns, rows, returning);
  }
  if (bulk?.sqlite) {
    const sqlite = bulk.sqlite;
    const statement = preparedOn(sqlite, insertSql(false, table, columns, 1, undefined));
    const at = returning ? columns.indexOf(returning) : -1;
    if (returning && at < 0) throw new Error(`${returning} is not one of the columns`);
    // Unique indexes dropped for a large import: their keys, checked here instead.
    const held = bulk.indexes?.heldKeys(table)?.on(columns);
    for (const row of rows) {
      const keys = held?.keysOf(row);
      if (keys && held?.has(keys)) continue;
      const result = statement.run(row as unknown[]);
      if (result.changes === 0) continue;
      if (keys) held?.add(keys, result.lastInsertRowid);
      inserted++;
      if (at >= 0) returned.push(row[at]);
    }
    bulk.indexes?.wrote(table, inserted, columns);
    return { inserted, returned };
  }
  const postgres = isPostgres(db);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    const params: unknown[] = [];
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) params.push(row[c]);
    }
    const sql = insertSql(postgres, table, columns, end - start, returning);
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql, params));
    if (returning) {
      const name = sqlName(returning);
      for (const row of result.rows) returned.push(row[returning] ?? row[name]);
      inserted += result.rows.length;
    } else {
      inserted += Number(result.numAffectedRows ?? 0n);
    }
  }
  return { inserted, returned };
}

/**
 * `insertNewRecords` (record-sql.ts) on the bulk path: the records of `spec` whose key
 * (or, for payments, external id) is new to the practice, at positions `firstPosition`,
 * `firstPosition + 1`, … in array order; existing rows are left untouched. Returns how
 * many were inserted.
 */
export async function insertNewRecordRows(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  records: readonly object[],
  firstPosition: number,
  bulk?: BulkConnection,
): Promise<number> {
  const columns = ['practiceId', 'position', ...spec.columns];
  const rows = records.map((record, i) => {
    const values = record as Record<string, unknown>;
    const row: unknown[] = [practiceId, firstPosition + i];
    for (const column of spec.columns) row.push(values[column] ?? null);
    return row;
  });
  return (await insertRowsIfNew(db, practiceId, spec.table, columns, rows, undefined, bulk))
    .inserted;
}

/** What a refund takes from the payment it refunds. */
export interface PaymentRef {
  id: string;
  offerId: string | null;
  clientId: string | null;
}

/** The payments' key, `payments_pkey` (migration 0009). */
const PAYMENT_KEY = ['practice_id', 'id'];

/**
 * The offer and client of the practice's stored payments among `ids` (for refunds of
 * payments imported earlier). While a large import holds the payments' keys in memory
 * (their index dropped: deferred-indexes.ts), each is found by its rowid there, since a
 * look-up by id would read the whole table.
 */
export async function selectPaymentRefs(
  db: Executor,
  practiceId: number,
  ids: readonly string[],
  bulk?: BulkConnection,
): Promise<PaymentRef[]> {
  const unique = [...new Set(ids)];
  const sqlite = bulk && 'sqlite' in bulk ? bulk : undefined;
  const held = sqlite?.indexes?.heldKeys('payments')?.keysOn(PAYMENT_KEY);
  if (sqlite && held) {
    const byRowid = preparedOn(
      sqlite.sqlite,
      'select id, offer_id as offerId, client_id as clientId from payments where rowid = ?',
    );
    const found: PaymentRef[] = [];
    for (const id of unique) {
      const rowid = held.rowidOf([practiceId, id]);
      if (rowid) found.push(byRowid.get(rowid) as PaymentRef);
    }
    return found;
  }
  const stored = await selectRecordsById<PaymentRef>(db, COLLECTIONS.payments, practiceId, unique, [
    'offerId',
    'clientId',
  ]);
  return [...stored.values()];
}

/** Staging tables created in each open transaction (they drop at its end), by name. */
const staged = new WeakMap<object, Map<string, string>>();

/** The column the staging tables number their rows in (the order they were sent). */
const ORDINAL = 'fulcrum_ordinal';

/**
 * PostgreSQL: `COPY` the rows into a temporary table of the same columns (created on the
 * first batch of the transaction, dropped when it ends), move the new ones with one
 * `INSERT … SELECT … ORDER BY` (the rows' order, so the first of equal rows wins) `ON
 * CONFLICT DO NOTHING`, and empty the staging table for the next batch.
 */
async function insertByCopy(
  db: Executor,
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  returning: string | undefined,
): Promise<{ inserted: number; returned: unknown[] }> {
  if (!db.isTransaction) throw new Error('COPY staging runs inside a transaction');
  const target = `"${sqlName(table)}"`;
  const stage = `"fulcrum_stage_${sqlName(table)}"`;
  const names = columns.map((c) => `"${sqlName(c)}"`).join(', ');
  let tables = staged.get(db);
  if (!tables) {
    tables = new Map();
    staged.set(db, tables);
  }
  const made = tables.get(stage);
  if (made === undefined) {
    await client.query(
      `create temporary table if not exists ${stage} on commit drop as select 0::integer as "${ORDINAL}", ${names} from ${target} with no data`,
    );
    tables.set(stage, names);
  } else if (made !== names) {
    throw new Error(`${stage} holds other columns (${made})`);
  }
  const copy = client.query(copyFrom(`copy ${stage} ("${ORDINAL}", ${names}) from stdin`));
  copy.end(copyText(rows, true));
  await finished(copy);
  const result = await client.query<Record<string, unknown>>(
    `insert into ${target} (${names}) select ${names} from ${stage} order by "${ORDINAL}" on conflict do nothing` +
      (returning ? ` returning "${sqlName(returning)}"` : ''),
  );
  await client.query(`truncate ${stage}`);
  const returned: unknown[] = [];
  if (returning) {
    const name = sqlName(returning);
    for (const row of result.rows) returned.push(row[name]);
  }
  return { inserted: result.rowCount ?? 0, returned };
}
