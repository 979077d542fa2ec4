/**
 * A practice's records as a whole: save a `PracticeData` (upsert by id, never
 * duplicate), load it back in stored order, count it. Every query is scoped by the
 * practice id; the practice row itself is written by practice.repository.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  type AnalysisData,
  type GroupedData,
  groupBounds,
  type Period,
} from '../domain/analysis/index.ts';
import { isIsoDate } from '../domain/dates.ts';
import type { Practice, PracticeData } from '../domain/model.ts';
import {
  ANALYSIS_COLLECTION_NAMES,
  ANALYSIS_COLUMNS,
  COLLECTION_NAMES,
  COLLECTIONS,
  type Collection,
  keyOf,
} from './collections.ts';
import { type Database, type Executor, inSnapshot } from './database.ts';
import { isUniqueViolation, messageOf, StoreError } from './errors.ts';
import { findPracticeById } from './practice.repository.ts';
import { type Elsewhere, elsewhere, type ReadHelper } from './read-helper.ts';
import {
  nextPosition,
  selectGroups,
  selectLatestDate,
  selectMonthGroups,
  selectRecords,
  startSelectRecords,
  upsertRecords,
} from './record-sql.ts';
import { loadRules, saveRules } from './rule.repository.ts';

/** Records of one practice per collection (a type alias so it fits `Record<string, number>`). */
export type RecordCounts = { [K in Collection]: number };

/** What a save did per collection: records new to the practice and records updated by key. */
export type SaveSummary = { [K in Collection]: { added: number; updated: number } };

/**
 * Writes every record of `data` into practice `practiceId`: a record whose key (id; date
 * for list snapshots; date, from and to for rates) exists is updated, any other is
 * added after the practice's existing records. Records of the practice absent from
 * `data` are kept. Runs in one transaction (the given one, or its own).
 *
 * @example await savePracticeData(trx, practiceId, data) // { payments: { added: 3, updated: 1 }, … }
 * @throws StoreError `duplicate_record` when `data` repeats a key, `duplicate_external_id`
 *   when a payment's external id belongs to another payment of the practice.
 */
export async function savePracticeData(
  db: Executor,
  practiceId: number,
  data: PracticeData,
): Promise<SaveSummary> {
  checkUniqueKeys(data);
  if (!db.isTransaction) {
    return (db as Kysely<Database>).transaction().execute((trx) => save(trx, practiceId, data));
  }
  return save(db as Transaction<Database>, practiceId, data);
}

async function save(
  trx: Transaction<Database>,
  practiceId: number,
  data: PracticeData,
): Promise<SaveSummary> {
  const before = await countRecords(trx, practiceId);
  for (const name of COLLECTION_NAMES) {
    const spec = COLLECTIONS[name];
    const records = data[name];
    if (records.length === 0) continue;
    try {
      await upsertRecords(
        trx,
        spec,
        practiceId,
        records,
        await nextPosition(trx, spec, practiceId),
      );
    } catch (error) {
      if (name === 'payments' && isUniqueViolation(error)) {
        throw new StoreError(
          'duplicate_external_id',
          `A payment's external id already belongs to another payment of this practice (${messageOf(error)})`,
          { cause: error },
        );
      }
      throw error;
    }
  }
  if (data.rules) await saveRules(trx, practiceId, data.rules);
  const after = await countRecords(trx, practiceId);
  const summary = {} as SaveSummary;
  for (const name of COLLECTION_NAMES) {
    const added = after[name] - before[name];
    summary[name] = { added, updated: data[name].length - added };
  }
  return summary;
}

/**
 * The practice and its records, each collection in stored order (a bundle imported into
 * an empty practice comes back in the bundle's order). Reads one snapshot: given the
 * database, it opens a read-only REPEATABLE READ transaction, so a save committing
 * meanwhile is seen whole or not at all (never payments without their new clients).
 *
 * @param opts.to only dated records on or before this `YYYY-MM-DD` (offers and clients are all loaded).
 * @throws StoreError `practice_not_found`, `invalid_argument` for a bad `to`.
 */
export async function loadPracticeData(
  db: Executor,
  practiceId: number,
  opts: { to?: string } = {},
): Promise<PracticeData> {
  checkTo(opts.to);
  return inSnapshot(db, async (trx) => {
    const data = { practice: await practiceOf(trx, practiceId) } as Record<string, unknown>;
    for (const name of COLLECTION_NAMES) {
      data[name] = await selectRecords(trx, COLLECTIONS[name], practiceId, { to: opts.to });
    }
    data.rules = await loadRules(trx, practiceId);
    return data as unknown as PracticeData;
  });
}

/**
 * What the analysis reads of the practice (`AnalysisData`): the same snapshot and order
 * as `loadPracticeData`, but only the columns a figure uses (`ANALYSIS_COLUMNS`): no
 * notes, external ids, client names or emails, time entry ids, list snapshots, rules….
 * For a large practice that is a fraction of the work.
 *
 * @param opts.to only dated records on or before this `YYYY-MM-DD` (offers and clients are all loaded).
 * @throws StoreError `practice_not_found`, `invalid_argument` for a bad `to`.
 */
export async function loadAnalysisData(
  db: Executor,
  practiceId: number,
  opts: { to?: string } = {},
): Promise<AnalysisData> {
  checkTo(opts.to);
  return inSnapshot(db, async (trx) => {
    const data = { practice: await practiceOf(trx, practiceId) } as Record<string, unknown>;
    for (const name of ANALYSIS_COLLECTION_NAMES) {
      data[name] = await selectRecords(trx, COLLECTIONS[name], practiceId, {
        to: opts.to,
        columns: ANALYSIS_COLUMNS[name],
      });
    }
    return data as unknown as AnalysisData;
  });
}

/**
 * What the analysis of one period reads (`GroupedData`, src/domain/analysis/groups.ts),
 * with the summing done by the database: the practice, its offers, clients and rates,
 * and its payments, time entries, costs and conversations as the groups
 * `groupRecords` would make of them for that period. One read-only snapshot.
 *
 * @param periodOf gives the period once the practice is found; it may read the latest
 *   record date (one query, only if called) and may throw (a bad period).
 * @example
 * const { period, data } = await loadGroupedData(db, id, async (latest) =>
 *   periodAfter(() => null, { to: '2025-06-30' }));
 * @throws StoreError `practice_not_found`, or what `periodOf` throws.
 */
export async function loadGroupedData(
  db: Executor,
  practiceId: number,
  periodOf: (latest: () => Promise<string | null>) => Period | Promise<Period>,
  helper?: ReadHelper,
): Promise<{ period: Period; data: GroupedData }> {
  return inSnapshot(db, async (trx) => {
    const away = await elsewhere(db, trx, practiceId, helper);
    const practice = await practiceOf(trx, practiceId);
    const period = await periodOf(() => selectLatestDate(trx, practiceId));
    const small = await undatedOf(trx, practiceId, away);
    const groups = await selectGroups(
      trx,
      practiceId,
      groupBounds(period, practice.currency),
      away,
    );
    return {
      period,
      data: { practice, ...small, clients: await small.clients, ...groups } as GroupedData,
    };
  });
}

/**
 * The offers, clients and rates the analysis reads (`ANALYSIS_COLUMNS`). With `away`, the
 * clients are queued for its helper (sent with the next `send`): await them after.
 */
async function undatedOf(trx: Executor, practiceId: number, away?: Elsewhere) {
  // Clients are only looked up by id: read in any order (with a helper, by it).
  const { records: clients } = await startSelectRecords(trx, COLLECTIONS.clients, practiceId, {
    columns: ANALYSIS_COLUMNS.clients,
    ordered: false,
    away,
  });
  // Offers keep their order (the streams').
  const offers = await selectRecords(trx, COLLECTIONS.offers, practiceId, {
    columns: ANALYSIS_COLUMNS.offers,
  });
  const rates = await selectRecords(trx, COLLECTIONS.rates, practiceId, {
    columns: ANALYSIS_COLUMNS.rates,
  });
  return { offers, rates, clients } as unknown as Pick<GroupedData, 'offers' | 'rates'> & {
    clients: Promise<GroupedData['clients']>;
  };
}

/**
 * The groups of each of several periods within one calendar month each (the months of
 * the dashboard's series, app/monthly.ts), built by the database in one pass per table
 * (`selectMonthGroups`): for each month, the groups `groupRecords` makes of the records
 * dated *in* it, with it as the period. Records before a month are not in its groups, so
 * only figures that read a period's own records (a stream's revenue, costs, hours and
 * rate) come out as the report's. One read-only snapshot.
 *
 * @param planOf gives the whole period and its months once the practice is found; it may
 *   read the latest record date (one query, only if called) and may throw.
 * @throws StoreError `practice_not_found`, or what `planOf` throws.
 */
export async function loadGroupedMonths<Month extends Period>(
  db: Executor,
  practiceId: number,
  planOf: (
    latest: () => Promise<string | null>,
  ) => Promise<{ period: Period; months: readonly Month[] }>,
  helper?: ReadHelper,
): Promise<{ period: Period; months: { month: Month; data: GroupedData }[] }> {
  return inSnapshot(db, async (trx) => {
    const away = await elsewhere(db, trx, practiceId, helper);
    const practice = await practiceOf(trx, practiceId);
    const { period, months } = await planOf(() => selectLatestDate(trx, practiceId));
    const undated = await undatedOf(trx, practiceId, away);
    const bounds = months.map((m) => groupBounds(m, practice.currency));
    const groups = await selectMonthGroups(trx, practiceId, bounds, away);
    away?.send(); // the clients, when there was no month to read (selectMonthGroups sent nothing)
    const small = { ...undated, clients: await undated.clients };
    const none = { payments: [], timeEntries: [], costs: [], conversations: [] };
    return {
      period,
      months: months.map((month) => ({
        month,
        data: { practice, ...small, ...(groups.get(month.from.slice(0, 7)) ?? none) },
      })),
    };
  });
}

function checkTo(to: string | undefined): void {
  if (to !== undefined && !isIsoDate(to)) {
    throw new StoreError('invalid_argument', `Expected a date written YYYY-MM-DD, got "${to}"`);
  }
}

/** The practice's settings as the model has them. */
async function practiceOf(db: Executor, practiceId: number): Promise<Practice> {
  const found = await findPracticeById(db, practiceId);
  if (!found) throw new StoreError('practice_not_found', `No practice with id ${practiceId}`);
  const { id: _id, createdAt: _c, updatedAt: _u, ...practice } = found;
  return practice;
}

/** How many records of each collection the practice holds, in one query. */
export async function countRecords(db: Executor, practiceId: number): Promise<RecordCounts> {
  const row = await db
    .selectNoFrom((eb) =>
      COLLECTION_NAMES.map((name) =>
        eb
          .selectFrom(COLLECTIONS[name].table)
          .select(eb.fn.countAll<number>().as('n'))
          .where('practiceId', '=', practiceId)
          .as(name),
      ),
    )
    .executeTakeFirstOrThrow();
  const counts = {} as RecordCounts;
  for (const name of COLLECTION_NAMES) counts[name] = Number(row[name]);
  return counts;
}

/** Refuses data that names a record twice: the engines would disagree on what to keep. */
function checkUniqueKeys(data: PracticeData): void {
  for (const name of COLLECTION_NAMES) {
    const spec = COLLECTIONS[name];
    const seen = new Set<string>();
    for (const record of data[name]) {
      const key = keyOf(spec, record);
      if (seen.has(key)) {
        throw new StoreError('duplicate_record', `${name}: "${key}" appears more than once`);
      }
      seen.add(key);
    }
  }
  const owners = new Map<string, string>();
  for (const payment of data.payments) {
    if (payment.externalId === null || payment.externalId === undefined) continue;
    const other = owners.get(payment.externalId);
    if (other !== undefined) {
      throw new StoreError(
        'duplicate_external_id',
        `payments: external id "${payment.externalId}" is used by both "${other}" and "${payment.id}"`,
      );
    }
    owners.set(payment.externalId, payment.id);
  }
}
