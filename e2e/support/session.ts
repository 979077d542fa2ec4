/** Steps every journey starts with: the first account on a fresh server, signing in. */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const OWNER = {
  name: 'Robin Owner',
  email: 'owner@example.com',
  password: 'correct horse battery staple',
};

export async function newPage(
  browser: Browser,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/** First run: `/` offers the setup; create the owner's account with the demo practice. */
export async function setUpWithDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForURL('**/setup');
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL(/\/p\/\d+/, { timeout: 60_000 });
}

export async function signIn(
  page: Page,
  url: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/p\/\d+/);
}

/** Waits until the dashboard shows its report (and the monthly charts their data). */
export async function dashboardReady(page: Page): Promise<void> {
  await page.locator('[data-figure="totals.revenue"]').waitFor();
  await page.getByText('Revenue and hours by stream, month by month').waitFor();
  await page.locator('.recharts-bar-rectangle').first().waitFor();
}
