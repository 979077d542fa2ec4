/**
 * Fuzzing knobs shared by the hardening suites: a fixed seed (CI reruns the same cases),
 * run counts tuned for CI, and two environment variables for a deeper local run:
 * `FULCRUM_FUZZ_SEED=<n>` (another seed) and `FULCRUM_FUZZ_SCALE=<k>` (k times the cases).
 * `FULCRUM_FUZZ_REPORT=1` prints what each suite saw.
 */
import { afterAll, beforeAll, expect } from 'vitest';

export const FUZZ_SEED = Number(process.env.FULCRUM_FUZZ_SEED ?? 20261125);
const SCALE = Number(process.env.FULCRUM_FUZZ_SCALE ?? 1);

/** `runs` cases (scaled), with the suite's seed. */
export function fuzzParams(runs: number) {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), endOnFailure: true };
}

/** A test's time limit, scaled like its cases. */
export function fuzzTimeout(ms: number): number {
  return Math.round(ms * Math.max(1, SCALE));
}

/** Prints a suite's figures when FULCRUM_FUZZ_REPORT is set. */
export function report(title: string, figures: object): void {
  if (process.env.FULCRUM_FUZZ_REPORT) console.log(`${title}: ${JSON.stringify(figures)}`);
}

/** Fails the suite when any promise was rejected with nobody listening. */
export function forbidUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([]);
  });
}
