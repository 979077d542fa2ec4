/**
 * Sign up → demo practice → forecast page: the baseline's P10/P50/P90 shown for every
 * month equal `fulcrum forecast --json` on the same database with the same seed; a
 * scenario added in the editor is simulated in the browser (no request) within a second,
 * and its extra hours equal the CLI's for the same scenario file; settings re-simulate;
 * screenshots light and dark, wide and narrow.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Band, Forecast } from '../src/domain/forecast/index.ts';
import { launchBrowser } from './support/browser.ts';
import { fulcrum } from './support/cli.ts';
import { startServer, type TestServer } from './support/server.ts';
import { newPage, OWNER, setUpWithDemo, signIn } from './support/session.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let base: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-e2e-forecast-'));

/** `fulcrum forecast --json` with options and scenario objects (written to files). */
async function cliForecast(args: string[], scenarios: unknown[] = []): Promise<Forecast> {
  const files = scenarios.map((s, i) => {
    const file = path.join(scratch, `scenario-${i}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(s));
    return ['--scenario', file];
  });
  return JSON.parse(await fulcrum(server.dbPath, ['forecast', '--json', ...args, ...files.flat()]));
}

/** The bands the page shows for a series and metric, month by month. */
async function shownBands(series: string, metric: string): Promise<Record<string, Band>> {
  const cells = await page
    .locator(`[data-series="${series}"][data-metric="${metric}"]`)
    .evaluateAll((els) =>
      els.map((el) => [
        el.getAttribute('data-month'),
        {
          p10: Number(el.getAttribute('data-p10')),
          p50: Number(el.getAttribute('data-p50')),
          p90: Number(el.getAttribute('data-p90')),
        },
      ]),
    );
  return Object.fromEntries(cells);
}

function expectedBands(f: Forecast, bands: (Band | null)[]): Record<string, Band | null> {
  return Object.fromEntries(f.months.map((m, h) => [m, bands[h] ?? null]));
}

/** Picks the charted figure (the segmented control's radios are hidden behind their labels). */
async function metric(p: Page, label: string): Promise<void> {
  await p
    .getByRole('radiogroup', { name: 'Figure charted' })
    .getByText(label, { exact: true })
    .click();
}

async function settled(p: Page): Promise<void> {
  await p.locator('[data-source="worker"][data-stale="false"]').waitFor();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the forecast page of the demo practice', () => {
  let reference: Forecast;

  it('opens from the practice navigation', async () => {
    await setUpWithDemo(page, server.url);
    base = `${server.url}${new URL(page.url()).pathname.replace(/\/(dashboard)?$/, '')}`;
    await page.getByRole('link', { name: 'Forecast' }).click();
    await page.waitForURL('**/forecast');
    await page.getByRole('heading', { level: 1, name: 'Forecast' }).waitFor();
    await settled(page);
  });

  it("shows the baseline of `fulcrum forecast --json` (same seed), every month's P10/P50/P90", async () => {
    reference = await cliForecast([]);
    expect(reference).toMatchObject({ runs: 2000, seed: 7 });
    expect(reference.months).toHaveLength(24);
    expect(await shownBands('Baseline', 'revenue')).toEqual(
      expectedBands(reference, reference.baseline.revenue),
    );
    await metric(page, 'Hours');
    await page.locator('[data-metric="hours"]').first().waitFor();
    expect(await shownBands('Baseline', 'hours')).toEqual(
      expectedBands(reference, reference.baseline.hours),
    );
    await metric(page, 'Hourly rate');
    await page.locator('[data-metric="effectiveHourlyRate"]').first().waitFor();
    expect(await shownBands('Baseline', 'effectiveHourlyRate')).toEqual(
      expectedBands(reference, reference.baseline.effectiveHourlyRate),
    );
    await metric(page, 'Revenue');
    const method = await page.locator('[data-method]').getAttribute('data-method');
    expect(method).toBe(reference.model.method);
    for (const note of reference.model.notes.slice(0, 2)) {
      await page.getByText(note, { exact: true }).waitFor();
    }
    await expect(page.locator('.recharts-area').count()).resolves.toBe(1);
  });

  it('adds a scenario in the editor, simulated in the browser within a second, with the domain’s extra hours', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.getByRole('button', { name: 'Add a scenario' }).click();
    const item = page.getByRole('menuitem', { name: 'Launch an offer' });
    await item.waitFor();
    // From the click to the scenario's row in the table, timed in the page.
    const elapsed = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let start = 0;
          document.addEventListener(
            'click',
            () => {
              start = performance.now();
            },
            { capture: true, once: true },
          );
          const done = () =>
            document.querySelector('[data-choice="Launch an offer"] [data-extra-hours="total"]') !==
              null && document.querySelector('[data-source="worker"][data-stale="false"]') !== null;
          new MutationObserver((_, observer) => {
            if (start > 0 && done()) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          }).observe(document.body, { subtree: true, childList: true, attributes: true });
        }),
    );
    await item.click();
    const ms = await elapsed;
    console.log(`forecast page: scenario added → table updated in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(1000);
    await expect(page.locator('.recharts-area').count()).resolves.toBe(2);
    expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
    page.removeAllListeners('request');

    // The editor's starting values for "Launch an offer", written out as a scenario file.
    const launch = {
      name: 'Launch an offer',
      changes: [
        {
          type: 'launch_offer',
          name: 'Online course',
          kind: 'info_product',
          price: 197,
          salesRamp: [3, 5, 7, 8],
          creationHours: 120,
          creationMonths: 3,
          upkeepHoursPerMonth: 10,
          deliveryHoursPerSale: 0,
          refundPercent: 5,
          fromMonth: 1,
        },
      ],
    };
    const expected = await cliForecast([], [launch]);
    const scenario = expected.scenarios[0]!;
    expect(scenario.totalExtraHours.p50).toBeGreaterThan(100);
    const row = page.locator('[data-choice="Launch an offer"]');
    const band = async (selector: string) =>
      row.locator(selector).evaluate((el) => ({
        p10: Number(el.getAttribute('data-p10')),
        p50: Number(el.getAttribute('data-p50')),
        p90: Number(el.getAttribute('data-p90')),
      }));
    expect(await band('[data-extra-hours="total"]')).toEqual(scenario.totalExtraHours);
    expect(await band('[data-extra-hours="quarter-1"]')).toEqual(scenario.quarterExtraHours[0]);
    expect(await band('[data-total="revenue"]')).toEqual(scenario.total.revenue);
    expect(await shownBands('Launch an offer', 'revenue')).toEqual(
      expectedBands(expected, scenario.revenue),
    );
    // The baseline does not move when a scenario is added.
    expect(await shownBands('Baseline', 'revenue')).toEqual(
      expectedBands(reference, reference.baseline.revenue),
    );
  });

  it('re-simulates on an edit of the scenario and of the settings', async () => {
    const price = page.getByRole('textbox', { name: 'Price' });
    await price.fill('297');
    await price.blur();
    await page.getByRole('textbox', { name: 'Months ahead' }).fill('12');
    await page.getByRole('textbox', { name: 'Seed' }).fill('11');
    await page.getByRole('textbox', { name: 'Seed' }).blur();
    await page.locator('[data-seed="11"]').waitFor();
    await settled(page);
    const expected = await cliForecast(
      ['--months', '12', '--seed', '11'],
      [
        {
          name: 'Launch an offer',
          changes: [
            {
              type: 'launch_offer',
              name: 'Online course',
              kind: 'info_product',
              price: 297,
              salesRamp: [3, 5, 7, 8],
              creationHours: 120,
              creationMonths: 3,
              upkeepHoursPerMonth: 10,
              refundPercent: 5,
            },
          ],
        },
      ],
    );
    expect(await shownBands('Baseline', 'revenue')).toEqual(
      expectedBands(expected, expected.baseline.revenue),
    );
    expect(await shownBands('Launch an offer', 'revenue')).toEqual(
      expectedBands(expected, expected.scenarios[0]!.revenue),
    );
  });

  it('names a problem on its field and leaves the scenario out until it is fixed', async () => {
    const price = page.getByRole('textbox', { name: 'Price' });
    await price.fill('');
    await price.blur();
    await page.getByText('required: the price of one sale in the practice currency').waitFor();
    await page.locator('[data-choice="Launch an offer"]').waitFor({ state: 'detached' });
    await price.fill('197');
    await price.blur();
    await page.locator('[data-choice="Launch an offer"]').waitFor();
    await page.getByRole('button', { name: /Remove the scenario/ }).click();
    await page.locator('[data-choice="Launch an offer"]').waitFor({ state: 'detached' });
  });

  it('looks right light and dark, wide and narrow (screenshots in e2e/screenshots)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, width, height] of [
        ['desktop', 1440, 900],
        ['mobile', 390, 844],
      ] as const) {
        const { context, page: shot } = await newPage(browser, { width, height, colorScheme });
        await signIn(shot, server.url, OWNER);
        await shot.goto(`${base}/forecast`);
        await settled(shot);
        for (const type of ['Raise rates', 'Launch an offer']) {
          await shot.getByRole('button', { name: 'Add a scenario' }).click();
          await shot.getByRole('menuitem', { name: type }).click();
          await shot.locator(`[data-choice="${type}"]`).waitFor();
        }
        await settled(shot);
        // Adding a scenario scrolls its editor into view; the fixed header would be drawn
        // where the page was scrolled to.
        await shot.evaluate(() => window.scrollTo(0, 0));
        await shot.waitForTimeout(300);
        await shot.screenshot({
          path: `e2e/screenshots/forecast-${colorScheme}-${name}.png`,
          fullPage: true,
        });
        await context.close();
      }
    }
  });
});
