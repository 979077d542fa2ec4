/**
 * Sign up → demo practice → dashboard: every figure on the page equals `fulcrum report
 * --json` for the same practice, each has its "how computed" tooltip, the monthly series
 * equals the CLI's report month by month, edited assumptions bring the levers of
 * `--assume` (asked of the server once typing pauses), the period picker changes the
 * period, and the dashboard never downloads the practice's records; screenshots of the
 * dashboard, light and dark, wide and narrow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFigure } from '../src/domain/analysis/figures.ts';
import type { Report } from '../src/domain/analysis/report.ts';
import type { MonthlySeries } from '../src/web/lib/types.ts';
import { launchBrowser } from './support/browser.ts';
import { cliReport } from './support/cli.ts';
import { mismatches, readFigures } from './support/figures.ts';
import { startServer, type TestServer } from './support/server.ts';
import { dashboardReady, newPage, OWNER, setUpWithDemo, signIn } from './support/session.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let reference: Report;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page } = await newPage(browser));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the dashboard of the demo practice', () => {
  it('opens after the first account is created on a fresh database', async () => {
    await setUpWithDemo(page, server.url);
    await dashboardReady(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Harbor Light Coaching',
    );
  });

  it('shows the figures of `fulcrum report --json`, every one of them', async () => {
    reference = await cliReport(server.dbPath);
    const figures = await readFigures(page);
    expect(mismatches(figures, reference)).toEqual({});
    for (const s of reference.streams) {
      expect(figures.get(`streams.${s.offerId}.effectiveHourlyRate`)).toBe(
        String(s.effectiveHourlyRate),
      );
      expect(figures.get(`streams.${s.offerId}.lifetime.effectiveHourlyRate`)).toBe(
        String(s.lifetime.effectiveHourlyRate),
      );
    }
    for (const c of reference.readiness.criteria)
      expect(figures.has(`readiness.criteria.${c.id}.value`)).toBe(true);
    for (const l of reference.levers)
      expect(figures.get(`levers.${l.id}.annualImpact`)).toBe(String(l.annualImpact));
    expect(figures.get('ladder.current')).toBe(String(reference.ladder.current));
    expect(figures.size).toBeGreaterThan(60);
    const period = await page.locator('[data-period]').getAttribute('data-period');
    expect(period).toBe(`${reference.period.from}..${reference.period.to}`);
    const revenue = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: reference.currency,
    }).format(reference.totals.revenue);
    await expect(page.locator('[data-figure="totals.revenue"]').textContent()).resolves.toBe(
      revenue,
    );
  });

  it('lists the levers worth most first, the ladder and the foundation', async () => {
    const order = await page
      .locator('[data-lever]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-lever')));
    expect(order).toEqual(reference.levers.map((l) => l.id));
    const met = await page
      .locator('[data-criterion]')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-criterion'), el.getAttribute('data-met')]),
      );
    expect(met).toEqual(reference.readiness.criteria.map((c) => [c.id, String(c.met)]));
    await expect(page.locator('[data-rung]').count()).resolves.toBe(6);
  });

  it('says how each figure was computed, on hover and on keyboard focus', async () => {
    await page.locator('[data-figure="totals.net"]').hover();
    await page
      .getByRole('tooltip')
      .filter({ hasText: describeFigure('totals.net') })
      .waitFor();
    await page.mouse.move(0, 0);
    const stream = reference.streams[0]!;
    const leverage = page.locator(`[data-figure="streams.${stream.offerId}.leverage"]`);
    await page.keyboard.press('Shift'); // keyboard use: focus is then :focus-visible
    await leverage.focus();
    await page
      .getByRole('tooltip')
      .filter({ hasText: describeFigure('streams.leverage') })
      .waitFor();
    await leverage.blur();
  });

  it('draws the monthly series of the server, equal to the CLI month by month, without the records', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const monthly = page.waitForResponse((r) => r.url().includes('/report/monthly'));
    await page.reload();
    await dashboardReady(page);
    const answer = await monthly;
    const series = (await answer.json()) as MonthlySeries;
    page.removeAllListeners('request');
    // The address names no period: asked as the report was, with none, so the server
    // answers the default series it warmed and kept (app/report-warm.ts).
    expect(new URL(answer.url()).search).toBe('');
    expect(series.period).toEqual(reference.period);
    expect(series.months.length).toBeGreaterThanOrEqual(12);
    // The first month (cut to the period) and the last two, against the CLI's report.
    for (const m of [series.months[0]!, ...series.months.slice(-2)]) {
      const expected = await cliReport(server.dbPath, { from: m.from, to: m.to });
      const streams = expected.streams.filter((s) => s.revenue !== 0 || s.hours.total !== 0);
      expect(Object.keys(m.streams).sort()).toEqual(streams.map((s) => s.offerId).sort());
      for (const s of streams) {
        expect(m.streams[s.offerId], `${m.month} ${s.offerId}`).toEqual({
          revenue: s.revenue,
          hours: s.hours.total,
          effectiveHourlyRate: s.effectiveHourlyRate,
        });
      }
    }
    await expect(page.locator('.recharts-bar-rectangle').count()).resolves.toBeGreaterThan(12);
    // Nothing on the dashboard reads the practice's records: report and monthly only.
    const api = requests.filter((u) => u.startsWith('/api/practices/'));
    expect(api.some((u) => u.endsWith('/export'))).toBe(false);
    expect(new Set(api.map((u) => u.replace(/^\/api\/practices\/\d+/, '')))).toEqual(
      new Set(['/report', '/report/monthly']),
    );
  });

  it('brings the levers of `--assume` when an assumption changes, asked of the server', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const raise = page.getByRole('textbox', { name: 'Rate rise' });
    await raise.fill('15');
    await raise.blur();
    const expected = await cliReport(server.dbPath, { assume: { raise: 0.15 } });
    const lever = expected.levers.find((l) => l.id === 'raise_rates')!;
    await page.waitForFunction(
      (v) =>
        document
          .querySelector('[data-figure="levers.raise_rates.annualImpact"]')
          ?.getAttribute('data-value') === v,
      String(lever.annualImpact),
    );
    const order = await page
      .locator('[data-lever]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-lever')));
    expect(order).toEqual(expected.levers.map((l) => l.id));
    await page.locator('[data-source="assumptions"]').waitFor();
    // One request for the edit, with the assumption (typing "15" is debounced into one).
    const asked = requests.filter((u) => u.includes('/report?'));
    expect(asked).toHaveLength(1);
    expect(new URL(asked[0]!).searchParams.get('raise')).toBe('0.15');
    page.removeAllListeners('request');
    const extra = page.getByRole('textbox', { name: 'Extra sales conversations a week' });
    await extra.fill('3');
    await extra.blur();
    const both = await cliReport(server.dbPath, { assume: { raise: 0.15, extraPerWeek: 3 } });
    for (const l of both.levers) {
      await page.waitForFunction(
        ([id, v]) =>
          document
            .querySelector(`[data-figure="levers.${id}.annualImpact"]`)
            ?.getAttribute('data-value') === v,
        [l.id, String(l.annualImpact)] as const,
      );
    }
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.waitForFunction(
      (v) =>
        document
          .querySelector('[data-figure="levers.raise_rates.annualImpact"]')
          ?.getAttribute('data-value') === v,
      String(reference.levers.find((l) => l.id === 'raise_rates')!.annualImpact),
    );
  });

  it('shows another period from the picker, equal to the CLI for that period', async () => {
    const monthly = page.waitForResponse(
      (r) => r.url().includes('/report/monthly') && r.url().includes('from='),
    );
    await page.getByRole('textbox', { name: 'Period' }).click();
    await page.getByRole('option', { name: 'Last 6 months' }).click();
    await page.waitForURL(/from=/);
    const params = new URL(page.url()).searchParams;
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    await page.waitForSelector(`[data-period="${from}..${to}"]`);
    const expected = await cliReport(server.dbPath, { from, to });
    expect(expected.period.days).toBeLessThan(190);
    await dashboardReady(page);
    expect(mismatches(await readFigures(page), expected)).toEqual({});
    // The monthly series of the chosen period, asked with it.
    const series = (await (await monthly).json()) as MonthlySeries;
    expect(series.period).toEqual(expected.period);
  });

  it('looks right light and dark, wide and narrow (screenshots in e2e/screenshots)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const [name, width, height] of [
        ['desktop', 1440, 900],
        ['mobile', 390, 844],
      ] as const) {
        const { context, page: shot } = await newPage(browser, { width, height, colorScheme });
        await signIn(shot, server.url, OWNER);
        await dashboardReady(shot);
        await shot.waitForTimeout(300);
        const background = await shot.evaluate(
          () => getComputedStyle(document.body).backgroundColor,
        );
        expect(background === 'rgb(255, 255, 255)').toBe(colorScheme === 'light');
        await shot.screenshot({
          path: `e2e/screenshots/dashboard-${colorScheme}-${name}.png`,
          fullPage: true,
        });
        await context.close();
      }
    }
  });
});
