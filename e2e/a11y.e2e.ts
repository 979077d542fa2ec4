/**
 * axe-core on every page, light and dark: no serious or critical violation of WCAG 2.1
 * A/AA (contrast, names, landmarks, labels, …).
 */

import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { startServer, type TestServer } from './support/server.ts';
import { dashboardReady, newPage, OWNER, setUpWithDemo, signIn } from './support/session.ts';

let server: TestServer;
let browser: Browser;

/** The serious and critical violations on the page, as readable lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`,
        ),
    );
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('[role=status] .mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await page.waitForTimeout(300);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the first-run setup page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/setup`);
    await page.getByRole('button', { name: 'Create the account' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await setUpWithDemo(page, server.url);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`${colorScheme} scheme`, () => {
      let context: BrowserContext;
      let page: Page;
      let base: string;

      beforeAll(async () => {
        ({ context, page } = await newPage(browser, { colorScheme }));
        await signIn(page, server.url, OWNER);
        base = `${server.url}${new URL(page.url()).pathname.replace(/\/(dashboard)?$/, '')}`;
      });

      afterAll(async () => {
        await context.close();
      });

      it('the dashboard', async () => {
        await page.goto(`${base}/dashboard`);
        await dashboardReady(page);
        expect(await violations(page)).toEqual([]);
      });

      it('the forecast page, with a scenario in the editor', async () => {
        await page.goto(`${base}/forecast`);
        await page.locator('[data-source="worker"][data-stale="false"]').waitFor();
        await page.getByRole('button', { name: 'Add a scenario' }).click();
        await page.getByRole('menuitem', { name: 'Launch an offer' }).click();
        await page.locator('[data-choice="Launch an offer"]').waitFor();
        await page.waitForTimeout(300);
        expect(await violations(page)).toEqual([]);
      });

      it('the import page, with a preview', async () => {
        await page.goto(`${base}/import`);
        await page
          .locator('input[type=file]')
          .setInputFiles([
            fileURLToPath(new URL('fixtures/stripe_unified_payments.csv', import.meta.url)),
          ]);
        await page.locator('[data-file]').waitFor();
        expect(await violations(page)).toEqual([]);
      });

      for (const path of [
        'inbox',
        'offers',
        'clients',
        'conversations',
        'payments',
        'time',
        'costs',
        'settings',
        'export',
      ]) {
        it(`the ${path} page`, async () => {
          await page.goto(`${base}/${path}`);
          await settle(page);
          expect(await violations(page)).toEqual([]);
        });
      }

      it('the members page, with a new invitation', async () => {
        await page.goto(`${base}/members`);
        await page.getByRole('button', { name: 'Create the invitation link' }).click();
        await page.locator('[data-invitation-link]').waitFor();
        expect(await violations(page)).toEqual([]);
      });

      it('a record dialog', async () => {
        await page.goto(`${base}/offers`);
        await page.getByRole('button', { name: 'Add offer' }).click();
        await page.getByRole('dialog').waitFor();
        await page.waitForTimeout(400); // the opening transition
        expect(await violations(page)).toEqual([]);
      });

      it('the pages before sign-in: sign-in, sign-up, an invitation, a missing page', async () => {
        await page.goto(`${base}/members`);
        await page.getByRole('button', { name: 'Create the invitation link' }).click();
        const link =
          (await page.locator('[data-invitation-link]').getAttribute('data-invitation-link')) ?? '';
        const { context: guest, page: visitor } = await newPage(browser, { colorScheme });
        for (const url of [
          `${server.url}/sign-in`,
          `${server.url}/sign-up`,
          link,
          `${server.url}/no/such/page`,
        ]) {
          await visitor.goto(url);
          await settle(visitor);
          expect(await violations(visitor), url).toEqual([]);
        }
        await guest.close();
      });
    });
  }
});
