/**
 * Imported rows and import runs: what each import brought in (the inbox of unassigned
 * rows included), written in batches inside the import's transaction.
 */
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import { type BulkConnection, insertRowsIfNew } from './bulk-insert.ts';
import type { Database, Executor } from './database.ts';
import type { ImportRowTable } from './import.table.ts';
import { writeByIds } from './record-sql.ts';
import { bumpRevision } from './revision.repository.ts';

export type ImportRow = Omit<ImportRowTable, 'practiceId'>;
export type StoredImportRow = Selectable<ImportRowTable>;

/** Records an import run; returns its id. */
export async function createImport(
  db: Executor,
  practiceId: number,
  run: { file: string; format: string; createdAt: string },
): Promise<number> {
  await bumpRevision(db, practiceId);
  const row = await db
    .insertInto('imports')
    .values({ practiceId, ...run, rowsRead: 0, rowsAdded: 0, rowsSkipped: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishImport(
  db: Executor,
  practiceId: number,
  id: number,
  counts: { rowsRead: number; rowsAdded: number; rowsSkipped: number },
): Promise<void> {
  await bumpRevision(db, practiceId);
  await db
    .updateTable('imports')
    .set(counts)
    .where('practiceId', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

/** The columns of `import_rows` an import writes: `practiceId`, then a row's fields. */
const IMPORT_ROW_COLUMNS = [
  'practiceId',
  'id',
  'importId',
  'kind',
  'format',
  'file',
  'line',
  'externalId',
  'date',
  'amount',
  'currency',
  'fee',
  'hours',
  'refundOf',
  'attributes',
  'customer',
  'unassigned',
  'materialized',
] as const satisfies readonly (keyof ImportRowTable)[];

/**
 * Inserts rows not seen before (by id); returns the ids that were new. `bulk`: the
 * connection `db` (a transaction) runs on, for the faster path (see bulk-insert.ts).
 */
export async function insertImportRows(
  db: Executor,
  practiceId: number,
  rows: readonly ImportRow[],
  bulk?: BulkConnection,
): Promise<Set<string>> {
  const values = rows.map((r) => {
    const row: unknown[] = [practiceId];
    for (let c = 1; c < IMPORT_ROW_COLUMNS.length; c++)
      row.push(r[IMPORT_ROW_COLUMNS[c] as keyof ImportRow]);
    return row;
  });
  const { returned } = await insertRowsIfNew(
    db,
    practiceId,
    'importRows',
    IMPORT_ROW_COLUMNS,
    values,
    'id',
    bulk,
  );
  return new Set(returned as string[]);
}

/** Where a page of imported rows starts: after this row, in date then id order. */
export interface ImportRowCursor {
  date: string;
  id: string;
}

export interface ImportRowsOptions {
  /** Only the rows in the inbox (true) or only those out of it (false). */
  unassigned?: boolean;
  limit?: number;
  offset?: number;
  after?: ImportRowCursor;
}

/**
 * The practice's imported rows, optionally only the unassigned ones, in date then id
 * order: from the start, after `after` (read through an index from that row on, however
 * many came before), or after skipping `offset` rows.
 */
export async function listImportRows(
  db: Executor,
  practiceId: number,
  options: ImportRowsOptions = {},
): Promise<StoredImportRow[]> {
  return importRowsQuery(db, practiceId, options).execute();
}

/**
 * Every imported row of the practice (or every unassigned one), in date then id order,
 * `rowsPerPage` at a time: each page is read after the last row of the one before,
 * through migration 0010's indexes, so a page costs the same at any depth. Writes to
 * rows already read (their inbox state) do not move the pages still to come.
 */
export async function* importRowPages(
  db: Executor,
  practiceId: number,
  options: { unassigned?: boolean; rowsPerPage: number },
): AsyncGenerator<StoredImportRow[]> {
  let after: ImportRowCursor | undefined;
  for (;;) {
    const rows = await listImportRows(db, practiceId, {
      unassigned: options.unassigned,
      limit: options.rowsPerPage,
      after,
    });
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { date: last.date, id: last.id };
  }
}

/** The query `listImportRows` runs (its plan is tested: migration 0010's indexes). */
export function importRowsQuery(db: Executor, practiceId: number, options: ImportRowsOptions) {
  let query = db
    .selectFrom('importRows')
    .selectAll()
    .where('practiceId', '=', practiceId)
    .$call(whereUnassigned(options.unassigned));
  const { after } = options;
  if (after)
    query = query.where((eb) => eb(eb.refTuple('date', 'id'), '>', eb.tuple(after.date, after.id)));
  query = query.orderBy('date').orderBy('id');
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0);
  return query;
}

/**
 * The inbox filter, with its value written into the SQL: the inbox's partial index
 * (migration 0010, `WHERE unassigned = 1`) serves a query whose filter is that literal.
 */
function whereUnassigned(unassigned: boolean | undefined) {
  return <Q extends SelectQueryBuilder<Database, 'importRows', object>>(query: Q): Q =>
    unassigned === undefined
      ? query
      : (query.where('unassigned', '=', sql.lit(unassigned ? 1 : 0)) as Q);
}

export async function countImportRows(
  db: Executor,
  practiceId: number,
  options: { unassigned?: boolean } = {},
): Promise<number> {
  const row = await db
    .selectFrom('importRows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('practiceId', '=', practiceId)
    .$call(whereUnassigned(options.unassigned))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the rows `ids` assigned or not, and whether they are records now. */
export async function updateImportRowStates(
  db: Executor,
  practiceId: number,
  ids: readonly string[],
  state: { unassigned: boolean; materialized: boolean },
): Promise<void> {
  await writeByIds(db, practiceId, ids, async (run) => {
    const result = await db
      .updateTable('importRows')
      .set({ unassigned: state.unassigned ? 1 : 0, materialized: state.materialized ? 1 : 0 })
      .where('practiceId', '=', practiceId)
      .where('id', 'in', run)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}
