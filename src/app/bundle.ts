/**
 * Importing and exporting practice bundles (spec/bundle.md). An import is validated
 * whole before anything is written, then written in one transaction: the practice named
 * in the bundle is created, or updated record by record (by id), never duplicated.
 */
import { type Bundle, dataToBundle, readBundle } from '../domain/bundle.ts';
import { parseJson } from '../domain/json.ts';
import type { PracticeData } from '../domain/model.ts';
import type { Store } from '../store/connect.ts';
import {
  createPractice,
  deletePractice,
  findPracticeByName,
  updatePractice,
} from '../store/practice.repository.ts';
import { countRecords, loadPracticeData, savePracticeData } from '../store/records.repository.ts';
import { AppError, busyError } from './errors.ts';
import type { PracticeRef } from './practices.ts';

export interface BundleImportSummary {
  practice: PracticeRef;
  created: boolean;
  /** Records in the bundle, per collection. */
  counts: Record<string, number>;
  /** Records of the practice in the database after the import, per collection. */
  totals: Record<string, number>;
}

/** Counts of a model's records, per bundle collection. */
export function countsOf(data: PracticeData): Record<string, number> {
  return {
    offers: data.offers.length,
    clients: data.clients.length,
    payments: data.payments.length,
    timeEntries: data.timeEntries.length,
    costs: data.costs.length,
    conversations: data.conversations.length,
    listSnapshots: data.listSnapshots.length,
    rates: data.rates.length,
  };
}

/** Parses and validates bundle text; throws `invalid_json` or `invalid_bundle` listing every problem. */
export function parseBundleText(text: string, file = 'bundle'): PracticeData {
  const json = parseJson(text);
  if (!json.ok) {
    throw new AppError('invalid_json', `${file}:${json.line}:${json.column}: ${json.message}`, [
      { path: `line ${json.line}, column ${json.column}`, message: json.message },
    ]);
  }
  const result = readBundle(json.value);
  if (!result.ok) {
    const count = result.problems.length;
    throw new AppError(
      'invalid_bundle',
      `${file} is not a valid practice bundle (${count} problem${count > 1 ? 's' : ''}); nothing was imported`,
      result.problems,
    );
  }
  return result.data;
}

/**
 * Writes a validated model as the practice it names, in one transaction: creates it or
 * updates it by ids; with `replace`, the practice's old records are deleted first.
 */
export async function saveBundleData(
  store: Store,
  data: PracticeData,
  options: { replace?: boolean } = {},
): Promise<BundleImportSummary> {
  const write = store.db.transaction().execute(async (trx) => {
    let existing = await findPracticeByName(trx, data.practice.name);
    if (existing && options.replace) {
      await deletePractice(trx, existing.id);
      existing = undefined;
    }
    let id: number;
    if (existing) {
      id = existing.id;
      await updatePractice(trx, id, data.practice);
    } else {
      id = await createPractice(trx, data.practice);
    }
    await savePracticeData(trx, id, data);
    return {
      practice: { id, name: data.practice.name },
      created: !existing,
      counts: countsOf(data),
      totals: await countRecords(trx, id),
    };
  });
  return write.catch((error: unknown) => {
    throw busyError(error) ?? error;
  });
}

/** Validates and imports bundle text in one go. */
export async function importBundleText(
  store: Store,
  text: string,
  file?: string,
): Promise<BundleImportSummary> {
  return saveBundleData(store, parseBundleText(text, file));
}

/** The practice as a bundle document. */
export async function exportBundle(store: Store, practiceId: number): Promise<Bundle> {
  return dataToBundle(await loadPracticeData(store.db, practiceId));
}
