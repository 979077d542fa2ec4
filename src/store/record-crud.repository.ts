/**
 * One record at a time, for the API: list a collection of a practice with paging,
 * search, sort and filters; get, insert, update and delete a record by id. Generic over
 * the collection specs (collections.ts), like record-sql.ts; every query is scoped by
 * the practice id.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { CollectionSpec } from './collections.ts';
import { type Executor, isPostgres } from './database.ts';
import { StoreError } from './errors.ts';
import { sqlName } from './naming.ts';
import { deleteRecordsById, nextPosition, updateRecordsById } from './record-sql.ts';
import { bumpRevision } from './revision.repository.ts';
import { preparedOn } from './sqlite.ts';

type Row = Record<string, unknown>;
type Loose = Kysely<Record<string, Row>>;

function raw(db: Executor): Loose {
  return db.withoutPlugins() as unknown as Loose;
}

/** Where a page starts: after this record (its sort value and id) in the page's order. */
export interface ListAfter {
  value: string | number | null;
  id: string;
}

export interface ListQuery {
  limit: number;
  offset: number;
  /** Substring searched in `searchColumns`, ignoring the case of (at least ASCII) letters. */
  q?: string;
  searchColumns?: readonly string[];
  /** A model column of the collection (else stored order, `position`). */
  sort?: string;
  descending?: boolean;
  /** The sort column may be null: NULL sorts first on SQLite, last on PostgreSQL. */
  nullableSort?: boolean;
  /** Inclusive `YYYY-MM-DD` bounds (dated collections). */
  from?: string;
  to?: string;
  /** Equality filters on model columns (`offerId`, `clientId`, `activity`, …). */
  equals?: Readonly<Record<string, string>>;
  /** Keyset paging: only records after this one (collections keyed by `id`); `offset` counts from there. */
  after?: ListAfter;
}

/** A page as `listPage` reads it. */
export interface ListedPage {
  /** The page's records as UTF-8 JSON: an array of `{ column: value }` in model column order. */
  items: Buffer;
  /** The page's last record when more records follow it, else null. */
  next: ListAfter | null;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern (with ESCAPE '\'). */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Parameters of a written-out statement: `?` on SQLite, `$n` on PostgreSQL. */
class Params {
  readonly values: unknown[] = [];
  constructor(readonly postgres: boolean) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }
}

/** A column's quoted SQL name (names come from the collection specs, never from input). */
function column(name: string): string {
  return `"${sqlName(name)}"`;
}

/**
 * The WHERE of a list: the practice, the period, the equality filters, the search and,
 * for keyset paging, the records after `query.after`. Written out (no query building):
 * the list is the API's hottest uncached read.
 */
function whereSql(spec: CollectionSpec, practiceId: number, query: ListQuery, p: Params): string {
  const all = [`"practice_id" = ${p.add(practiceId)}`];
  if (spec.dated && query.from) all.push(`"date" >= ${p.add(query.from)}`);
  if (spec.dated && query.to) all.push(`"date" <= ${p.add(query.to)}`);
  for (const [name, value] of Object.entries(query.equals ?? {})) {
    all.push(`${column(name)} = ${p.add(value)}`);
  }
  if (query.q && query.searchColumns?.length) {
    // Case-insensitive: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's
    // ILIKE that of every letter its locale knows.
    const like = p.postgres ? 'ilike' : 'like';
    const pattern = likePattern(query.q);
    const any = query.searchColumns.map(
      (c) => `${column(c)} ${like} ${p.add(pattern)} escape '\\'`,
    );
    all.push(`(${any.join(' or ')})`);
  }
  if (query.after) all.push(afterSql(spec, query, query.after, p));
  return all.join(' and ');
}

/**
 * Records after `after` in the order `sort, id` (both ascending or both descending):
 * `s >= v and (s > v or id > last)` ascending, which reads the sort index from `v` on.
 * A nullable sort column puts NULLs where the engine sorts them: first on SQLite, last
 * on PostgreSQL (ascending; the other way round descending).
 */
function afterSql(spec: CollectionSpec, query: ListQuery, after: ListAfter, p: Params): string {
  if (spec.key.length !== 1 || spec.key[0] !== 'id') {
    throw new StoreError('invalid_argument', `${spec.table} cannot be paged by a cursor`);
  }
  const s = column(sortOf(query));
  const cmp = query.descending ? '<' : '>';
  const nullsLast = p.postgres !== (query.descending ?? false);
  if (after.value === null) {
    const sameNulls = `(${s} is null and "id" ${cmp} ${p.add(after.id)})`;
    return nullsLast ? sameNulls : `(${sameNulls} or ${s} is not null)`;
  }
  const v1 = p.add(after.value);
  const v2 = p.add(after.value);
  const from = `(${s} ${cmp}= ${v1} and (${s} ${cmp} ${v2} or "id" ${cmp} ${p.add(after.id)}))`;
  return query.nullableSort && nullsLast ? `(${from} or ${s} is null)` : from;
}

/** The page's sort column: the one asked, else stored order. */
function sortOf(query: ListQuery): string {
  return query.sort ?? 'position';
}

/** `order by` the sort column, then the collection's key, all in the query's direction. */
function orderSql(spec: CollectionSpec, query: ListQuery): string {
  const direction = query.descending ? 'desc' : 'asc';
  return [sortOf(query), ...spec.key].map((c) => `${column(c)} ${direction}`).join(', ');
}

/**
 * How many of the practice's records of `spec` match the query's period, filters and
 * search (its paging, cursor and sort play no part). It reads every matching index
 * entry: at a million records, ~0.1 s; callers may keep it per data revision
 * (app/records.ts).
 */
export async function countListed(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  query: ListQuery,
): Promise<number> {
  const p = new Params(isPostgres(db));
  const where = whereSql(spec, practiceId, { ...query, after: undefined }, p);
  const text = `select count(*) as "n" from ${column(spec.table)} where ${where}`;
  const { rows } = await db.executeQuery<{ n: number | string }>(CompiledQuery.raw(text, p.values));
  return Number(rows[0]?.n ?? 0);
}

/**
 * A page of the practice's records of `spec`, sorted by `query.sort` (else stored
 * order), then by key, with the record after which the next page starts. The indexes
 * ending in `id` (migration 0007) let the database read just the page's rows in order,
 * after `offset` index entries (or from the cursor, `query.after`, at any depth). One
 * more row than the page is read, to tell whether another page follows.
 *
 * On SQLite, when the sort column is one of the record's, the database writes the page's
 * JSON itself (`json_group_array`, in C: no row objects, no `JSON.stringify`; a third of
 * the CPU time). Otherwise (PostgreSQL, stored order) the rows are serialised here.
 *
 * @example await listPage(db, COLLECTIONS.payments, 1, { limit: 50, offset: 0, sort: 'date', descending: true })
 */
export async function listPage(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  query: ListQuery,
  sqlite?: BetterSqlite3.Database,
): Promise<ListedPage> {
  const p = new Params(isPostgres(db));
  const sort = sortOf(query);
  const fields = spec.columns.map((c) => `${column(c)} as "${c}"`).join(', ');
  const inRecord = spec.columns.includes(sort);
  const where = whereSql(spec, practiceId, query, p);
  const read = `select ${fields}${inRecord ? '' : `, ${column(sort)} as "sortValue"`} from ${column(spec.table)} where ${where} order by ${orderSql(spec, query)} limit ${p.add(query.limit + 1)} offset ${p.add(query.offset)}`;
  if (!p.postgres && inRecord) {
    return sqliteJsonPage(db, sqlite, spec, sort, query.limit, read, p.values);
  }
  const { rows } = await raw(db).executeQuery<Row>(CompiledQuery.raw(read, p.values));
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  const next = last ? afterOf(last, inRecord ? sort : 'sortValue') : null;
  const items = rows.slice(0, query.limit);
  if (!inRecord) for (const row of items) delete row.sortValue;
  return { items: Buffer.from(JSON.stringify(items)), next };
}

interface JsonPage {
  items: Buffer;
  rows: number;
}

function afterOf(record: Row, sort: string): ListAfter {
  return { value: record[sort] as ListAfter['value'], id: String(record.id) };
}

/**
 * The page's rows (at most `limit` + 1, from `read`) as one JSON array written by SQLite,
 * in the order `read` gives them (a subquery's ORDER BY feeds the aggregate in order), as
 * bytes. The extra row is cut off: every object starts with its first column, and `{"id":`
 * cannot occur inside a JSON string (its quotes would be escaped); the next page starts
 * after the last object kept, parsed alone.
 *
 * With the connection itself (`Store.sqlite`) and no transaction open on it, the statement
 * runs there directly, prepared once: the same read Kysely would make (it runs each
 * statement alone on that connection too), without its executor. Inside a transaction,
 * Kysely's turn is awaited, so nothing uncommitted is ever read.
 */
async function sqliteJsonPage(
  db: Executor,
  sqlite: BetterSqlite3.Database | undefined,
  spec: CollectionSpec,
  sort: string,
  limit: number,
  read: string,
  values: unknown[],
): Promise<ListedPage> {
  const object = spec.columns.map((c) => `'${c}', "${c}"`).join(', ');
  // As a BLOB: the UTF-8 bytes as SQLite wrote them, never decoded into a JS string.
  const text = `select cast(json_group_array(json_object(${object})) as blob) as "items", count(*) as "rows" from (${read})`;
  const page =
    sqlite && !sqlite.inTransaction
      ? (preparedOn(sqlite, text).get(...values) as JsonPage)
      : (await db.executeQuery<JsonPage>(CompiledQuery.raw(text, values))).rows[0];
  if (!page) return { items: Buffer.from('[]'), next: null };
  if (page.rows <= limit) return { items: page.items, next: null };
  const start = `{"${spec.columns[0]}":`;
  // The comma before the extra object becomes the array's end (the buffer is this page's own).
  const end = page.items.lastIndexOf(`,${start}`);
  page.items[end] = 0x5d; // ]
  const items = page.items.subarray(0, end + 1);
  const last = JSON.parse(items.toString('utf8', items.lastIndexOf(start), end)) as Row;
  return { items, next: afterOf(last, sort) };
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
    if (column !== 'id' && column in changes) set[column] = changes[column] ?? null;
  }
  if (Object.keys(set).length === 0)
    return (await getRecord(db, spec, practiceId, id)) !== undefined;
  return (await updateRecordsById(db, spec, practiceId, [id], set)) > 0;
}

export async function deleteRecord(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  id: string,
): Promise<boolean> {
  return (await deleteRecordsById(db, spec, practiceId, [id])) > 0;
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
