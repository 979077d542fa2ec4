/**
 * Practices: create, find, list, update, delete. A practice is the tenant: deleting it
 * deletes every record it owns (ON DELETE CASCADE). Names are unique.
 */
import type { Practice, Targets } from '../domain/model.ts';
import { type Executor, inTransaction } from './database.ts';
import { isUniqueViolation, StoreError } from './errors.ts';
import type { NewPracticeRow, PracticeRow, PracticeRowUpdate } from './practice.table.ts';
import { bumpRevision } from './revision.repository.ts';

/** A practice as stored: the model plus its database id and timestamps. */
export interface StoredPractice extends Practice {
  id: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Inserts a practice and returns its new id.
 *
 * @example const id = await createPractice(trx, data.practice); // 1
 * @throws StoreError `practice_name_taken` when another practice has the name.
 */
export async function createPractice(
  db: Executor,
  practice: Practice,
  now: Date = new Date(),
): Promise<number> {
  const at = now.toISOString();
  try {
    const row = await db
      .insertInto('practices')
      .values({ ...toNewRow(practice), createdAt: at, updatedAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await bumpRevision(db, row.id);
    return row.id;
  } catch (error) {
    throw nameTaken(error, practice.name);
  }
}

export async function findPracticeById(
  db: Executor,
  id: number,
): Promise<StoredPractice | undefined> {
  const row = await db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

/** The practice with exactly this name (case-sensitive), if any. */
export async function findPracticeByName(
  db: Executor,
  name: string,
): Promise<StoredPractice | undefined> {
  const row = await db
    .selectFrom('practices')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row && fromRow(row);
}

/** Every practice, oldest first. */
export async function listPractices(db: Executor): Promise<StoredPractice[]> {
  const rows = await db.selectFrom('practices').selectAll().orderBy('id').execute();
  return rows.map(fromRow);
}

/**
 * Changes some or all of a practice's settings (its records are untouched).
 *
 * @throws StoreError `practice_not_found`, or `practice_name_taken` on a rename clash.
 */
export async function updatePractice(
  db: Executor,
  id: number,
  changes: Partial<Practice>,
  now: Date = new Date(),
): Promise<void> {
  let result: { numUpdatedRows: bigint };
  try {
    result = await inTransaction(db, async (trx) => {
      await bumpRevision(trx, id);
      return trx
        .updateTable('practices')
        .set({ ...toChanges(changes), updatedAt: now.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
    });
  } catch (error) {
    throw nameTaken(error, changes.name ?? '');
  }
  if (result.numUpdatedRows === 0n) {
    throw new StoreError('practice_not_found', `No practice with id ${id}`);
  }
}

/**
 * Deletes a practice and, by cascade, all its records.
 *
 * @returns false when there was no such practice.
 */
export async function deletePractice(db: Executor, id: number): Promise<boolean> {
  const result = await inTransaction(db, async (trx) => {
    await bumpRevision(trx, id);
    return trx.deleteFrom('practices').where('id', '=', id).executeTakeFirst();
  });
  return result.numDeletedRows > 0n;
}

function toNewRow(p: Practice): Omit<NewPracticeRow, 'createdAt' | 'updatedAt'> {
  return {
    name: p.name,
    currency: p.currency,
    timezone: p.timezone,
    startedOn: p.startedOn ?? null,
    niche: p.niche ?? null,
    weeklyCapacityHours: p.weeklyCapacityHours ?? null,
    liveSessions: p.liveSessions === false ? 0 : 1,
    targets: JSON.stringify(p.targets ?? {}),
  };
}

/**
 * Only the settings present in `changes` (Kysely leaves undefined columns alone); keys
 * are picked one by one so a StoredPractice passed as changes cannot touch `id`.
 */
function toChanges(c: Partial<Practice>): PracticeRowUpdate {
  return {
    name: c.name,
    currency: c.currency,
    timezone: c.timezone,
    startedOn: c.startedOn,
    niche: c.niche,
    weeklyCapacityHours: c.weeklyCapacityHours,
    liveSessions: c.liveSessions === undefined ? undefined : c.liveSessions ? 1 : 0,
    targets: c.targets === undefined ? undefined : JSON.stringify(c.targets),
  };
}

function fromRow(row: PracticeRow): StoredPractice {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    timezone: row.timezone,
    startedOn: row.startedOn,
    niche: row.niche,
    weeklyCapacityHours: row.weeklyCapacityHours,
    liveSessions: row.liveSessions === 1,
    targets: JSON.parse(row.targets) as Partial<Targets>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function nameTaken(error: unknown, name: string): unknown {
  if (!isUniqueViolation(error)) return error;
  return new StoreError('practice_name_taken', `A practice named "${name}" already exists`, {
    cause: error,
  });
}
