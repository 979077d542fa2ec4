/**
 * The demo practice: (re)created from the seeded generator, so a new user has a
 * believable practice to explore and tests and screenshots have a stable one.
 */
import { generateDemo } from '../domain/demo/index.ts';
import type { Store } from '../store/connect.ts';
import { type BundleImportSummary, saveBundleData } from './bundle.ts';

export interface DemoOptions {
  /** The last day of the demo's history (default: today, given by the caller). */
  endDate: string;
  seed?: number;
}

/** Deletes the demo practice if it exists and writes it anew, in one transaction. */
export async function recreateDemo(
  store: Store,
  options: DemoOptions,
): Promise<BundleImportSummary> {
  const data = generateDemo({ endDate: options.endDate, seed: options.seed });
  return saveBundleData(store, data, { replace: true });
}
