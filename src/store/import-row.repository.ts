/**
 * Imported rows and import runs: what each import brought in (the inbox of unassigned
 * rows included), written in batches inside the import's transaction.
 */
import type { Selectable } from 'kysely';
import { type BulkConnection, insertRowsIfNew } from './bulk-insert.ts';
import type { Executor } from './database.ts';
import type { ImportRowTable } from './import.table.ts';
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

/** The practice's imported rows, optionally only the unassigned ones, in date order. */
export async function listImportRows(
  db: Executor,
  practiceId: number,
  options: { unassigned?: boolean; limit?: number; offset?: number } = {},
): Promise<StoredImportRow[]> {
  let query = db.selectFrom('importRows').selectAll().where('practiceId', '=', practiceId);
  if (options.unassigned !== undefined)
    query = query.where('unassigned', '=', options.unassigned ? 1 : 0);
  query = query.orderBy('date').orderBy('id');
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0);
  return query.execute();
}

export async function countImportRows(
  db: Executor,
  practiceId: number,
  options: { unassigned?: boolean } = {},
): Promise<number> {
  let query = db
    .selectFrom('importRows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('practiceId', '=', practiceId);
  if (options.unassigned !== undefined)
    query = query.where('unassigned', '=', options.unassigned ? 1 : 0);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks rows assigned or not, and whether they are records now. */
export async function updateImportRowState(
  db: Executor,
  practiceId: number,
  id: string,
  state: { unassigned: boolean; materialized: boolean },
): Promise<void> {
  await bumpRevision(db, practiceId);
  await db
    .updateTable('importRows')
    .set({ unassigned: state.unassigned ? 1 : 0, materialized: state.materialized ? 1 : 0 })
    .where('practiceId', '=', practiceId)
    .where('id', '=', id)
    .execute();
}
