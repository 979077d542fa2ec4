/**
 * Importing real exports end to end through the CLI, on both engines: detection,
 * all-or-nothing, idempotent re-imports, previews that write nothing, rules and the
 * inbox of unassigned rows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthlyJson } from '../src/app/monthly.ts';
import { cacheStats, reportJson } from '../src/app/report-cache.ts';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { openStore } from '../src/store/connect.ts';
import { ENGINES, freshTarget } from './engines.ts';
import { sharedFixturePath } from './shared-fixtures.ts';

const here = import.meta.dirname;
const SMALL = path.join(here, 'fixtures/bundles/small.json');
const STRIPE = path.join(here, 'fixtures/stripe/unified_payments.csv');
const TOGGL = () => sharedFixturePath('toggl/solidtime_toggl_time_entries_import_test_1.csv');
const BANK = path.join(here, 'fixtures/generic/bank_export.csv');
const PAYPAL = () => sharedFixturePath('paypal/oca_activity_en.csv');
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-import-'));

async function run(db: string, ...args: string[]) {
  const io = memoryIo({}, '2026-11-25');
  const code = await main(['node', 'fulcrum', '--db', db, ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

async function json(db: string, ...args: string[]) {
  const result = await run(db, ...args, '--json');
  if (result.code !== 0) throw new Error(result.err);
  return JSON.parse(result.out);
}

async function counts(db: string) {
  const bundle = JSON.parse((await run(db, 'export')).out);
  return {
    payments: bundle.payments.length,
    timeEntries: bundle.timeEntries.length,
    clients: bundle.clients.length,
  };
}

const period = ['--from', '2023-08-01', '--to', '2023-09-30'];

/** A server process started now on `db`: what it computes and reads back for the dashboard. */
async function serverStartedOn(db: string) {
  const store = await openStore(db);
  try {
    const practice = await store.db.selectFrom('practices').select('id').executeTakeFirstOrThrow();
    const report = JSON.parse(await reportJson(store, practice.id));
    await monthlyJson(store, practice.id);
    const { computes, loads } = cacheStats(store);
    return { computes, loads, revenue: report.totals.revenue as number };
  } finally {
    await store.close();
  }
}

describe.each(ENGINES)('importing exports on %s', (engine) => {
  it('imports a Stripe export: money that moved, counted once, refunds on their own dates', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const result = await run(db, 'import', STRIPE);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Stripe payments export: 9 rows read');
    expect(result.out).toContain('skipped: 1 failed, 1 uncaptured');

    // Six paid charges (the EUR and GBP ones at their converted USD amounts) and three
    // refunds: 450 + 1200 + 150 + 431.68 + 253.94 + 75 − 300 − 150 − 63.49 = 2,047.13;
    // fees 13.35 + 35.10 + 4.65 + 19.29 + 11.47 + 0.60 = 84.46.
    const report = await json(db, 'report', ...period);
    expect(report.totals.revenue).toBe(2047.13);
    expect(report.totals.costs).toBe(84.46);
    expect(report.totals.unassigned.revenue).toBe(2047.13);

    const bundle = JSON.parse((await run(db, 'export')).out);
    const refund = bundle.payments.find(
      (p: { id: string }) => p.id === 'stripe-payments:ch_3NsUa1LkdIwHu7ix0pQr8VbN:refund',
    );
    expect(refund).toMatchObject({ date: '2023-09-25', amount: -300, currency: 'USD' });
    // A customer email becomes a client, matched again on the next payment.
    expect(
      bundle.clients.some((c: { email?: string }) => c.email === 'amelie.laurent@example.org'),
    ).toBe(true);
  });

  it("keeps the dashboard's report and monthly series after an import, so a server started later computes nothing", async () => {
    const db = await freshTarget(engine);
    const laterServer = () => serverStartedOn(db);
    await run(db, 'import', SMALL);
    const bundled = await laterServer();
    expect(bundled).toMatchObject({ computes: 0, loads: 2 });
    // A preview writes nothing: what was kept still holds.
    expect((await run(db, 'import', '--preview', STRIPE)).code).toBe(0);
    expect(await laterServer()).toEqual(bundled);
    expect((await run(db, 'import', STRIPE)).code).toBe(0);
    const imported = await laterServer();
    expect(imported).toMatchObject({ computes: 0, loads: 2 });
    expect(imported.revenue).toBe((await json(db, 'report')).totals.revenue);
    expect(imported.revenue).not.toBe(bundled.revenue);
  });

  it("keeps the demo's dashboard documents when `demo` writes it", async () => {
    const db = await freshTarget(engine);
    expect((await run(db, 'demo', '--end', '2026-06-30')).code).toBe(0);
    expect(await serverStartedOn(db)).toMatchObject({ computes: 0, loads: 2 });
  });

  it('re-importing the same files adds nothing, and a preview writes nothing', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const preview = await run(db, 'import', '--preview', STRIPE, PAYPAL());
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('nothing was written');
    const before = await counts(db);
    expect(before.payments).toBe(4);

    const first = await json(db, 'import', STRIPE, PAYPAL());
    const previewed = JSON.parse(
      (await run(db, 'import', '--preview', '--json', STRIPE, PAYPAL())).out,
    );
    const once = await counts(db);
    expect(once.payments).toBe(4 + first.files[0].added.payments + first.files[1].added.payments);
    expect(first.files[1].added.payments).toBe(26);

    const again = await json(db, 'import', STRIPE, PAYPAL());
    expect(again.files.map((f: { added: { payments: number } }) => f.added.payments)).toEqual([
      0, 0,
    ]);
    expect(again.files[0].duplicates).toBe(9);
    expect(await counts(db)).toEqual(once);
    // The second preview saw everything as already imported.
    expect(previewed.files[0].duplicates).toBe(9);
  });

  it('refuses a broken file whole, naming file, line and column, and writes nothing from any file', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const lines = readFileSync(STRIPE, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('2023-09-21 15:30:05', '2023-13-45 15:30:05');
    const broken = path.join(scratch, `broken-${engine}.csv`);
    writeFileSync(broken, lines.join('\n'));
    const before = await counts(db);
    const result = await run(db, 'import', TOGGL(), broken);
    expect(result.code).toBe(1);
    expect(result.err).toContain('nothing was imported');
    expect(result.err).toMatch(
      new RegExp(`broken-${engine}\\.csv:3:2 \\(Created date \\(UTC\\)\\): .*2023-13-45`),
    );
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(await counts(db)).toEqual(before);
  });

  it('assigns rows with rules, lists the rest, and re-applies rules to what was imported', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    expect(
      (await run(db, 'rules', 'add', 'description contains "VIP"', '--offer', 'o1')).code,
    ).toBe(0);
    await run(db, 'import', STRIPE, TOGGL());

    // The VIP charge (1,200) and its refund (−300) went to o1 by the rule.
    let report = await json(db, 'report', ...period);
    expect(report.streams.find((s: { offerId: string }) => s.offerId === 'o1').revenue).toBe(900);

    // The Toggl hour has no activity yet: it waits in the inbox, not in the report.
    const inbox = await json(db, 'unassigned');
    expect(inbox.total).toBe(8);
    expect(inbox.rows.some((r: { kind: string }) => r.kind === 'time')).toBe(true);
    expect(inbox.common.type).toContainEqual({ value: 'charge', rows: 5 });

    const added = await run(
      db,
      'rules',
      'add',
      'project = "Project for Big Company"',
      '--offer',
      'o1',
      '--activity',
      'delivery',
    );
    expect(added.out).toContain(
      '#r2 any: project = "Project for Big Company" → offer o1, activity delivery',
    );
    const applied = await run(db, 'rules', 'apply');
    expect(applied.out).toBe(
      'Re-applied the rules to 10 imported rows: 1 changed, 1 time entries now counted; 7 still unassigned.\n',
    );
    // It changed rows: the dashboard's documents were kept for a server started later.
    expect(await serverStartedOn(db)).toMatchObject({ computes: 0, loads: 2 });
    report = await json(db, 'report', '--from', '2024-03-01', '--to', '2024-03-31');
    // 01:00:01 of delivery = 3601 s = 1.0002777… h, shown to 2 decimals.
    expect(report.streams.find((s: { offerId: string }) => s.offerId === 'o1').hours.delivery).toBe(
      1,
    );
    expect((await json(db, 'unassigned')).total).toBe(7);

    // A rule is changed in place; an invalid activity is refused with the valid ones.
    const edited = await run(
      db,
      'rules',
      'edit',
      'r1',
      '--when',
      'description contains "VIP day"',
      '--channel',
      'referral',
    );
    expect(edited.out).toContain(
      '#r1 any: description contains "VIP day" → offer o1, channel referral',
    );
    const bad = await run(db, 'rules', 'edit', 'r1', '--activity', 'coaching');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('then.activity');

    // The rules travel in the bundle.
    const bundle = JSON.parse((await run(db, 'export')).out);
    expect(bundle.rules.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2']);
  });

  it('maps any CSV with --map, saves the mapping by name, and keeps two identical rows', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const map =
      'date=Booking Date,amount=Amount,description=Memo,name=Payee,id=Reference,currency=Currency';
    const first = await json(db, 'import', BANK, '--map', map, '--save-map', 'bank');
    // Two income rows, four costs: the two identical "Monthly account fee" rows both stay.
    expect(first.files[0].added).toMatchObject({ payments: 2, costs: 4 });
    const bundle = JSON.parse((await run(db, 'export')).out);
    const fees = bundle.costs.filter(
      (c: { amount: number; date: string }) => c.amount === 5 && c.date === '2024-02-05',
    );
    expect(fees).toHaveLength(2);

    const again = await json(db, 'import', BANK, '--map', 'bank');
    expect(again.files[0].duplicates).toBe(6);
    const missing = await run(db, 'import', BANK, '--map', 'bnk');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no saved mapping "bnk"; saved: bank');
  });

  it('explains a rule it cannot read and an offer that does not exist', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const unreadable = await run(db, 'rules', 'add', 'description contains "VIP', '--offer', 'o1');
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toContain('unterminated quote');
    const unknown = await run(db, 'rules', 'add', 'description contains VIP', '--offer', 'o9');
    expect(unknown.err).toContain(
      'no offer "o9"; the offers are o1 (1:1 coaching), o2 (Charting Confidence)',
    );
    expect(JSON.parse((await run(db, 'rules', '--json')).out)).toEqual([]);
  });
});
