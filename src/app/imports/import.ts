/**
 * The import use case: export files → records of a practice, in one transaction.
 *
 * Every file is detected (or `format` forced), streamed through its importer, planned
 * (rules, clients, refunds) and written in batches. Re-importing adds nothing: imported
 * rows are keyed by `<format>:<source id>` and existing rows are left as they are. Any
 * error in any file rolls the whole import back; a preview runs the same path and
 * rolls back at the end, so what it shows is exactly what an import would do.
 */
import type { Transaction } from 'kysely';
import type { Client, Cost, Payment, TimeEntry } from '../../domain/model.ts';
import type { ByteSource } from '../../importers/csv.ts';
import { chooseFormat, formatLabel, importFileEvents } from '../../importers/detect.ts';
import { compileRules } from '../../importers/rules/compile.ts';
import type { ImportIssue, ImportOptions } from '../../importers/types.ts';
import { COLLECTIONS } from '../../store/collections.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/database.ts';
import { createImport, finishImport, insertImportRows } from '../../store/import-row.repository.ts';
import { findMapping, listMappings, saveMapping } from '../../store/mapping.repository.ts';
import { insertNewRecords, nextPosition } from '../../store/record-sql.ts';
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
  onProgress?: (progress: { file: string; rows: number }) => void;
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
    return await store.db.transaction().execute(async (trx) => {
      const report = await run(trx, practiceId, request);
      if (request.preview) throw new PreviewDone(report);
      return report;
    });
  } catch (error) {
    if (error instanceof PreviewDone) return error.report;
    throw busyError(error) ?? error;
  }
}

async function run(
  trx: Transaction<Database>,
  practiceId: number,
  request: ImportRequest,
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
  const stored = new Map(
    (
      await trx
        .selectFrom('payments')
        .select(['id', 'offerId', 'clientId'])
        .where('practiceId', '=', practiceId)
        .execute()
    ).map((p) => [p.id, { offerId: p.offerId, clientId: p.clientId }]),
  );
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
  for (const source of request.files) {
    const file = await importOne(trx, practiceId, source, options, planner, offers, request);
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
  planner: ImportPlanner,
  offers: Map<string, string>,
  request: ImportRequest,
): Promise<{ report: FileReport; errors: ImportIssue[] }> {
  const errors: ImportIssue[] = [];
  const format = await chooseFormat(source.open, options).catch(() => null);
  const report = emptyReport(source.name, format ?? 'unknown');
  let importId: number | null = null;
  let pending: PlannedRow[] = [];

  const flush = async () => {
    if (pending.length === 0 || errors.length > 0) {
      pending = [];
      return;
    }
    importId ??= await createImport(trx, practiceId, {
      file: source.name,
      format: report.format,
      createdAt: (request.now ?? new Date()).toISOString(),
    });
    const batch = pending;
    pending = [];
    const fresh = await insertImportRows(
      trx,
      practiceId,
      batch.map((row) => toImportRow(row, importId!)),
    );
    await writeRecords(
      trx,
      practiceId,
      batch.filter((row) => fresh.has(row.id)),
      report,
      offers,
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
        pending.push(planner.plan(event.record, report.format));
        if (pending.length >= BATCH) await flush();
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
  offers: Map<string, string>,
): Promise<void> {
  const payments: Payment[] = [];
  const timeEntries: TimeEntry[] = [];
  const costs: Cost[] = [];
  const clients: Client[] = [];
  for (const row of rows) {
    if (row.newClient) clients.push(row.newClient);
    if (row.unassigned) report.unassigned++;
    const record = row.record;
    const offerName = (id: string | null) => (id ? (offers.get(id) ?? id) : '(no offer)');
    const bucket = (id: string | null) => {
      const name = offerName(id);
      report.byOffer[name] ??= { payments: 0, costs: 0, hours: 0 };
      return report.byOffer[name];
    };
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
    return insertNewRecords(
      trx,
      spec,
      practiceId,
      records,
      await nextPosition(trx, spec, practiceId),
    );
  };
  report.added.clients += await write('clients', clients);
  report.added.payments += await write('payments', payments);
  report.added.timeEntries += await write('timeEntries', timeEntries);
  report.added.costs += await write('costs', costs);
}
