/**
 * The import use case: export files → records of a practice, in one transaction.
 *
 * Every file is detected (or `format` forced), streamed through its importer, planned
 * (rules, clients, refunds) and written in batches. Re-importing adds nothing: imported
 * rows are keyed by `<format>:<source id>` and existing rows are left as they are. Any
 * error in any file rolls the whole import back; a preview runs the same path and
 * rolls back at the end, so what it shows is exactly what an import would do.
 */
import { createReadStream } from 'node:fs';
import type { Transaction } from 'kysely';
import type { Client, Cost, Payment, TimeEntry } from '../../domain/model.ts';
import type { ByteSource } from '../../importers/csv.ts';
import { chooseFormat, formatLabel, importFileEvents } from '../../importers/detect.ts';
import { compileRules } from '../../importers/rules/compile.ts';
import type { ImportedRecord, ImportIssue, ImportOptions } from '../../importers/types.ts';
import {
  type BulkConnection,
  bulkConnectionOf,
  insertNewRecordRows,
  selectPaymentRefs,
  withImportCache,
} from '../../store/bulk-insert.ts';
import { COLLECTIONS } from '../../store/collections.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/database.ts';
import { DeferredIndexes } from '../../store/deferred-indexes.ts';
import { createImport, finishImport, insertImportRows } from '../../store/import-row.repository.ts';
import { findMapping, listMappings, saveMapping } from '../../store/mapping.repository.ts';
import { nextPosition } from '../../store/record-sql.ts';
import { loadRules } from '../../store/rule.repository.ts';
import { AppError, busyError } from '../errors.ts';
import { ImportPlanner, type PlannedRow } from './plan.ts';
import { toImportRow } from './rows.ts';

export interface ImportSource {
  /** The name shown in messages (the path the user gave). */
  name: string;
  /** Opens the file's bytes from the start (called once per pass). */
  open: () => ByteSource;
}

/**
 * Bytes read from a file at a time. Each chunk becomes one string for the CSV parser; a
 * string over V8's regular object size (128 KiB; a chunk with one non-Latin-1 character
 * is stored two bytes a character) lives in the large-object space until the next full
 * collection. At 256 KiB the large strings waiting there reached ~34 MB and the
 * 1,000,000-row Stripe import's peak RSS 331 MB (through tsx); at 32 KiB 283 MB, no
 * slower (docs/performance.md, "Imports").
 */
export const READ_CHUNK_BYTES = 32 * 1024;

/** A file on disk as an import source, read `READ_CHUNK_BYTES` at a time. */
export function fileSource(file: string, name: string = file): ImportSource {
  return { name, open: () => createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) };
}

export interface ImportRequest {
  files: readonly ImportSource[];
  /** Show what would be imported and write nothing. */
  preview?: boolean;
  format?: string;
  /** Zone the wall-clock times of zone-less exports were written in (default: the practice's). */
  timezone?: string;
  dateFormat?: string;
  decimal?: '.' | ',';
  map?: Record<string, string>;
  /** Use the mapping saved under this name (instead of `map`). */
  mapName?: string;
  /** Save `map` under this name when the import succeeds. */
  saveMapAs?: string;
  ownerEmails?: readonly string[];
  /** Today, for open-ended calendar series. */
  asOf: string;
  now?: Date;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Rows one import writes to a table before its secondary indexes may be built after
   * the import instead of during it (store/deferred-indexes.ts); for tests.
   */
  deferIndexesAtRows?: number;
}

/** How far an import has got: rows read from `file`; with `indexing`, every file read (`rows`: their total) and the indexes being built. */
export interface ImportProgress {
  /** The file being read (or what is being done, for work that is not a file's). */
  file: string;
  rows: number;
  /** Rows there are in all, when known in advance. */
  of?: number;
  stage?: 'indexing';
}

export interface FileReport {
  file: string;
  format: string;
  formatLabel: string;
  /** Rows the importer turned into records (new or already imported). */
  rows: number;
  added: { payments: number; timeEntries: number; costs: number; clients: number };
  /** Rows imported before (same source id): left as they are. */
  duplicates: number;
  /** New rows no rule assigned: see `fulcrum unassigned`. */
  unassigned: number;
  skipped: Record<string, number>;
  warnings: ImportIssue[];
  /** New rows per offer name (`(no offer)` for the rest): payments, costs and hours. */
  byOffer: Record<string, { payments: number; costs: number; hours: number }>;
  /** Hours of new time entries per activity (`(unassigned)` for those waiting). */
  byActivity: Record<string, number>;
}

export interface ImportReport {
  practiceId: number;
  preview: boolean;
  files: FileReport[];
}

const BATCH = 2000;

/** Thrown inside the transaction to roll a preview back with its report. */
class PreviewDone {
  constructor(readonly report: ImportReport) {}
}

function emptyReport(file: string, format: string): FileReport {
  return {
    file,
    format,
    formatLabel: formatLabel(format),
    rows: 0,
    added: { payments: 0, timeEntries: 0, costs: 0, clients: 0 },
    duplicates: 0,
    unassigned: 0,
    skipped: {},
    warnings: [],
    byOffer: {},
    byActivity: {},
  };
}

/** Imports export files into a practice (see the module header). */
export async function importFiles(
  store: Store,
  practiceId: number,
  request: ImportRequest,
): Promise<ImportReport> {
  try {
    return await withImportCache(store, () =>
      store.db.transaction().execute(async (trx) => {
        const bulk = await bulkConnectionOf(store, trx);
        let indexes: DeferredIndexes | undefined;
        if (bulk && 'sqlite' in bulk) {
          indexes = new DeferredIndexes(bulk.sqlite, request.deferIndexesAtRows);
          bulk.indexes = indexes;
        }
        try {
          const report = await run(trx, practiceId, request, bulk);
          if (request.preview) throw new PreviewDone(report);
          // Indexes dropped for a large import are built again before it commits.
          if (indexes?.pending) {
            const last = report.files.at(-1);
            const rows = report.files.reduce((sum, f) => sum + f.rows, 0);
            request.onProgress?.({ file: last?.file ?? '', rows, stage: 'indexing' });
            indexes.rebuild();
          }
          return report;
        } finally {
          // A failed or previewed import (rolled back): the cache as the import found it.
          indexes?.restoreCache();
        }
      }),
    );
  } catch (error) {
    if (error instanceof PreviewDone) return error.report;
    throw busyError(error) ?? error;
  }
}

async function run(
  trx: Transaction<Database>,
  practiceId: number,
  request: ImportRequest,
  bulk: BulkConnection | undefined,
): Promise<ImportReport> {
  const practice = await trx
    .selectFrom('practices')
    .select(['currency', 'timezone'])
    .where('id', '=', practiceId)
    .executeTakeFirst();
  if (!practice) throw new AppError('practice_not_found', `no practice with id ${practiceId}`);
  const offers = new Map(
    (
      await trx
        .selectFrom('offers')
        .select(['id', 'name'])
        .where('practiceId', '=', practiceId)
        .execute()
    ).map((o) => [o.id, o.name]),
  );
  const clients = (await trx
    .selectFrom('clients')
    .select(['id', 'name', 'email', 'segment', 'source', 'referredBy'])
    .where('practiceId', '=', practiceId)
    .execute()) as Client[];
  const stored = new StoredPayments(trx, practiceId, bulk);
  const planner = new ImportPlanner({
    matcher: compileRules(await loadRules(trx, practiceId)),
    clients,
    storedPayment: (id) => stored.get(id),
  });
  let map = request.map;
  if (request.mapName) {
    const saved = await findMapping(trx, practiceId, request.mapName);
    if (!saved) {
      const names = await listMappings(trx, practiceId);
      throw new AppError(
        'invalid_input',
        `no saved mapping "${request.mapName}"${names.length ? `; saved: ${names.join(', ')}` : '; save one with --save-map NAME next to --map field=Header,…'}`,
      );
    }
    map = saved;
  }
  if (request.saveMapAs) {
    if (!map) throw new AppError('invalid_input', '--save-map needs a --map to save');
    await saveMapping(trx, practiceId, request.saveMapAs, map);
  }
  const options: ImportOptions = {
    format: request.format,
    timezone: practice.timezone,
    sourceTimezone: request.timezone,
    currency: practice.currency,
    dateFormat: request.dateFormat,
    decimal: request.decimal,
    map,
    asOf: request.asOf,
    ownerEmails: request.ownerEmails,
  };
  const files: FileReport[] = [];
  const errors: ImportIssue[] = [];
  const positions = new Positions(trx, practiceId);
  const shared: ImportRun = { planner, stored, offers, request, positions, bulk };
  for (const source of request.files) {
    const file = await importOne(trx, practiceId, source, options, shared);
    files.push(file.report);
    errors.push(...file.errors);
  }
  if (errors.length > 0) {
    const names = [...new Set(errors.map((e) => e.file))].join(', ');
    throw new AppError(
      'import_failed',
      `${errors.length} problem${errors.length > 1 ? 's' : ''} in ${names}; nothing was imported`,
      errors,
    );
  }
  return { practiceId, preview: Boolean(request.preview), files };
}

async function importOne(
  trx: Transaction<Database>,
  practiceId: number,
  source: ImportSource,
  options: ImportOptions,
  run: ImportRun,
): Promise<{ report: FileReport; errors: ImportIssue[] }> {
  const { planner, stored, request } = run;
  const errors: ImportIssue[] = [];
  const format = await chooseFormat(source.open, options).catch(() => null);
  const report = emptyReport(source.name, format ?? 'unknown');
  let importId: number | null = null;
  let incoming: ImportedRecord[] = [];

  /** Plans the rows read so far (their refunds' payments looked up first) and writes them. */
  const flush = async () => {
    const rows = incoming;
    incoming = [];
    if (rows.length === 0 || errors.length > 0) return;
    const refunded: string[] = [];
    for (const row of rows) {
      if (row.kind !== 'payment' || !row.refundOf) continue;
      const id = `${report.format}:${row.refundOf}`;
      if (!planner.remembers(id)) refunded.push(id);
    }
    await stored.prefetch(refunded);
    const pending = rows.map((row) => planner.plan(row, report.format));
    importId ??= await createImport(trx, practiceId, {
      file: source.name,
      format: report.format,
      createdAt: (request.now ?? new Date()).toISOString(),
    });
    const batch = pending;
    const fresh = await insertImportRows(
      trx,
      practiceId,
      batch.map((row) => toImportRow(row, importId!)),
      run.bulk,
    );
    await writeRecords(
      trx,
      practiceId,
      batch.filter((row) => fresh.has(row.id)),
      report,
      run,
    );
    report.duplicates += batch.length - fresh.size;
  };

  for await (const event of importFileEvents(source.name, source.open, {
    ...options,
    format: format ?? options.format,
  })) {
    switch (event.type) {
      case 'record': {
        report.rows++;
        incoming.push(event.record);
        if (incoming.length >= BATCH) await flush();
        break;
      }
      case 'skip':
        report.skipped[event.skipped.reason] = (report.skipped[event.skipped.reason] ?? 0) + 1;
        break;
      case 'issue':
        if (event.issue.severity === 'error') errors.push(event.issue);
        else report.warnings.push(event.issue);
        break;
      case 'progress':
        request.onProgress?.({ file: source.name, rows: event.rows });
        break;
    }
  }
  await flush();
  if (importId !== null) {
    await finishImport(trx, practiceId, importId, {
      rowsRead: report.rows,
      rowsAdded: report.rows - report.duplicates,
      rowsSkipped: Object.values(report.skipped).reduce((a, b) => a + b, 0),
    });
  }
  return { report, errors };
}

/** Writes the records of new rows (and the clients they created), and counts them. */
async function writeRecords(
  trx: Transaction<Database>,
  practiceId: number,
  rows: readonly PlannedRow[],
  report: FileReport,
  { offers, positions, planner, bulk }: ImportRun,
): Promise<void> {
  const payments: Payment[] = [];
  const timeEntries: TimeEntry[] = [];
  const costs: Cost[] = [];
  const clients: Client[] = [];
  const offerName = (id: string | null) => (id ? (offers.get(id) ?? id) : '(no offer)');
  const bucket = (id: string | null) => {
    const name = offerName(id);
    report.byOffer[name] ??= { payments: 0, costs: 0, hours: 0 };
    return report.byOffer[name];
  };
  for (const row of rows) {
    if (row.newClient) clients.push(row.newClient);
    if (row.unassigned) report.unassigned++;
    const record = row.record;
    if (!record) {
      report.byActivity['(unassigned)'] =
        (report.byActivity['(unassigned)'] ?? 0) +
        (row.source.kind === 'time' ? row.source.hours : 0);
      bucket(row.assignment.offerId).hours += row.source.kind === 'time' ? row.source.hours : 0;
    } else if (record.kind === 'payment') {
      payments.push(record.value);
      bucket(record.value.offerId).payments++;
    } else if (record.kind === 'cost') {
      costs.push(record.value);
      bucket(record.value.offerId).costs++;
    } else {
      timeEntries.push(record.value);
      bucket(record.value.offerId).hours += record.value.hours;
      report.byActivity[record.value.activity] =
        (report.byActivity[record.value.activity] ?? 0) + record.value.hours;
    }
  }
  const write = async (
    name: 'payments' | 'timeEntries' | 'costs' | 'clients',
    records: object[],
  ) => {
    if (records.length === 0) return 0;
    const spec = COLLECTIONS[name];
    const first = await positions.take(name, records.length);
    return insertNewRecordRows(trx, spec, practiceId, records, first, bulk);
  };
  report.added.clients += await write('clients', clients);
  const added = await write('payments', payments);
  report.added.payments += added;
  // Every payment stored as planned: the planner may look them up in the store from now on.
  if (added === payments.length) planner.forget(payments.map((p) => p.id));
  report.added.timeEntries += await write('timeEntries', timeEntries);
  report.added.costs += await write('costs', costs);
}

/** What every file of one import shares. */
interface ImportRun {
  planner: ImportPlanner;
  stored: StoredPayments;
  offers: Map<string, string>;
  request: ImportRequest;
  positions: Positions;
  /** The transaction's own connection, for the bulk inserts' fast paths (bulk-insert.ts). */
  bulk: BulkConnection | undefined;
}

/**
 * Offer and client of stored payments that refunds of the rows being planned refer to,
 * looked up per batch (not the practice's every payment, read up front).
 */
class StoredPayments {
  private found = new Map<string, { offerId: string | null; clientId: string | null }>();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly practiceId: number,
    private readonly bulk: BulkConnection | undefined,
  ) {}

  /** Looks up these payment ids (and forgets the previous batch's). */
  async prefetch(ids: readonly string[]): Promise<void> {
    this.found = new Map();
    for (const p of await selectPaymentRefs(this.trx, this.practiceId, ids, this.bulk)) {
      this.found.set(p.id, { offerId: p.offerId, clientId: p.clientId });
    }
  }

  get(id: string): { offerId: string | null; clientId: string | null } | undefined {
    return this.found.get(id);
  }
}

/**
 * The next free position of each collection, read once per import (a MAX over the
 * practice's rows) and then counted on: new rows are appended in the order they come.
 */
class Positions {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly practiceId: number,
  ) {}

  /** The first of `count` consecutive positions for new rows of `name`. */
  async take(name: keyof typeof COLLECTIONS, count: number): Promise<number> {
    const first =
      this.next.get(name) ?? (await nextPosition(this.trx, COLLECTIONS[name], this.practiceId));
    this.next.set(name, first + count);
    return first;
  }
}
