/**
 * Fuzzed export files, every format id: thousands of malformed variants of a valid seed
 * (see export-mutations.ts) read the way `fulcrum import` reads them, in chunks of
 * varying size, detected or with the format forced. None may throw; every issue names
 * its file and line (and column for a bad cell); every record that gets through is well
 * formed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIds, importFileResult } from '../../src/importers/detect.ts';
import { resultProblems } from './checks.ts';
import { buildExport, exportCaseArb } from './export-mutations.ts';
import { forbidUnhandledRejections, fuzzParams, fuzzTimeout, report } from './fuzz-settings.ts';
import { SEEDS } from './seeds.ts';

const RUNS_PER_FORMAT = 200;

function chunks(bytes: Buffer, size: number): Uint8Array[] {
  if (size <= 0) return [new Uint8Array(bytes)];
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(new Uint8Array(bytes.subarray(i, i + size)));
  return out;
}

forbidUnhandledRejections();

describe('fuzzed exports', () => {
  it('has a seed for every format id', () => {
    expect(Object.keys(SEEDS).sort()).toEqual(formatIds().sort());
  });

  it.each(formatIds())(
    '%s: never throws, locates every problem',
    async (format) => {
      const seed = SEEDS[format]!;
      const seen = {
        cases: 0,
        refused: 0,
        issues: 0,
        records: 0,
        codes: {} as Record<string, number>,
      };
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(
          exportCaseArb,
          fc.constantFrom(false, false, false, true),
          fc.constantFrom(0, 64, 4096, 65536),
          async (c, detect, chunk) => {
            const bytes = buildExport(seed, c);
            const options = {
              timezone: 'America/New_York',
              currency: 'USD',
              asOf: '2026-11-25',
              ...seed.options,
              format: detect ? undefined : format,
            };
            const result = await importFileResult(seed.name, () => chunks(bytes, chunk), options);
            expect(resultProblems(seed.name, bytes, result)).toEqual([]);
            seen.cases++;
            seen.issues += result.issues.length;
            seen.records += result.records.length;
            if (result.issues.some((i) => i.severity === 'error')) seen.refused++;
            for (const i of result.issues) seen.codes[i.code] = (seen.codes[i.code] ?? 0) + 1;
          },
        ),
        fuzzParams(RUNS_PER_FORMAT),
      );
      report(`exports ${format}`, { ...seen, ms: Math.round(performance.now() - started) });
    },
    fuzzTimeout(30_000),
  );
});
