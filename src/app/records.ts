/**
 * A practice's records one at a time, for a signed-in member: list (paged, searched,
 * sorted, filtered), get, create, update and delete offers, clients, payments, time
 * entries, costs and conversations. Writes check what a bundle import checks across
 * records: referenced offers and clients exist, ids and payment external ids are unique,
 * and a record still referenced is not deleted.
 */
import type { Client, Conversation, Cost, Offer, Payment, TimeEntry } from '../domain/model.ts';
import { COLLECTIONS } from '../store/collections.ts';
import type { Store } from '../store/connect.ts';
import type { Executor } from '../store/database.ts';
import {
  countListed,
  countReferences,
  deleteRecord,
  getRecord,
  insertRecord,
  type ListAfter,
  type ListQuery,
  listPage,
  updateRecord,
} from '../store/record-crud.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { AppError } from './errors.ts';
import { cachedPage, sortedEntries } from './report-cache.ts';
import { newId } from './tokens.ts';

export interface RecordTypes {
  offers: Offer;
  clients: Client;
  payments: Payment;
  timeEntries: TimeEntry;
  costs: Cost;
  conversations: Conversation;
}

export type RecordResource = keyof RecordTypes;

interface ResourceSpec {
  /** Prefix of generated ids. */
  prefix: string;
  /** Singular, for messages. */
  noun: string;
  search: readonly string[];
  sort: readonly string[];
  /** Sort columns that may be null (a cursor must place the nulls). */
  nullable?: readonly string[];
  /** Sort columns of integers and of other numbers (what a cursor's value must be). */
  integers?: readonly string[];
  reals?: readonly string[];
  /** Columns a list may be filtered on by equality. */
  filters: readonly string[];
  /** Columns that name another record, and which collection. */
  refs: Readonly<Record<string, 'offers' | 'clients'>>;
  /** Where this collection's records are referenced: [collection, column]. */
  referencedBy: readonly (readonly [RecordResource, string])[];
}

export const RECORD_RESOURCES: Readonly<Record<RecordResource, ResourceSpec>> = {
  offers: {
    prefix: 'o',
    noun: 'offer',
    search: ['name', 'kind'],
    sort: ['id', 'name', 'kind', 'price', 'launchedOn'],
    nullable: ['price', 'launchedOn'],
    integers: ['price'],
    filters: ['kind'],
    refs: {},
    referencedBy: [
      ['payments', 'offerId'],
      ['timeEntries', 'offerId'],
      ['costs', 'offerId'],
      ['conversations', 'offerId'],
    ],
  },
  clients: {
    prefix: 'c',
    noun: 'client',
    search: ['name', 'email', 'segment', 'source'],
    sort: ['id', 'name', 'email', 'segment', 'source'],
    nullable: ['email', 'segment', 'source'],
    filters: ['segment', 'source', 'referredBy'],
    refs: { referredBy: 'clients' },
    referencedBy: [
      ['payments', 'clientId'],
      ['timeEntries', 'clientId'],
      ['conversations', 'clientId'],
      ['clients', 'referredBy'],
    ],
  },
  payments: {
    prefix: 'p',
    noun: 'payment',
    search: ['note', 'externalId', 'currency'],
    sort: ['id', 'date', 'amount', 'currency'],
    integers: ['amount'],
    filters: ['offerId', 'clientId', 'currency'],
    refs: { offerId: 'offers', clientId: 'clients' },
    referencedBy: [],
  },
  timeEntries: {
    prefix: 't',
    noun: 'time entry',
    search: ['note', 'channel', 'activity'],
    sort: ['id', 'date', 'hours', 'activity'],
    reals: ['hours'],
    filters: ['offerId', 'clientId', 'activity', 'channel'],
    refs: { offerId: 'offers', clientId: 'clients' },
    referencedBy: [],
  },
  costs: {
    prefix: 'k',
    noun: 'cost',
    search: ['category', 'channel', 'currency'],
    sort: ['id', 'date', 'amount', 'category'],
    nullable: ['category'],
    integers: ['amount'],
    filters: ['offerId', 'channel', 'category', 'currency'],
    refs: { offerId: 'offers' },
    referencedBy: [],
  },
  conversations: {
    prefix: 'v',
    noun: 'conversation',
    search: ['prospect', 'channel', 'outcome'],
    sort: ['id', 'date', 'outcome', 'prospect'],
    nullable: ['prospect'],
    filters: ['offerId', 'clientId', 'outcome', 'channel'],
    refs: { offerId: 'offers', clientId: 'clients' },
    referencedBy: [],
  },
};

export const RECORD_RESOURCE_NAMES = Object.keys(RECORD_RESOURCES) as RecordResource[];

export interface RecordListQuery {
  limit: number;
  offset: number;
  q?: string;
  /** A column of the resource's `sort` list; `-` first for descending. */
  sort?: string;
  from?: string;
  to?: string;
  /** Equality filters, only on the resource's `filters` columns. */
  filters?: Readonly<Record<string, string>>;
  /** A page's `nextCursor`: the page after it (in the same sort); `offset` counts from there. */
  after?: string;
}

export interface RecordPage<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
  /** Ask `after=<this>` (same sort and filters) for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A cursor: the sort it was made in and the last record of its page (sort value, id), as
 * base64url JSON. It names no practice: it is only a place in an order, and every list is
 * scoped to the practice asked, so a cursor of another practice or list reads that
 * place in this one. A cursor of another sort is refused.
 */
function encodeCursor(sort: string, after: ListAfter): string {
  return Buffer.from(JSON.stringify([sort, after.value, after.id])).toString('base64url');
}

function badCursor(message: string): AppError {
  return new AppError('invalid_input', `after: ${message}`, [{ path: 'query.after', message }]);
}

/** What a cursor's sort value must be: a string, an integer or a number (null where the column allows). */
type CursorValue = 'string' | 'integer' | 'number';

function valueFits(value: unknown, kind: CursorValue, nullable: boolean): boolean {
  if (value === null) return nullable;
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'integer') return Number.isSafeInteger(value);
  return typeof value === 'number' && Number.isFinite(value);
}

function decodeCursor(
  cursor: string,
  sort: string,
  kind: CursorValue,
  nullable: boolean,
): ListAfter {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[2] !== 'string'
  ) {
    throw badCursor('not a cursor: pass the nextCursor of a page as it came');
  }
  const [made, value, id] = parsed as [string, unknown, string];
  if (made !== sort) {
    throw badCursor(`this cursor pages the sort "${made}", not "${sort}": ask with sort=${made}`);
  }
  if (!valueFits(value, kind, nullable)) {
    throw badCursor('not a cursor: pass the nextCursor of a page as it came');
  }
  return { value: value as ListAfter['value'], id };
}

/**
 * A page of the practice's records of `resource` (a `RecordPage`) as UTF-8 JSON bytes, by
 * offset or after a cursor (`after`, a page's `nextCursor`). The page is kept, like the
 * report, per practice and query until the practice's data changes (`cachedPage`):
 * the same page asked again costs the revision read and a look-up. Bytes, not text: on
 * SQLite they come from the database as they go to the socket, never a JS string.
 */
export async function listRecordsJsonAs(
  store: Store,
  access: PracticeAccess,
  resource: RecordResource,
  query: RecordListQuery,
): Promise<Uint8Array<ArrayBuffer>> {
  authorize(access, 'read');
  const spec = RECORD_RESOURCES[resource];
  const descending = query.sort?.startsWith('-') ?? false;
  const sort = query.sort?.replace(/^-/, '');
  if (sort !== undefined && !spec.sort.includes(sort)) {
    throw new AppError(
      'invalid_input',
      `cannot sort ${resource} by "${sort}"; choose one of ${spec.sort.join(', ')}`,
    );
  }
  const equals: Record<string, string> = {};
  for (const [column, value] of Object.entries(query.filters ?? {})) {
    if (!spec.filters.includes(column))
      throw new AppError('invalid_input', `cannot filter ${resource} by "${column}"`);
    equals[column] = value;
  }
  const collection = COLLECTIONS[resource];
  const sortColumn = sort ?? (collection.dated ? 'date' : 'position');
  // The sort as a cursor records it: the column and direction the page was read in.
  const order = `${descending ? '-' : ''}${sortColumn}`;
  const nullableSort = spec.nullable?.includes(sortColumn) ?? false;
  const listQuery: ListQuery = {
    limit: query.limit,
    offset: query.offset,
    q: query.q,
    searchColumns: spec.search,
    sort: sortColumn,
    descending,
    nullableSort,
    from: query.from,
    to: query.to,
    equals,
    after:
      query.after === undefined
        ? undefined
        : decodeCursor(query.after, order, cursorValue(spec, sortColumn), nullableSort),
  };
  const matching = { q: query.q, from: query.from, to: query.to, equals: sortedEntries(equals) };
  const asked = { ...matching, order, limit: query.limit, after: listQuery.after };
  return cachedPage(
    store,
    access.practiceId,
    `page|${resource}|${query.offset}|${JSON.stringify(asked)}`,
    async () => {
      // Counting reads every matching index entry (~0.1 s at a million records): the
      // count is kept until the practice's data changes, whichever page is asked — with
      // the pages, so that many searches never evict a report (every page of a query
      // uses its count: least recently used, it stays while the query is paged).
      const total = await cachedPage(
        store,
        access.practiceId,
        `count|${resource}|${JSON.stringify(matching)}`,
        async () => String(await countListed(store.db, collection, access.practiceId, listQuery)),
      );
      const page = await listPage(store.db, collection, access.practiceId, listQuery, store.sqlite);
      const next = page.next ? JSON.stringify(encodeCursor(order, page.next)) : 'null';
      // The RecordPage's JSON, written out around the items' (UTF-8 JSON from the store).
      return Buffer.concat([
        Buffer.from(
          `{"total":${Number(total)},"limit":${query.limit},"offset":${query.offset},"items":`,
        ),
        page.items,
        Buffer.from(`,"nextCursor":${next}}`),
      ]);
    },
  );
}

function cursorValue(spec: ResourceSpec, column: string): CursorValue {
  if (column === 'position' || spec.integers?.includes(column)) return 'integer';
  return spec.reals?.includes(column) ? 'number' : 'string';
}

function notFound(resource: RecordResource, id: string): AppError {
  return new AppError('not_found', `no ${RECORD_RESOURCES[resource].noun} "${id}"`);
}

export async function getRecordAs<R extends RecordResource>(
  store: Store,
  access: PracticeAccess,
  resource: R,
  id: string,
): Promise<RecordTypes[R]> {
  authorize(access, 'read');
  const row = await getRecord(store.db, COLLECTIONS[resource], access.practiceId, id);
  if (!row) throw notFound(resource, id);
  return row as unknown as RecordTypes[R];
}

async function checkRefs(
  db: Executor,
  practiceId: number,
  resource: RecordResource,
  record: Record<string, unknown>,
): Promise<void> {
  for (const [column, target] of Object.entries(RECORD_RESOURCES[resource].refs)) {
    const value = record[column];
    if (typeof value !== 'string') continue;
    if (!(await getRecord(db, COLLECTIONS[target], practiceId, value))) {
      throw new AppError(
        'invalid_input',
        `${column}: no ${RECORD_RESOURCES[target].noun} "${value}"`,
        [{ path: column, message: `no ${RECORD_RESOURCES[target].noun} "${value}"` }],
      );
    }
  }
  if (resource === 'payments' && typeof record.externalId === 'string') {
    const clash = await db
      .selectFrom('payments')
      .select('id')
      .where('practiceId', '=', practiceId)
      .where('externalId', '=', record.externalId)
      .where('id', '!=', String(record.id))
      .executeTakeFirst();
    if (clash)
      throw new AppError(
        'conflict',
        `payment "${clash.id}" has the external id "${record.externalId}" already`,
      );
  }
}

/** Creates a record; its id is generated unless given. */
export async function createRecordAs<R extends RecordResource>(
  store: Store,
  access: PracticeAccess,
  resource: R,
  input: Omit<RecordTypes[R], 'id'> & { id?: string },
): Promise<RecordTypes[R]> {
  authorize(access, 'write');
  const spec = COLLECTIONS[resource];
  const record = { ...input, id: input.id ?? newId(RECORD_RESOURCES[resource].prefix) } as Record<
    string,
    unknown
  >;
  return store.db.transaction().execute(async (trx) => {
    if (await getRecord(trx, spec, access.practiceId, String(record.id))) {
      throw new AppError(
        'conflict',
        `a ${RECORD_RESOURCES[resource].noun} "${record.id}" exists already`,
      );
    }
    await checkRefs(trx, access.practiceId, resource, record);
    await insertRecord(trx, spec, access.practiceId, record);
    return (await getRecord(
      trx,
      spec,
      access.practiceId,
      String(record.id),
    )) as unknown as RecordTypes[R];
  });
}

/** Changes the given fields of a record (its id stays). */
export async function updateRecordAs<R extends RecordResource>(
  store: Store,
  access: PracticeAccess,
  resource: R,
  id: string,
  changes: Partial<Omit<RecordTypes[R], 'id'>>,
): Promise<RecordTypes[R]> {
  authorize(access, 'write');
  const spec = COLLECTIONS[resource];
  return store.db.transaction().execute(async (trx) => {
    const current = await getRecord(trx, spec, access.practiceId, id);
    if (!current) throw notFound(resource, id);
    const next = { ...current, ...changes, id };
    if (resource === 'clients' && next.referredBy === id) {
      throw new AppError('invalid_input', 'referredBy: a client cannot refer themself');
    }
    await checkRefs(trx, access.practiceId, resource, next);
    await updateRecord(trx, spec, access.practiceId, id, changes as Record<string, unknown>);
    return (await getRecord(trx, spec, access.practiceId, id)) as unknown as RecordTypes[R];
  });
}

/** Deletes a record; an offer or client still referenced is refused with `conflict`. */
export async function deleteRecordAs(
  store: Store,
  access: PracticeAccess,
  resource: RecordResource,
  id: string,
): Promise<void> {
  authorize(access, 'write');
  const spec = COLLECTIONS[resource];
  await store.db.transaction().execute(async (trx) => {
    if (!(await getRecord(trx, spec, access.practiceId, id))) throw notFound(resource, id);
    const uses: string[] = [];
    for (const [other, column] of RECORD_RESOURCES[resource].referencedBy) {
      const n = await countReferences(trx, COLLECTIONS[other].table, column, access.practiceId, id);
      if (n > 0) uses.push(`${n} ${other}`);
    }
    if (uses.length > 0) {
      throw new AppError(
        'conflict',
        `${RECORD_RESOURCES[resource].noun} "${id}" is still used by ${uses.join(', ')}: reassign or delete those first`,
      );
    }
    await deleteRecord(trx, spec, access.practiceId, id);
  });
}
