/**
 * Import through the page: a Stripe and a Toggl export dropped on the Import page are
 * previewed (format, counts, rows waiting for a rule), imported, and change the
 * dashboard exactly as expected; assigning the waiting rows in the inbox (by rules)
 * moves them onto an offer. At each step the page equals `fulcrum report --json`.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/domain/analysis/report.ts';
import { launchBrowser } from './support/browser.ts';
import { cliReport } from './support/cli.ts';
import { mismatches, readFigures } from './support/figures.ts';
import { startServer, type TestServer } from './support/server.ts';
import { dashboardReady, newPage, setUpWithDemo } from './support/session.ts';

const STRIPE = fileURLToPath(new URL('fixtures/stripe_unified_payments.csv', import.meta.url));
const TOGGL = fileURLToPath(new URL('fixtures/toggl_time_entries.csv', import.meta.url));
/** What the fixtures hold: three paid Stripe charges and three Toggl entries, January 2025. */
const FIXTURE = { revenue: 2450, fees: 71.95, hours: 6.5 };
const PERIOD = { from: '2025-01-01', to: '2025-01-31' };

let server: TestServer;
let browser: Browser;
let page: Page;
let practice: string;
let before: Report;

const round2 = (x: number) => Math.round(x * 100) / 100;

async function dashboardEqualsCli(): Promise<Report> {
  await page.goto(`${server.url}/p/${practice}/dashboard?from=${PERIOD.from}&to=${PERIOD.to}`);
  await page.waitForSelector(`[data-period="${PERIOD.from}..${PERIOD.to}"]`);
  await dashboardReady(page);
  const report = await cliReport(server.dbPath, PERIOD);
  expect(mismatches(await readFigures(page), report)).toEqual({});
  return report;
}

async function pick(label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
  await setUpWithDemo(page, server.url);
  practice = /\/p\/(\d+)/.exec(page.url())?.[1] ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('importing a Stripe and a Toggl export through the page', () => {
  it('starts from the demo practice’s January 2025', async () => {
    before = await dashboardEqualsCli();
  });

  it('previews the dropped files: format, counts, rows waiting for a rule', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    await page.locator('input[type=file]').setInputFiles([STRIPE, TOGGL]);
    const stripe = page.locator('[data-file="stripe_unified_payments.csv"]');
    const toggl = page.locator('[data-file="toggl_time_entries.csv"]');
    await stripe.waitFor();
    await toggl.waitFor();
    await expect(stripe.locator('[data-format]').textContent()).resolves.toMatch(/Stripe/);
    await expect(toggl.locator('[data-format]').textContent()).resolves.toMatch(/Toggl/);
    await expect(stripe.locator('[data-count="New payments"]').textContent()).resolves.toBe('3');
    await expect(stripe.locator('[data-count="Unassigned"]').textContent()).resolves.toBe('3');
    await expect(toggl.locator('[data-count="Rows"]').textContent()).resolves.toBe('3');
    await expect(toggl.locator('[data-count="Unassigned"]').textContent()).resolves.toBe('3');
    await expect(page.getByText('Preview: what would be imported').isVisible()).resolves.toBe(true);
    // A preview writes nothing.
    expect((await cliReport(server.dbPath, PERIOD)).totals).toEqual(before.totals);
  });

  it('imports them: revenue and fees grow by the payments, still on no offer', async () => {
    await page.getByRole('button', { name: 'Import these 2 files' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    const after = await dashboardEqualsCli();
    expect(after.totals.revenue).toBe(round2(before.totals.revenue + FIXTURE.revenue));
    expect(after.totals.costs).toBe(round2(before.totals.costs + FIXTURE.fees));
    expect(after.totals.unassigned.revenue).toBe(
      round2(before.totals.unassigned.revenue + FIXTURE.revenue),
    );
    // Time entries wait in the inbox until a rule gives them an activity.
    expect(after.totals.hours).toBe(before.totals.hours);
  });

  it('assigns the waiting rows in the inbox by rules, and the stream earns them', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: /^project = “Strategy day”/ }).click();
    await pick('Offer', '1:1 Career Coaching');
    await pick('Activity', 'delivery');
    await page.getByRole('button', { name: 'Create the rule and assign' }).click();
    await page.getByRole('status').filter({ hasText: 'rule added' }).waitFor();
    await page.getByRole('button', { name: /^description = “Strategy day”/ }).click();
    await pick('Offer', '1:1 Career Coaching');
    await page.getByRole('button', { name: 'Create the rule and assign' }).click();
    await page.locator('[data-inbox-empty]').waitFor();
    const after = await dashboardEqualsCli();
    const o1 = (r: Report) => r.streams.find((s) => s.name === '1:1 Career Coaching')!;
    expect(o1(after).revenue).toBe(round2(o1(before).revenue + FIXTURE.revenue));
    expect(o1(after).hours.delivery).toBe(round2(o1(before).hours.delivery + FIXTURE.hours));
    expect(after.totals.hours).toBe(round2(before.totals.hours + FIXTURE.hours));
    expect(after.totals.unassigned.revenue).toBe(before.totals.unassigned.revenue);
  });
});
