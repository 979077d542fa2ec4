/**
 * One record at a time, for the API: list a collection of a practice with paging,
 * search, sort and filters; get, insert, update and delete a record by id. Generic over
 * the collection specs (collections.ts), like record-sql.ts; every query is scoped by
 * the practice id.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  PostgresAdapter,
  type SqlBool,
  sql,
} from 'kysely';
import type { CollectionSpec } from './collections.ts';
import type { Executor } from './database.ts';
import { sqlName } from './naming.ts';
import { nextPosition } from './record-sql.ts';
import { bumpRevision } from './revision.repository.ts';

type Row = Record<string, unknown>;
type Loose = Kysely<Record<string, Row>>;

function raw(db: Executor): Loose {
  return db.withoutPlugins() as unknown as Loose;
}

export interface ListQuery {
  limit: number;
  offset: number;
  /** Substring searched in `searchColumns`, ignoring the case of (at least ASCII) letters. */
  q?: string;
  searchColumns?: readonly string[];
  /** A model column of the collection. */
  sort?: string;
  descending?: boolean;
  /** Inclusive `YYYY-MM-DD` bounds (dated collections). */
  from?: string;
  to?: string;
  /** Equality filters on model columns (`offerId`, `clientId`, `activity`, …). */
  equals?: Readonly<Record<string, string>>;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (with ESCAPE '\'). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE of a list: the practice, the period, the equality filters and the search. */
function listWhere(db: Executor, spec: CollectionSpec, practiceId: number, query: ListQuery) {
  return (eb: ExpressionBuilder<Record<string, Row>, string>) => {
    const all: Expression<SqlBool>[] = [eb(sqlName('practiceId'), '=', practiceId)];
    if (spec.dated && query.from) all.push(eb('date', '>=', query.from));
    if (spec.dated && query.to) all.push(eb('date', '<=', query.to));
    for (const [column, value] of Object.entries(query.equals ?? {})) {
      all.push(eb(sqlName(column), '=', value));
    }
    if (query.q && query.searchColumns?.length) {
      // Case-insensitive: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's
      // ILIKE that of every letter its locale knows.
      const like = sql.raw(db.getExecutor().adapter instanceof PostgresAdapter ? 'ilike' : 'like');
      const pattern = likePattern(query.q);
      all.push(
        eb.or(
          query.searchColumns.map(
            (c) => sql<SqlBool>`${sql.ref(sqlName(c))} ${like} ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    return eb.and(all);
  };
}

/**
 * How many of the practice's records of `spec` match the query's period, filters and
 * search (its paging and sort play no part). It reads every matching index entry: at a
 * million records, ~0.1 s; callers may keep it per data revision (app/records.ts).
 */
export async function countListed(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  query: ListQuery,
): Promise<number> {
  const count = await raw(db)
    .selectFrom(sqlName(spec.table))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(listWhere(db, spec, practiceId, query))
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/**
 * A page of the practice's records of `spec`, sorted by `query.sort` (else stored
 * order), then by key. The first pages read little more than the page through the
 * (practice_id, date) index; a deep `offset` walks every record before it.
 *
 * @example await listPage(db, COLLECTIONS.payments, 1, { limit: 50, offset: 0, sort: 'date', descending: true })
 */
export async function listPage(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  query: ListQuery,
): Promise<Row[]> {
  let select = raw(db)
    .selectFrom(sqlName(spec.table))
    .select(spec.columns.map((c) => sql.ref(sqlName(c)).as(c)))
    .where(listWhere(db, spec, practiceId, query));
  const direction = query.descending ? 'desc' : 'asc';
  if (query.sort) select = select.orderBy(sqlName(query.sort), direction);
  else select = select.orderBy('position', direction);
  for (const column of spec.key) select = select.orderBy(sqlName(column), direction);
  return select.limit(query.limit).offset(query.offset).execute();
}

/**
 * A page of the practice's records of `spec` and how many match in all.
 *
 * @example await listRecords(db, COLLECTIONS.payments, 1, { limit: 50, offset: 0, sort: 'date', descending: true })
 */
export async function listRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  query: ListQuery,
): Promise<{ total: number; items: Row[] }> {
  const total = await countListed(db, spec, practiceId, query);
  return { total, items: await listPage(db, spec, practiceId, query) };
}

/** The record with this id, or undefined. */
export async function getRecord(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  id: string,
): Promise<Row | undefined> {
  return raw(db)
    .selectFrom(sqlName(spec.table))
    .select(spec.columns.map((c) => sql.ref(sqlName(c)).as(c)))
    .where(sqlName('practiceId'), '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Inserts one record after the practice's others (the caller checked the id is free). */
export async function insertRecord(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  record: Row,
): Promise<void> {
  await bumpRevision(db, practiceId);
  const row: Row = {
    practice_id: practiceId,
    position: await nextPosition(db, spec, practiceId),
  };
  for (const column of spec.columns) row[sqlName(column)] = record[column] ?? null;
  await raw(db).insertInto(sqlName(spec.table)).values(row).execute();
}

/** Sets some model columns of one record; false when there is no such record. */
export async function updateRecord(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  id: string,
  changes: Row,
): Promise<boolean> {
  const set: Row = {};
  for (const column of spec.columns) {
    if (column !== 'id' && column in changes) set[sqlName(column)] = changes[column] ?? null;
  }
  if (Object.keys(set).length === 0)
    return (await getRecord(db, spec, practiceId, id)) !== undefined;
  await bumpRevision(db, practiceId);
  const r = await raw(db)
    .updateTable(sqlName(spec.table))
    .set(set)
    .where(sqlName('practiceId'), '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteRecord(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  id: string,
): Promise<boolean> {
  await bumpRevision(db, practiceId);
  const r = await raw(db)
    .deleteFrom(sqlName(spec.table))
    .where(sqlName('practiceId'), '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** How many records of `table` in the practice have `column = value` (references before a delete). */
export async function countReferences(
  db: Executor,
  table: string,
  column: string,
  practiceId: number,
  value: string,
): Promise<number> {
  const row = await raw(db)
    .selectFrom(sqlName(table))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sqlName('practiceId'), '=', practiceId)
    .where(sqlName(column), '=', value)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
