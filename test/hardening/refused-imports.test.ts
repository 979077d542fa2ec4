/**
 * A subset of the fuzzed exports and bundles through `fulcrum import` against a real
 * SQLite database holding a practice, an earlier import and a rule: whatever the file,
 * the CLI answers with exit code 0 or 1 (never a crash, never a stack trace), a refusal
 * lists each problem as `file:line[:column]` or a JSON path, and after a refusal every
 * table's row count and the exported bundle are exactly what they were — even when a
 * valid file went in the same import.
 */
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIds } from '../../src/importers/detect.ts';
import { buildBundle, bundleCaseArb } from './bundle-mutations.ts';
import { cli, cliOk, sqliteRowCounts } from './cli.ts';
import { buildExport, exportCaseArb } from './export-mutations.ts';
import { forbidUnhandledRejections, fuzzParams, fuzzTimeout, report } from './fuzz-settings.ts';
import { SEEDS } from './seeds.ts';

const EXPORT_RUNS = 60;
const BUNDLE_RUNS = 25;
const SMALL = path.resolve(import.meta.dirname, '../fixtures/bundles/small.json');

const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-refused-'));
const template = path.join(scratch, 'template.db');
let baseline: { counts: Record<string, number>; bundle: string };
let runs = 0;

/** A fresh copy of the template database. */
function freshCopy(): string {
  const db = path.join(scratch, `run-${++runs}.db`);
  copyFileSync(template, db);
  return db;
}

function writeCase(name: string, bytes: Buffer | string): string {
  const file = path.join(scratch, `${runs}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

/** A problem line of a refusal: `  name:line[:column][ (Column)]: …`, a JSON path, or a line and column. */
const LOCATED =
  /^ {2}(\S+\.(csv|ics|json):\d+(:\d+)?( \(.*\))?|line \d+, column \d+|[\w$[\].()-]+|… and \d+ more)(: |$)/;

function expectCleanAnswer(run: { code: number; err: string }): void {
  expect([0, 1]).toContain(run.code);
  expect(run.err).not.toMatch(/\n\s+at |unexpected error|bug/);
  if (run.code === 1) {
    const [, ...problems] = run.err.trimEnd().split('\n');
    for (const line of problems) expect(line).toMatch(LOCATED);
  }
}

async function expectUnchanged(db: string): Promise<void> {
  expect(sqliteRowCounts(db)).toEqual(baseline.counts);
  expect(await cliOk(db, 'export')).toBe(baseline.bundle);
}

forbidUnhandledRejections();

describe('refused imports leave the database as it was', () => {
  beforeAll(async () => {
    await cliOk(template, 'import', SMALL);
    await cliOk(template, 'rules', 'add', 'description contains "VIP"', '--offer', 'o1');
    const stripe = SEEDS['stripe-payments']!;
    await cliOk(template, 'import', writeCase(stripe.name, stripe.bytes));
    // Closing the store checkpointed the WAL: the file alone is the database.
    expect(existsSync(`${template}-wal`)).toBe(false);
    baseline = { counts: sqliteRowCounts(template), bundle: await cliOk(template, 'export') };
    expect(baseline.counts.payments).toBeGreaterThan(4);
  });

  it(
    'fuzzed exports, with a valid Toggl export in the same import',
    async () => {
      const outcomes = { refused: 0, accepted: 0 };
      const toggl = SEEDS.toggl!;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...formatIds()),
          exportCaseArb,
          fc.boolean(),
          async (format, c, withValid) => {
            const seed = SEEDS[format]!;
            const db = freshCopy();
            const bad = writeCase(seed.name, buildExport(seed, c));
            const files = withValid ? [writeCase('valid-toggl.csv', toggl.bytes), bad] : [bad];
            const run = await cli(db, 'import', ...files, '--format', format, ...seed.args);
            expectCleanAnswer(run);
            if (run.code === 0) outcomes.accepted++;
            else {
              outcomes.refused++;
              expect(run.err).toContain('nothing was imported');
              await expectUnchanged(db);
            }
          },
        ),
        fuzzParams(EXPORT_RUNS),
      );
      report('refused exports (CLI, SQLite)', outcomes);
      expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
    },
    fuzzTimeout(60_000),
  );

  it(
    'fuzzed bundles',
    async () => {
      const outcomes = { refused: 0, accepted: 0 };
      await fc.assert(
        fc.asyncProperty(bundleCaseArb, async (c) => {
          const db = freshCopy();
          const run = await cli(db, 'import', writeCase('practice.json', buildBundle(c)));
          expectCleanAnswer(run);
          if (run.code === 0) outcomes.accepted++;
          else {
            outcomes.refused++;
            await expectUnchanged(db);
          }
        }),
        fuzzParams(BUNDLE_RUNS),
      );
      report('refused bundles (CLI, SQLite)', outcomes);
      expect(outcomes.refused).toBeGreaterThan(outcomes.accepted);
    },
    fuzzTimeout(60_000),
  );
});
