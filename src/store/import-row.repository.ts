/**
 * Imported rows and import runs: what each import brought in (the inbox of unassigned
 * rows included), written in batches inside the import's transaction.
 */
import type { Selectable } from 'kysely';
import type { Executor } from './database.ts';
import type { ImportRowTable } from './import.table.ts';
import { MAX_PARAMS_PER_STATEMENT } from './record-sql.ts';
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

/** Inserts rows not seen before (by id); returns the ids that were new. */
export async function insertImportRows(
  db: Executor,
  practiceId: number,
  rows: readonly ImportRow[],
): Promise<Set<string>> {
  const fresh = new Set<string>();
  if (rows.length === 0) return fresh;
  await bumpRevision(db, practiceId);
  const perStatement = Math.floor(MAX_PARAMS_PER_STATEMENT / 20);
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const inserted = await db
      .insertInto('importRows')
      .values(batch.map((r) => ({ practiceId, ...r })))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) fresh.add(r.id);
  }
  return fresh;
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
