/**
 * Members: the owner invites an advisor from the Members page; the advisor opens the
 * link, creates an account, and sees the practice — the same figures — but cannot
 * change anything: no editing controls on any page, and the API refuses a write.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.ts';
import { cliReport } from './support/cli.ts';
import { mismatches, readFigures } from './support/figures.ts';
import { startServer, type TestServer } from './support/server.ts';
import { dashboardReady, newPage, setUpWithDemo } from './support/session.ts';

const ADVISOR = {
  name: 'Avery Advisor',
  email: 'advisor@example.com',
  password: 'an advisor passphrase',
};

let server: TestServer;
let browser: Browser;
let owner: Page;
let advisor: Page;
let base: string;
let link: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ({ page: owner } = await newPage(browser));
  ({ page: advisor } = await newPage(browser));
  await setUpWithDemo(owner, server.url);
  base = new URL(owner.url()).pathname.replace(/\/(dashboard)?$/, '');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('an advisor', () => {
  it('is invited by the owner from the Members page', async () => {
    await owner.getByRole('link', { name: 'Members' }).click();
    await owner.getByLabel('Email (optional)').fill(ADVISOR.email);
    await owner.getByRole('button', { name: 'Create the invitation link' }).click();
    link =
      (await owner.locator('[data-invitation-link]').getAttribute('data-invitation-link')) ?? '';
    expect(link).toMatch(new RegExp(`^${server.url}/invitations/.+`));
    await owner.getByRole('table', { name: 'Open invitations' }).getByText(ADVISOR.email).waitFor();
  });

  it('accepts by creating an account, and sees the practice’s figures', async () => {
    await advisor.goto(link);
    await advisor.getByRole('heading', { name: 'Join Harbor Light Coaching' }).waitFor();
    await advisor.getByLabel('Your name').fill(ADVISOR.name);
    await advisor.getByLabel('Email').fill(ADVISOR.email);
    await advisor.getByLabel('Password').fill(ADVISOR.password);
    await advisor.getByRole('button', { name: 'Create the account and join' }).click();
    await advisor.waitForURL(/\/p\/\d+/);
    await dashboardReady(advisor);
    expect(mismatches(await readFigures(advisor), await cliReport(server.dbPath))).toEqual({});
    await expect(advisor.getByText('advisor', { exact: true }).first().isVisible()).resolves.toBe(
      true,
    );
  });

  it('gets no editing controls on any page', async () => {
    for (const page of ['offers', 'clients', 'payments', 'time', 'costs', 'conversations']) {
      await advisor.goto(`${server.url}${base}/${page}`);
      await advisor.locator('[data-total]').waitFor();
      await advisor.getByRole('table').first().locator('tbody tr').first().waitFor();
      await expect(
        advisor.getByRole('button', { name: /^(Add|Log|Edit|Delete)/ }).count(),
      ).resolves.toBe(0);
    }
    await expect(advisor.getByText('I just had a sales conversation').count()).resolves.toBe(0);
    await advisor.goto(`${server.url}${base}/settings`);
    await advisor.getByLabel('Name').waitFor();
    await expect(advisor.getByLabel('Name').isDisabled()).resolves.toBe(true);
    await expect(advisor.getByRole('button', { name: 'Save the settings' }).count()).resolves.toBe(
      0,
    );
    await advisor.goto(`${server.url}${base}/import`);
    await advisor
      .getByText('As an advisor you can read this practice but not import into it.')
      .waitFor();
    await advisor.goto(`${server.url}${base}/members`);
    await advisor.getByRole('table', { name: 'Members' }).waitFor();
    await expect(
      advisor.getByRole('button', { name: 'Create the invitation link' }).count(),
    ).resolves.toBe(0);
  });

  it('is refused by the API when it tries to write anyway', async () => {
    const status = await advisor.evaluate(
      async (path) => {
        const csrf =
          document.cookie
            .split('; ')
            .find((c) => c.startsWith('fulcrum_csrf='))
            ?.split('=')[1] ?? '';
        const response = await fetch(`/api${path}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
          body: JSON.stringify({ name: 'Renamed by an advisor' }),
        });
        return response.status;
      },
      base.replace('/p/', '/practices/'),
    );
    expect(status).toBe(403);
  });

  it('shows in the owner’s member list with the advisor role', async () => {
    await owner.reload();
    const row = owner
      .getByRole('table', { name: 'Members' })
      .getByRole('row')
      .filter({ hasText: ADVISOR.email });
    await expect(
      row.getByRole('textbox', { name: `Role of ${ADVISOR.email}` }).inputValue(),
    ).resolves.toBe('advisor');
  });
});
