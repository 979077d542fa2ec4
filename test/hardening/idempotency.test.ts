/**
 * Re-imports on both engines, beyond test/import.test.ts (which re-imports once and keeps
 * two identical bank rows): the same export three times changes nothing after the first;
 * an overlapping export (the first half, then the whole) leaves exactly the union, for a
 * format with source ids (Stripe) and one keyed by content hash + occurrence (Toggl),
 * including a pair of genuinely identical rows that the first half cuts in two.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINES, freshTarget } from '../engines.ts';
import { cliOk } from './cli.ts';
import { writeTogglExport } from './processes.ts';

const here = import.meta.dirname;
const SMALL = path.join(here, '../fixtures/bundles/small.json');
const STRIPE = path.join(here, '../fixtures/stripe/unified_payments.csv');
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-idempotency-'));

/** A Toggl export of 40 entries whose rows 20 and 21 are the same entry twice. */
function togglWithTwins(): string[] {
  const file = writeTogglExport(path.join(scratch, 'toggl-base.csv'), 40);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  lines.splice(21, 0, lines[20]!);
  return lines; // header + 41 rows
}

function write(name: string, lines: readonly string[]): string {
  const file = path.join(scratch, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function practice(engine: (typeof ENGINES)[number]): Promise<string> {
  const db = await freshTarget(engine);
  await cliOk(db, 'import', SMALL);
  await cliOk(db, 'rules', 'add', 'project = "Coaching"', '--activity', 'delivery');
  return db;
}

async function importJson(db: string, file: string) {
  return JSON.parse(await cliOk(db, 'import', file, '--json')).files[0];
}

describe.each(ENGINES)('re-imports on %s', (engine) => {
  it('the same export three times: the second and third change nothing', async () => {
    const db = await practice(engine);
    const toggl = write(`three-${engine}.csv`, togglWithTwins());
    const first = await importJson(db, toggl);
    expect(first.added.timeEntries).toBe(41);
    const once = await cliOk(db, 'export');
    for (const _ of [2, 3]) {
      const again = await importJson(db, toggl);
      expect(again).toMatchObject({ rows: 41, duplicates: 41, added: { timeEntries: 0 } });
      expect(await cliOk(db, 'export')).toBe(once);
    }
  });

  it('the first half, then the whole (Toggl, keyed by content): the union, both twins kept', async () => {
    const db = await practice(engine);
    const lines = togglWithTwins();
    // Lines 0..21: the header and rows 1..21, so only the first of the twins (rows 21, 22).
    const half = await importJson(db, write(`half-${engine}.csv`, lines.slice(0, 22)));
    expect(half.added.timeEntries).toBe(21);
    const whole = await importJson(db, write(`whole-${engine}.csv`, lines));
    expect(whole).toMatchObject({ rows: 41, duplicates: 21, added: { timeEntries: 20 } });

    const bundle = JSON.parse(await cliOk(db, 'export'));
    const imported = bundle.timeEntries.filter((t: { id: string }) => t.id.startsWith('toggl:'));
    expect(imported).toHaveLength(41);
    expect(imported.filter((t: { id: string }) => /#2$/.test(t.id))).toHaveLength(1);
    // And the half again, after the whole: nothing new.
    const halfAgain = await importJson(db, write(`half2-${engine}.csv`, lines.slice(0, 22)));
    expect(halfAgain).toMatchObject({ duplicates: 21, added: { timeEntries: 0 } });
  });

  it('the first half, then the whole (Stripe, keyed by charge id): the union', async () => {
    const db = await practice(engine);
    const lines = readFileSync(STRIPE, 'utf8').trimEnd().split('\n');
    const before = JSON.parse(await cliOk(db, 'export')).payments.length;
    const half = await importJson(db, write(`stripe-half-${engine}.csv`, lines.slice(0, 5)));
    const whole = await importJson(db, write(`stripe-whole-${engine}.csv`, lines));
    const alone = await freshTarget(engine);
    await cliOk(alone, 'import', SMALL);
    const once = await importJson(alone, STRIPE);
    expect(half.added.payments + whole.added.payments).toBe(once.added.payments);
    expect(whole.duplicates).toBe(half.rows);
    const payments = JSON.parse(await cliOk(db, 'export')).payments;
    expect(payments).toHaveLength(before + once.added.payments);
    expect(new Set(payments.map((p: { id: string }) => p.id)).size).toBe(payments.length);
  });
});
