/**
 * The generic SQL behind the records repository: batched upserts by (practice id, key)
 * and ordered selects, written once for all record tables. Kysely's types cannot follow
 * a table name chosen at run time, so these work on a loosely typed view of the
 * database; the typed collection specs (collections.ts) say what goes in.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type {
  ConversationGroup,
  CostGroup,
  GroupBounds,
  GroupedData,
  PaymentGroup,
  TimeGroup,
} from '../domain/analysis/index.ts';
import { addDays } from '../domain/dates.ts';
import { ACTIVITIES, type Activity, type Outcome } from '../domain/model.ts';
import type { CollectionSpec } from './collections.ts';
import { type Executor, isPostgres } from './database.ts';
import { sqlName } from './naming.ts';
import type { Elsewhere } from './read-helper.ts';
import { bumpRevision } from './revision.repository.ts';

type Row = Record<string, unknown>;
type Loose = Kysely<Record<string, Row>>;

/**
 * Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535, and
 * small enough that building the statement stays cheap.
 */
export const MAX_PARAMS_PER_STATEMENT = 16_000;

function loose(db: Executor): Loose {
  return db as unknown as Loose;
}

/** The position the next inserted record of `spec` gets in this practice. */
export async function nextPosition(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
): Promise<number> {
  const row = await lastPositionQuery(db, spec, practiceId).executeTakeFirst();
  const last = row?.last;
  return last === null || last === undefined ? 0 : Number(last) + 1;
}

/** The query `nextPosition` runs (its plan is tested: migration 0011's indexes). */
export function lastPositionQuery(db: Executor, spec: CollectionSpec, practiceId: number) {
  return loose(db)
    .selectFrom(spec.table)
    .select((eb) => eb.fn.max('position').as('last'))
    .where('practiceId', '=', practiceId);
}

/**
 * Inserts `records` as rows of `spec.table`, updating the rows whose key already exists
 * (their position is kept, so export order stays stable). New rows get positions
 * `firstPosition`, `firstPosition + 1`, … in array order.
 */
export async function upsertRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  records: readonly object[],
  firstPosition: number,
): Promise<void> {
  if (records.length > 0) await bumpRevision(db, practiceId);
  const updated = spec.columns.filter((c) => !spec.key.includes(c));
  const perStatement = Math.max(
    1,
    Math.floor(MAX_PARAMS_PER_STATEMENT / (spec.columns.length + 2)),
  );
  for (let start = 0; start < records.length; start += perStatement) {
    const batch = records.slice(start, start + perStatement);
    const rows = batch.map((record, i) =>
      toRow(spec, practiceId, firstPosition + start + i, record),
    );
    await loose(db)
      .insertInto(spec.table)
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['practiceId', ...spec.key]).doUpdateSet((eb) => {
          const set: Row = {};
          for (const column of updated) set[column] = eb.ref(`excluded.${column}`);
          return set;
        }),
      )
      .execute();
  }
}

/**
 * Inserts the `records` whose key (or, for payments, external id) is new to the
 * practice and leaves existing rows untouched — what a re-import needs: the user's and
 * the rules' later assignments survive. Returns how many rows were inserted.
 */
export async function insertNewRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  records: readonly object[],
  firstPosition: number,
): Promise<number> {
  if (records.length > 0) await bumpRevision(db, practiceId);
  const perStatement = Math.max(
    1,
    Math.floor(MAX_PARAMS_PER_STATEMENT / (spec.columns.length + 2)),
  );
  let inserted = 0;
  for (let start = 0; start < records.length; start += perStatement) {
    const batch = records.slice(start, start + perStatement);
    const rows = batch.map((record, i) =>
      toRow(spec, practiceId, firstPosition + start + i, record),
    );
    const result = await loose(db)
      .insertInto(spec.table)
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** `ids` in runs short enough to bind as one `IN (…)` list. */
function* idRuns(ids: readonly string[]): Generator<readonly string[]> {
  const perStatement = MAX_PARAMS_PER_STATEMENT - 16;
  for (let start = 0; start < ids.length; start += perStatement)
    yield ids.slice(start, start + perStatement);
}

/**
 * A write of the practice's rows `ids`, run once per run of ids short enough for one
 * `IN (…)` list, after the practice's revision is bumped (when there is anything to
 * write); returns the sum of what each run returns (rows written).
 */
export async function writeByIds(
  db: Executor,
  practiceId: number,
  ids: readonly string[],
  write: (run: readonly string[]) => Promise<number>,
): Promise<number> {
  if (ids.length === 0) return 0;
  await bumpRevision(db, practiceId);
  let written = 0;
  for (const run of idRuns(ids)) written += await write(run);
  return written;
}

/**
 * `columns` of the records `ids` of `spec` (a collection keyed by `id`), by id; ids with
 * no record are absent from the map.
 */
export async function selectRecordsById<T extends object = Row>(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  ids: readonly string[],
  columns: readonly string[],
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (const run of idRuns(ids)) {
    const rows = await loose(db)
      .selectFrom(spec.table)
      .select(['id', ...columns])
      .where('practiceId', '=', practiceId)
      .where('id', 'in', run)
      .execute();
    for (const row of rows) found.set(row.id as string, row as T);
  }
  return found;
}

/** Sets the same `values` on the records `ids` of `spec`; returns how many it updated. */
export async function updateRecordsById(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  ids: readonly string[],
  values: Row,
): Promise<number> {
  return writeByIds(db, practiceId, ids, async (run) => {
    const result = await loose(db)
      .updateTable(spec.table)
      .set(values)
      .where('practiceId', '=', practiceId)
      .where('id', 'in', run)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}

/** Deletes the records `ids` of `spec`; returns how many it deleted. */
export async function deleteRecordsById(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  ids: readonly string[],
): Promise<number> {
  return writeByIds(db, practiceId, ids, async (run) => {
    const result = await loose(db)
      .deleteFrom(spec.table)
      .where('practiceId', '=', practiceId)
      .where('id', 'in', run)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/**
 * Rows per SELECT of `selectRecords`: each statement returns its rows as one JSON text,
 * which must stay far below SQLite's 1 GB and V8's ~512 M-character string limits
 * (100,000 payments with notes are ~20 MB).
 */
export const MAX_ROWS_PER_SELECT = 200_000;

/**
 * The practice's records of `spec`, with the model columns (or just `columns`), in
 * stored order (position, then key). This is the bulk path (hundreds of thousands of
 * rows): the database builds the rows as one JSON array of arrays (`json_group_array` /
 * `json_agg`, ordered by the aggregate itself), parsed once: much cheaper than the
 * drivers' row objects, and JSON.parse shares repeated short strings (dates, ids,
 * currencies). Numbers come back exactly: both engines write doubles in
 * shortest round-trip form. More than `rowsPerSelect` records are read in position
 * ranges of that many positions. Call it in a transaction (as the loaders do) so that
 * the count and the ranges see one snapshot.
 */
export async function selectRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  opts: SelectOptions = {},
): Promise<Row[]> {
  return (await startSelectRecords(db, spec, practiceId, opts)).records;
}

export interface SelectOptions {
  to?: string;
  columns?: readonly string[];
  rowsPerSelect?: number;
  /** false: in any order (no sort; for a reader that indexes the records by key). */
  ordered?: boolean;
  /**
   * A helper's queue (store/read-helper.ts) for the one statement that reads every
   * record, when one does (at most `rowsPerSelect` records).
   */
  away?: Elsewhere;
}

/**
 * `selectRecords`, returning once the records are counted and, with `opts.away`, their
 * statement queued there: `records` then settles after `away.send()`.
 */
export async function startSelectRecords(
  db: Executor,
  spec: CollectionSpec,
  practiceId: number,
  opts: SelectOptions = {},
): Promise<{ records: Promise<Row[]> }> {
  const { to, columns = spec.columns, rowsPerSelect = MAX_ROWS_PER_SELECT } = opts;
  const ordered = opts.ordered ?? true;
  const raw = loose(db.withoutPlugins());
  const scope = () => {
    const q = raw.selectFrom(sqlName(spec.table)).where(sqlName('practiceId'), '=', practiceId);
    if (!spec.dated) return q;
    // Dated records are read through the (practice_id, date) index, in date order, which
    // is close to stored order: the table is read nearly sequentially. (Left to choose,
    // SQLite may walk the (practice_id, offer_id, date) index and read the table in random
    // order, twice as slow.) `date >= ''` holds for every record: it only steers the plan.
    return to === undefined ? q.where('date', '>=', '') : q.where('date', '<=', to);
  };
  // Counting reads an index only; the records are read by the statements below.
  const counted = await scope()
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const count = Number(counted?.n ?? 0);
  if (count === 0) return { records: Promise.resolve([]) };

  const postgres = isPostgres(db);
  const values = sql.join(columns.map((c) => sql.ref(sqlName(c))));
  const order = sql.join(['position', ...spec.key].map((c) => sql.ref(sqlName(c))));
  const orderBy = ordered ? sql` ORDER BY ${order}` : sql``;
  const rowsJson = postgres
    ? sql<unknown>`json_agg(json_build_array(${values})${orderBy})`
    : sql<unknown>`json_group_array(json_array(${values})${orderBy})`;
  const toRecord = recordMaker(columns);
  const records: Row[] = [];
  const add = (json: unknown) => {
    // SQLite returns the JSON text; pg parses json itself (and gives null for no rows).
    const rows = (typeof json === 'string' ? JSON.parse(json) : (json ?? [])) as unknown[][];
    for (const row of rows) records.push(toRecord(row));
    return records;
  };
  const read = async (from?: number, before?: number) => {
    let query = scope().select(rowsJson.as('rows'));
    if (from !== undefined) query = query.where('position', '>=', from);
    if (before !== undefined) query = query.where('position', '<', before);
    add((await query.executeTakeFirst())?.rows);
  };
  if (count <= rowsPerSelect) {
    if (opts.away) {
      const later = opts.away.value(scope().select(rowsJson.as('rows')).compile()).then(add);
      return { records: handled(later) };
    }
    await read();
    return { records: Promise.resolve(records) };
  }
  const span = await scope()
    .select((eb) => [eb.fn.min('position').as('first'), eb.fn.max('position').as('last')])
    .executeTakeFirstOrThrow();
  const last = Number(span.last);
  for (let start = Number(span.first); start <= last; start += rowsPerSelect) {
    await read(start, start + rowsPerSelect);
  }
  return { records: Promise.resolve(records) };
}

/** Turns a row array (values in `columns` order) into a record keyed by the column names. */
function recordMaker(columns: readonly string[]): (row: readonly unknown[]) => Row {
  return (row) => {
    const record: Row = {};
    for (let i = 0; i < columns.length; i++) record[columns[i]!] = row[i];
    return record;
  };
}

function toRow(spec: CollectionSpec, practiceId: number, position: number, record: object): Row {
  const values = record as Row;
  const row: Row = { practiceId, position };
  for (const column of spec.columns) row[column] = values[column] ?? null;
  return row;
}

/**
 * `promise`, marked as handled: awaited later (after this connection's own statements),
 * it still rejects there, but a rejection meanwhile (the caller failed first) is not an
 * unhandled one, which would end a compute thread or the CLI.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * `reads`, for after this connection's own statements: with `away`, queued for its
 * helper and handed over at once (the helper reads while this connection goes on);
 * without, run here one after the other once the returned function is called.
 */
function readLater<T>(
  reads: readonly (() => Promise<T>)[],
  away: Elsewhere | undefined,
): () => Promise<T[]> {
  if (!away) {
    return async () => {
      const results: T[] = [];
      for (const read of reads) results.push(await read());
      return results;
    };
  }
  const queued = reads.map((read) => handled(read()));
  away.send();
  return () => Promise.all(queued);
}

/**
 * The rows of `query`, each as the array of `values`, built by the database as one JSON
 * array of arrays (as `selectRecords` does) and parsed once. With `away`, the statement
 * is queued for its helper (store/read-helper.ts): the promise settles after `away.send()`.
 */
async function jsonRows(
  db: Executor,
  query: RawBuilder<unknown>,
  values: readonly RawBuilder<unknown>[],
  away?: Elsewhere,
): Promise<unknown[][]> {
  const postgres = isPostgres(db);
  const list = sql.join(values);
  const json = postgres
    ? sql<unknown>`json_agg(json_build_array(${list}))`
    : sql<unknown>`json_group_array(json_array(${list}))`;
  const statement = sql<{ rows: unknown }>`SELECT ${json} AS rows FROM (${query}) g`;
  const text = away
    ? await away.value(statement.compile(db.withoutPlugins()))
    : (await statement.execute(db.withoutPlugins())).rows[0]?.rows;
  return (typeof text === 'string' ? JSON.parse(text) : (text ?? [])) as unknown[][];
}

/**
 * The ranges of dates up to `b.to` on each of which `paymentDateClass` is one value, in
 * date order, as conditions on `date`. The class changes only where a date reaches the
 * period's or the window's start or passes the window's end, so the ranges run between
 * those cuts (a cut after `b.to` cuts nothing); each class has one range.
 * @example paymentDateRanges({ from: '2025-11-01', to: '2026-10-31', windowFrom: '2026-08-01', windowTo: '2026-10-31', currency: 'USD' })
 * // date < '2025-11-01'; date >= '2025-11-01' AND date < '2026-08-01'; date >= '2026-08-01' AND date <= '2026-10-31'
 */
function paymentDateRanges(b: GroupBounds): RawBuilder<unknown>[] {
  // `after`: the cut lies just after its date (date > cut), else just before it (date >= cut).
  const cuts = [
    { date: b.from, after: false },
    { date: b.windowFrom, after: false },
    { date: b.windowTo, after: true },
  ]
    .filter((c) => (c.after ? c.date < b.to : c.date <= b.to))
    .sort((x, y) =>
      x.date === y.date ? Number(x.after) - Number(y.after) : x.date < y.date ? -1 : 1,
    )
    .filter((c, i, all) => i === 0 || c.date !== all[i - 1]!.date || c.after !== all[i - 1]!.after);
  const ranges: RawBuilder<unknown>[] = [];
  let lower: RawBuilder<unknown> | undefined;
  for (const cut of cuts) {
    const upper = cut.after ? sql`date <= ${cut.date}` : sql`date < ${cut.date}`;
    ranges.push(lower === undefined ? upper : sql`${lower} AND ${upper}`);
    lower = cut.after ? sql`date > ${cut.date}` : sql`date >= ${cut.date}`;
  }
  const last = sql`date <= ${b.to}`;
  ranges.push(lower === undefined ? last : sql`${lower} AND ${last}`);
  return ranges;
}

/**
 * The groups of a period's records (`GroupedData`, src/domain/analysis/groups.ts) built by
 * the database: GROUP BYs on exactly the keys `groupRecords` uses (a key that is one
 * value in a pass, like a side of the period's start, is fixed by the pass's WHERE), most
 * read in the order of an index so that nothing is sorted; each table's result returned
 * as one JSON array of arrays (as `selectRecords` does). Computed keys are computed in an
 * inner select, so that PostgreSQL sees the same expressions in the select list and the
 * GROUP BY. Sums are integers (minor units) and counts; hours come back as the stored
 * doubles, exactly. Call it in one snapshot (as the loader does).
 */
export async function selectGroups(
  db: Executor,
  practiceId: number,
  b: GroupBounds,
  away?: Elsewhere,
): Promise<Pick<GroupedData, 'payments' | 'timeEntries' | 'costs' | 'conversations'>> {
  const postgres = isPostgres(db);
  const rows = (
    query: RawBuilder<unknown>,
    values: readonly RawBuilder<unknown>[],
    elsewhere?: Elsewhere,
  ) => jsonRows(db, query, values, elsewhere);
  const ref = (name: string) => sql.ref(name);
  const cur = b.currency;

  // Time entries in ordered passes over time_entries_report_idx (migration 0005), no
  // sort: before the period by (activity, offer, hours); in it the same for the
  // activities other than delivery (also by client) and marketing (also by channel).
  const timeFrom = sql`FROM time_entries ${postgres ? sql`` : sql`INDEXED BY time_entries_report_idx`}
    WHERE practice_id = ${practiceId}`;
  const others = ACTIVITIES.filter((a) => a !== 'delivery' && a !== 'marketing');
  const byActivity = (range: RawBuilder<unknown>) => () =>
    rows(
      sql`SELECT activity, offer_id, hours, count(*) AS n, min(date) AS d
          ${timeFrom} AND ${range} GROUP BY activity, offer_id, hours`,
      ['activity', 'offer_id', 'hours', 'n', 'd'].map(ref),
      away,
    );
  const inPeriodOf = (activity: string, by: string) => () =>
    rows(
      sql`SELECT offer_id, hours, ${ref(by)}, count(*) AS n, min(date) AS d
          ${timeFrom} AND activity = ${activity} AND date >= ${b.from} AND date <= ${b.to}
          GROUP BY offer_id, hours, ${ref(by)}`,
      ['offer_id', 'hours', by, 'n', 'd'].map(ref),
      away,
    );
  const timeReads = [
    byActivity(sql`date < ${b.from}`),
    byActivity(sql`activity IN (${sql.join(others)}) AND date >= ${b.from} AND date <= ${b.to}`),
    inPeriodOf('delivery', 'client_id'),
    inPeriodOf('marketing', 'channel'),
  ];
  // Costs in ordered passes over costs_report_idx (migration 0008), with no sort: in the
  // practice currency before the period by offer, in it by offer and channel; in the
  // other currencies (below it, then above it; few) also by date and amount.
  const costsFrom = sql`FROM costs ${postgres ? sql`` : sql`INDEXED BY costs_report_idx`}
    WHERE practice_id = ${practiceId}`;
  const readCosts = () =>
    rows(
      sql.join(
        [
          sql`SELECT offer_id, NULL AS currency, min(date) AS d, sum(amount) AS amount,
            count(*) AS n, NULL AS k_channel
          ${costsFrom} AND currency = ${cur} AND date < ${b.from}
          GROUP BY offer_id`,
          sql`SELECT offer_id, NULL AS currency, min(date) AS d, sum(amount) AS amount,
            count(*) AS n, channel AS k_channel
          ${costsFrom} AND currency = ${cur} AND date >= ${b.from} AND date <= ${b.to}
          GROUP BY offer_id, channel`,
          ...[sql`<`, sql`>`].map(
            (side) => sql`SELECT offer_id, currency, date AS d, sum(amount) AS amount,
              count(*) AS n, k_channel
            FROM (SELECT offer_id, currency, date, amount,
                    CASE WHEN date >= ${b.from} THEN channel END AS k_channel
                  ${costsFrom} AND currency ${side} ${cur} AND date <= ${b.to}) r
            GROUP BY offer_id, currency, date, amount, k_channel`,
          ),
        ],
        sql` UNION ALL `,
      ),
      ['offer_id', 'currency', 'd', 'amount', 'n', 'k_channel'].map(ref),
      away,
    );
  const readConversations = () =>
    rows(
      sql`SELECT outcome, min(date) AS d, count(*) AS n FROM conversations
        WHERE practice_id = ${practiceId} AND date >= ${b.from} AND date <= ${b.to}
        GROUP BY outcome`,
      ['outcome', 'd', 'n'].map(ref),
      away,
    );
  // For the helper (the time entries, costs and conversations: about as much reading as
  // the payments), handed over before this connection starts its own.
  const later = readLater([...timeReads, readCosts, readConversations], away);

  // Payments in ordered passes over payments_report_idx (migration 0008), with no sort:
  // in the practice currency one pass per range of dates of one `paymentDateClass`, by
  // client, offer and sign; in the other currencies (below it, then above it) also by
  // date, amount and fee, which fix the sign and the class. One statement, one JSON.
  const payments = sql`FROM payments ${postgres ? sql`` : sql`INDEXED BY payments_report_idx`}
    WHERE practice_id = ${practiceId}`;
  const own = paymentDateRanges(b).map(
    (range) => sql`SELECT client_id, offer_id, min(date) AS d, sum(amount) AS amount,
        sum(COALESCE(fee, 0)) AS fee, count(*) AS n, NULL AS currency
      ${payments} AND currency = ${cur} AND ${range}
      GROUP BY client_id, offer_id, amount > 0`,
  );
  const foreign = [sql`<`, sql`>`].map(
    (side) => sql`SELECT client_id, offer_id, date AS d, sum(amount) AS amount,
        sum(COALESCE(fee, 0)) AS fee, count(*) AS n, currency
      ${payments} AND currency ${side} ${cur} AND date <= ${b.to}
      GROUP BY currency, client_id, offer_id, amount > 0, date, amount, fee`,
  );
  const paymentRows = await rows(
    sql.join([...own, ...foreign], sql` UNION ALL `),
    ['client_id', 'offer_id', 'currency', 'd', 'amount', 'fee', 'n'].map(ref),
  );

  const [before = [], otherIn = [], delivery = [], marketing = [], costs = [], conversations = []] =
    await later();
  const timeEntries: TimeGroup[] = [];
  for (const [activity, offerId, hours, count, date] of [...before, ...otherIn]) {
    timeEntries.push(timeGroup([activity, offerId, hours, date, count]));
  }
  for (const [offerId, hours, clientId, count, date] of delivery) {
    timeEntries.push(timeGroup(['delivery', offerId, hours, date, count, clientId]));
  }
  for (const [offerId, hours, channel, count, date] of marketing) {
    timeEntries.push(timeGroup(['marketing', offerId, hours, date, count, null, channel]));
  }
  return {
    // The practice currency is left out of its groups' rows (NULL): it is `cur`.
    payments: paymentRows.map((row) => paymentGroup(row, cur)),
    timeEntries,
    costs: costs.map((row) => costGroup(row, cur)),
    conversations: conversations.map(conversationGroup),
  };
}

/**
 * A payment group from its row: client, offer, currency, date, amount, fee, count; a
 * currency of null is `currency`.
 */
function paymentGroup(
  [clientId, offerId, rowCurrency, date, amount, fee, count]: unknown[],
  currency?: string,
) {
  return {
    date: date as string,
    amount: Number(amount),
    currency: (rowCurrency ?? currency) as string,
    fee: Number(fee),
    clientId: clientId as string | null,
    offerId: offerId as string | null,
    count: Number(count),
  };
}

/** A time group from its row: activity, offer, hours, date, count, client, channel. */
function timeGroup([activity, offerId, hours, date, count, clientId, channel]: unknown[]) {
  return {
    date: date as string,
    hours: Number(hours),
    activity: activity as Activity,
    offerId: offerId as string | null,
    clientId: (clientId ?? null) as string | null,
    channel: (channel ?? null) as string | null,
    count: Number(count),
  };
}

/**
 * A cost group from its row: offer, currency, date, amount, count, channel; a currency of
 * null is `currency`.
 */
function costGroup(
  [offerId, rowCurrency, date, amount, count, channel]: unknown[],
  currency?: string,
) {
  return {
    date: date as string,
    amount: Number(amount),
    currency: (rowCurrency ?? currency) as string,
    offerId: offerId as string | null,
    channel: channel as string | null,
    count: Number(count),
  };
}

/** A conversation group from its row: outcome, date, count. */
function conversationGroup([outcome, date, count]: unknown[]) {
  return { date: date as string, outcome: outcome as Outcome, count: Number(count) };
}

/** The latest date of the practice's payments, time entries, costs and conversations, or null. */
export async function selectLatestDate(db: Executor, practiceId: number): Promise<string | null> {
  const latest = (table: string) =>
    sql`(SELECT max(date) FROM ${sql.table(table)} WHERE practice_id = ${practiceId})`;
  const tables = ['payments', 'time_entries', 'costs', 'conversations'];
  const result = await sql<{ d: string | null }>`SELECT max(d) AS d FROM (${sql.join(
    tables.map((t) => sql`SELECT ${latest(t)} AS d`),
    sql` UNION ALL `,
  )}) u`.execute(db.withoutPlugins());
  return result.rows[0]?.d ?? null;
}

/** The groups of one month's records (`selectMonthGroups`). */
export interface MonthGroups {
  payments: PaymentGroup[];
  timeEntries: TimeGroup[];
  costs: CostGroup[];
  conversations: ConversationGroup[];
}

/**
 * The groups of several consecutive periods at once (the months of the dashboard's
 * series, app/monthly.ts): for each of `periods` (disjoint, in date order, each within one
 * calendar month), the groups `groupRecords` makes of the records dated *in* that period
 * with that period as the period — records before a period are left out, so these are
 * the groups of figures that read only the period's records (a stream's revenue, costs
 * and hours). One GROUP BY per table over the whole span, with the month added to the
 * keys: every record is read once, however many months. Keyed by `YYYY-MM`; a month with
 * no record is absent. Call it in one snapshot (as the loader does).
 */
export async function selectMonthGroups(
  db: Executor,
  practiceId: number,
  periods: readonly GroupBounds[],
  away?: Elsewhere,
): Promise<Map<string, MonthGroups>> {
  const months = new Map<string, MonthGroups>();
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (first === undefined || last === undefined) return months;
  for (const b of periods) {
    const key = b.from.slice(0, 7);
    if (key !== b.to.slice(0, 7) || months.has(key)) {
      throw new Error(`selectMonthGroups: ${b.from}…${b.to} is not one new calendar month`);
    }
    months.set(key, { payments: [], timeEntries: [], costs: [], conversations: [] });
  }
  const rows = (query: RawBuilder<unknown>, values: readonly string[], elsewhere?: Elsewhere) =>
    jsonRows(
      db,
      query,
      values.map((v) => sql.ref(v)),
      elsewhere,
    );
  const cur = first.currency;
  const month = sql`substr(date, 1, 7)`;
  // Only the records dated in one of the periods (the span, minus any gaps between them).
  const contiguous = periods.every((b, i) => i === 0 || b.from === addDays(periods[i - 1]!.to, 1));
  const span = sql`date >= ${first.from} AND date <= ${last.to}`;
  const inPeriods = contiguous
    ? span
    : sql`${span} AND (${sql.join(
        periods.map((b) => sql`date BETWEEN ${b.from} AND ${b.to}`),
        sql` OR `,
      )})`;
  // paymentDateClass for the record's own period is one value on every day of a period
  // within one calendar month (the window starts months before it and ends either on its
  // last day, which is the period's end, or before its first day; groups.test.ts proves
  // it), so the month alone tells it and payments are grouped by their sign only.
  const sign = sql`CASE WHEN amount > 0 THEN 1 ELSE 0 END`;

  // In its period, a delivery entry is also grouped by client, a marketing one by channel.
  // With a helper (`away`), its connection reads them while this one reads the rest.
  const readTime = () =>
    rows(
      sql`SELECT m, activity, offer_id, hours, c, ch, count(*) AS n, min(date) AS d
        FROM (SELECT ${month} AS m, activity, offer_id, hours, date,
                CASE WHEN activity = 'delivery' THEN client_id END AS c,
                CASE WHEN activity = 'marketing' THEN channel END AS ch
              FROM time_entries WHERE practice_id = ${practiceId} AND ${inPeriods}) r
        GROUP BY m, activity, offer_id, hours, c, ch`,
      ['m', 'activity', 'offer_id', 'hours', 'd', 'n', 'c', 'ch'],
      away,
    );
  const later = readLater([readTime], away);

  const payments = await rows(
    sql`SELECT m, client_id, offer_id, currency, min(date) AS d, sum(amount) AS amount,
          sum(fee) AS fee, count(*) AS n
        FROM (SELECT ${month} AS m, client_id, offer_id, currency, date, amount,
                COALESCE(fee, 0) AS fee, ${sign} AS k,
                CASE WHEN currency <> ${cur} THEN date END AS fd,
                CASE WHEN currency <> ${cur} THEN amount END AS fa,
                CASE WHEN currency <> ${cur} THEN fee END AS ff
              FROM payments WHERE practice_id = ${practiceId} AND ${inPeriods}) r
        GROUP BY m, client_id, offer_id, currency, k, fd, fa, ff`,
    ['m', 'client_id', 'offer_id', 'currency', 'd', 'amount', 'fee', 'n'],
  );
  for (const [m, ...row] of payments) months.get(m as string)?.payments.push(paymentGroup(row));
  const costs = await rows(
    sql`SELECT m, offer_id, currency, channel, min(date) AS d, sum(amount) AS amount, count(*) AS n
        FROM (SELECT ${month} AS m, offer_id, currency, channel, date, amount,
                CASE WHEN currency <> ${cur} THEN date END AS fd,
                CASE WHEN currency <> ${cur} THEN amount END AS fa
              FROM costs WHERE practice_id = ${practiceId} AND ${inPeriods}) r
        GROUP BY m, offer_id, currency, channel, fd, fa`,
    ['m', 'offer_id', 'currency', 'd', 'amount', 'n', 'channel'],
  );
  for (const [m, ...row] of costs) months.get(m as string)?.costs.push(costGroup(row));
  const conversations = await rows(
    sql`SELECT m, outcome, min(date) AS d, count(*) AS n
        FROM (SELECT ${month} AS m, outcome, date FROM conversations
              WHERE practice_id = ${practiceId} AND ${inPeriods}) r
        GROUP BY m, outcome`,
    ['m', 'outcome', 'd', 'n'],
  );
  for (const [m, ...row] of conversations) {
    months.get(m as string)?.conversations.push(conversationGroup(row));
  }
  const [time = []] = await later();
  for (const [m, ...row] of time) months.get(m as string)?.timeEntries.push(timeGroup(row));
  return months;
}
