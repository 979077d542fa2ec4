/**
 * The data revision of a practice (migration 0004): a number that changes, in the same
 * transaction, with every write to the practice's data. Whatever is computed from the
 * data (the report) can be kept under the revision it was computed at: reading the
 * revision again tells, with one primary-key lookup, whether it still holds — whichever
 * process, on whichever connection, wrote since.
 *
 * Every store function that writes practice data calls `bumpRevision` before it writes
 * (records, practices, import runs and rows); a use case that writes with its own SQL
 * calls it too. A practice's import settings — its rules and saved column mappings — are
 * not data any kept document reads: no figure, no record list. They say how the next
 * import (or `rules apply`, which writes records and so bumps) reads a file. Their writes
 * call `holdRevision` instead, which takes the same row without moving it, so editing a
 * rule keeps every cached and kept report. Taking the revision row first in a transaction
 * gives writers of one practice one lock order on PostgreSQL and SQLite's write lock at
 * the start, both ways.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { type Executor, isPostgres } from './database.ts';

interface RevisionTable {
  practiceId: number;
  revision: number;
}

type RevisionDb = Kysely<{ practiceRevisions: RevisionTable }>;

function revisions(db: Executor): RevisionDb {
  return db as unknown as RevisionDb;
}

/** Practices each open transaction has bumped already: once per transaction is enough. */
const bumped = new WeakMap<object, Set<number>>();

/**
 * Marks the practice's data as changed. Inside a transaction, the change is seen when the
 * transaction commits (and never if it rolls back); later calls in the same transaction
 * cost nothing. The new revision is the old one + 1, or the clock in ms when that is
 * larger: a database restored to an older state moves past every number seen before.
 */
export async function bumpRevision(db: Executor, practiceId: number): Promise<void> {
  let done: Set<number> | undefined;
  if (db.isTransaction) {
    done = bumped.get(db);
    if (done?.has(practiceId)) return;
  }
  const now = Date.now();
  await revisions(db)
    .insertInto('practiceRevisions')
    .values({ practiceId, revision: now })
    .onConflict((oc) =>
      oc.column('practiceId').doUpdateSet((eb) => ({
        revision: eb
          .case()
          .when('practiceRevisions.revision', '>=', eb.ref('excluded.revision'))
          .then(eb('practiceRevisions.revision', '+', 1))
          .else(eb.ref('excluded.revision'))
          .end(),
      })),
    )
    .execute();
  if (db.isTransaction) {
    if (!done) {
      done = new Set();
      bumped.set(db, done);
    }
    done.add(practiceId);
  }
}

/**
 * Takes the practice's revision row as a writer, without moving the number: the lock a
 * `bumpRevision` takes (PostgreSQL's row lock, SQLite's write lock), held until the
 * transaction ends, for writes no kept document reads (rules, mappings). A practice
 * without a row gets one at 0, which reads the same as none (`readRevision`).
 */
export async function holdRevision(db: Executor, practiceId: number): Promise<void> {
  await revisions(db)
    .insertInto('practiceRevisions')
    .values({ practiceId, revision: 0 })
    .onConflict((oc) =>
      oc
        .column('practiceId')
        .doUpdateSet((eb) => ({ revision: eb.ref('practiceRevisions.revision') })),
    )
    .execute();
}

const READ_SQL = {
  sqlite: 'select revision from practice_revisions where practice_id = ?',
  postgres: 'select revision from practice_revisions where practice_id = $1',
};

/**
 * The practice's current revision: 0 for one never written (or from before migration
 * 0004). Read on every cached request, so the SQL is written out (no query building).
 */
export async function readRevision(db: Executor, practiceId: number): Promise<number> {
  const postgres = isPostgres(db);
  const query = CompiledQuery.raw(postgres ? READ_SQL.postgres : READ_SQL.sqlite, [practiceId]);
  const { rows } = await db.executeQuery<{ revision: number | string }>(query);
  return rows[0] ? Number(rows[0].revision) : 0;
}

/**
 * The practices whose data changed last, newest first, at most `limit`: their ids and
 * revisions in one query (practices never written, without a revision row, come after
 * them by id). What a warm-up reads to choose where to start.
 */
export async function recentlyChanged(
  db: Executor,
  limit: number,
): Promise<{ id: number; revision: number }[]> {
  const rows = await (
    db as unknown as Kysely<{
      practices: { id: number };
      practiceRevisions: RevisionTable;
    }>
  )
    .selectFrom('practices')
    .leftJoin('practiceRevisions', 'practiceRevisions.practiceId', 'practices.id')
    .select(['practices.id as id', 'practiceRevisions.revision as revision'])
    .orderBy((eb) => eb.fn.coalesce('practiceRevisions.revision', eb.lit(0)), 'desc')
    .orderBy('practices.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), revision: Number(r.revision ?? 0) }));
}
