/**
 * Scenario `page`: the dashboard of a large practice (1,000,000 payments and 1,000,000
 * time entries by default) in headless Chromium, served by the real server
 * (`fulcrum serve` in a child process) from a SQLite file: the time from navigation to
 * the first meaningful render — the headline figures on screen, which the page marks
 * with `performance.mark` (src/web/scenes/dashboard/marks.ts) — read in the page.
 *
 * - `cold`: the first visit after the server started, once it has warmed its report
 *   cache (src/app/report-warm.ts: it prints "warmed … practice(s)"): every run starts a
 *   server of its own and waits for that line before the navigation (not timed).
 * - `race`: the first visit right after the server printed its URL, racing its warm-up
 *   (a user opening the page at once after a restart): the documents an earlier server
 *   kept in the database (app/report-cache.ts) are read back, or, if there are none,
 *   the report request joins the warm-up's computation.
 * - `changed`: the same, on a copy of the file whose practice's data changed while no
 *   server ran (its revision moved by a write that kept nothing — `fulcrum import`,
 *   `rules apply` and `demo` keep the dashboard's documents themselves; `rules add`, a
 *   process killed before keeping, or another tool do not): nothing kept applies, so
 *   the visit waits for the warm-up's computation.
 * - `nowarm`: the first visit on a server started with `--no-warm`: the report is
 *   computed by the visit's own request (what `cold` measured before the warm-up).
 * - `warm`: the same server again, which has shown the dashboard before (its report
 *   cache, if any, holds the report).
 * - `shell`: the sign-in page (the same JavaScript, no data): what the page costs
 *   before any figure.
 * - baseline `static`: a navigation to the server's trivial health route (`/healthz`,
 *   a few bytes of JSON) until its load event: what any navigation to this server in
 *   this browser costs. Every visit, baseline too, is a new browser context (empty HTTP
 *   cache) with the signed-in session's cookies, so the JavaScript is downloaded and
 *   compiled each time, as on a first visit.
 *
 * The setup also reports the gzipped size (level 9) of the JavaScript files of dist/web
 * that the dashboard fetched, against the 350 KB target. See bench/README.md.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../../e2e/support/browser.ts';
import { signUp } from '../../src/app/accounts.ts';
import { webAssetsBuilt, webAssetsDir } from '../../src/cli/web-assets.ts';
import { openStore } from '../../src/store/connect.ts';
import { inTransaction } from '../../src/store/database.ts';
import { upsertMembership } from '../../src/store/membership.repository.ts';
import { bumpRevision } from '../../src/store/revision.repository.ts';
import { FIGURES_MARK } from '../../src/web/scenes/dashboard/marks.ts';
import { type BenchOptions, type Scenario, Timed } from '../harness.ts';
import { savedPractice } from '../saved-practice.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USER = { email: 'bench@example.com', password: 'a long bench passphrase, not a secret' };
/** Bump when what the cached database holds changes. */
/** A visit slower than this is a failure, not a figure. */
const VISIT_TIMEOUT_MS = 180_000;
/** The JavaScript budget of the dashboard, gzipped (issue #7). */
export const JS_BUDGET_KB = 350;

interface Server {
  url: string;
  child: ChildProcess;
  /** What the server printed so far (stdout and stderr). */
  output: () => string;
}

interface State {
  browser: Browser;
  /** The signed-in session, for each visit's new context. */
  session: Awaited<ReturnType<BrowserContext['storageState']>>;
  practiceId: number;
  warm: Server;
  /** The SQLite file the servers serve. */
  file: string;
  /** A copy of it for `changed`, whose revision each run moves before its server starts. */
  changedFile: string;
  /** The servers of the measure under way (stopped by `dispose` if a visit fails). */
  fresh: Set<Server>;
}

/** What the visits read of the page's User Timing (bench/ is type-checked without the DOM). */
interface PageEntry {
  name: string;
  startTime: number;
  responseEnd: number;
  loadEventEnd: number;
}
interface PagePerformance {
  getEntriesByName(name: string, type: string): PageEntry[];
  getEntriesByType(type: string): PageEntry[];
}
declare const document: { querySelector(selector: string): unknown };

/** One visit: a new context, a navigation, and what the page measured. */
interface Visit {
  /** ms from the navigation's start to `done`, as the page's clock says. */
  ms: number;
  figures: Record<string, number>;
}

/** Debian's Chromium, installed when missing and we are root (as scripts/test.sh does). */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`no Chromium at ${CHROMIUM}: sudo apt-get install -y chromium`);
  }
  const run = (args: string[]) => {
    const r = spawnSync('apt-get', args, {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${r.status})`);
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', 'chromium']);
}

/** `npm run build:web`: always for a measured run; for --smoke only when nothing is built. */
function buildPage(smoke: boolean): number {
  if (smoke && webAssetsBuilt(webAssetsDir())) return 0;
  const start = performance.now();
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build:web failed (${r.status})`);
  return performance.now() - start;
}

/**
 * The SQLite file of the large practice (bench/saved-practice.ts: generated once per size
 * and seed, copied from the shared cache) with a member to sign in as, in a temp folder
 * of this run.
 */
async function practiceFile(options: BenchOptions) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fulcrum-bench-page-'));
  const file = path.join(dir, 'page.db');
  const start = performance.now();
  const saved = await savedPractice(options, file);
  const store = await openStore(file);
  try {
    const now = new Date();
    const user = await signUp(store.db, USER, now);
    await upsertMembership(store.db, {
      practiceId: saved.practiceId,
      userId: user.id,
      role: 'owner',
      createdAt: now.toISOString(),
    });
  } finally {
    await store.close();
  }
  return {
    dir,
    file,
    practiceId: saved.practiceId,
    rows: Object.values(saved.records).reduce((a, b) => a + b, 0),
    built: saved.figures.cached === 'no',
    buildMs: performance.now() - start,
  };
}

/** `fulcrum serve` on the file (and `flags`), in a child process, on a free loopback port. */
function startServer(file: string, flags: readonly string[] = []): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['bin/fulcrum.mjs', 'serve', '--db', file, '--port', '0', '--host', '127.0.0.1', ...flags],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(new Error(`fulcrum serve: ${why}\n${out}`));
    };
    const timer = setTimeout(() => fail('no URL after 60 s'), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    let listening = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = listening ? undefined : /at (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url) {
        listening = true;
        clearTimeout(timer);
        resolve({ url: url.replace(/\.$/, ''), child, output: () => out });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
}

/** Waits until the server has printed a line matching `pattern`. */
async function printed(server: Server, pattern: RegExp): Promise<string> {
  const until = performance.now() + VISIT_TIMEOUT_MS;
  for (;;) {
    const line = server
      .output()
      .split('\n')
      .find((l) => pattern.test(l));
    if (line) return line;
    if (server.child.exitCode !== null || performance.now() > until) {
      throw new Error(`fulcrum serve never printed ${pattern}:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ms a warm-up took, from the server's "warmed N practice(s) in M ms" line. */
const WARMED = /warmed \d+ practice\(s\) in (\d+) ms/;

/**
 * One first visit on a fresh server (started with `flags`), after `ready` resolves;
 * the server is stopped after the visit.
 */
async function firstVisit(
  state: State,
  flags: readonly string[],
  ready: (server: Server) => Promise<Record<string, number>>,
  file = state.file,
): Promise<Timed> {
  const server = await startServer(file, flags);
  state.fresh.add(server);
  try {
    const before = await ready(server);
    const visit = await visitDashboard(state, server);
    return timed({ ms: visit.ms, figures: { ...before, ...visit.figures } });
  } finally {
    state.fresh.delete(server);
    // Gone before the next measure starts: its shutdown must not share the cores with it.
    await stopServer(server);
  }
}

/** Stops the server (SIGTERM, SIGKILL after 10 s); resolves once its process has exited. */
async function stopServer(server: Server): Promise<void> {
  server.child.removeAllListeners('exit');
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  const force = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(force);
}

/** The visit's new context, signed in (or not), with a fresh HTTP cache. */
async function context(state: State, signedIn: boolean): Promise<BrowserContext> {
  const ctx = await state.browser.newContext({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    ...(signedIn ? { storageState: state.session } : {}),
  });
  ctx.setDefaultTimeout(VISIT_TIMEOUT_MS);
  return ctx;
}

/**
 * Opens the dashboard and waits for the mark; the time is the mark's, on the page's
 * clock (0 = the navigation's start). Figures: the report request's own duration and
 * when its answer had arrived, and the time to the navigation's response.
 */
async function visitDashboard(state: State, server: Server): Promise<Visit> {
  const ctx = await context(state, true);
  try {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/p/${state.practiceId}/dashboard`, { waitUntil: 'commit' });
    await page.waitForFunction(
      (mark) =>
        (performance as unknown as PagePerformance).getEntriesByName(mark, 'mark').length > 0,
      FIGURES_MARK,
      { polling: 'raf', timeout: VISIT_TIMEOUT_MS },
    );
    return await page.evaluate((mark) => {
      const perf = performance as unknown as PagePerformance;
      const shown = perf.getEntriesByName(mark, 'mark')[0]!.startTime;
      const nav = perf.getEntriesByType('navigation')[0]!;
      const resources = perf.getEntriesByType('resource');
      const report = resources.find((e) => /\/api\/practices\/\d+\/report(\?|$)/.test(e.name));
      const scripts = resources
        .filter((e) => e.name.endsWith('.js') && e.responseEnd <= shown)
        .reduce((end, e) => Math.max(end, e.responseEnd), 0);
      return {
        ms: shown,
        figures: {
          documentMs: nav.responseEnd,
          scriptsLoadedMs: scripts,
          reportRequestMs: report ? report.responseEnd - report.startTime : -1,
          reportArrivedMs: report ? report.responseEnd : -1,
        },
      };
    }, FIGURES_MARK);
  } finally {
    await ctx.close();
  }
}

/** The sign-in page (no session) until its form is on screen. */
async function visitShell(state: State): Promise<Visit> {
  const ctx = await context(state, false);
  try {
    const page = await ctx.newPage();
    await page.goto(`${state.warm.url}/sign-in`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (document.querySelector('button[type="submit"]') ? performance.now() : 0),
      undefined,
      { polling: 'raf', timeout: VISIT_TIMEOUT_MS },
    );
    return { ms: (await handle.jsonValue()) as number, figures: {} };
  } finally {
    await ctx.close();
  }
}

/** `/healthz` until its load event. */
async function visitStatic(state: State): Promise<Visit> {
  const ctx = await context(state, true);
  try {
    const page = await ctx.newPage();
    await page.goto(`${state.warm.url}/healthz`, { waitUntil: 'load' });
    const ms = await page.evaluate(
      () =>
        (performance as unknown as PagePerformance).getEntriesByType('navigation')[0]!.loadEventEnd,
    );
    return { ms, figures: {} };
  } finally {
    await ctx.close();
  }
}

const timed = (visit: Visit) => new Timed(visit.figures, visit.ms);

/**
 * Signs in through the page (the sign-in form), opens the dashboard until its monthly
 * charts are drawn, and sums the gzipped size of every JavaScript file of dist/web it
 * fetched.
 */
async function signInAndWeigh(browser: Browser, server: Server, practiceId: number) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  ctx.setDefaultTimeout(VISIT_TIMEOUT_MS);
  try {
    const page = await ctx.newPage();
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) scripts.add(pathname);
    });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(USER.email);
    await page.getByLabel('Password').fill(USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/p\/\d+/);
    await page.goto(`${server.url}/p/${practiceId}/dashboard`);
    await page.locator('[data-figure="totals.revenue"]').waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    // What the page asks after its first render, computed (not cached) once each: the
    // monthly series of a period one day shorter than the dashboard's (another cache
    // key, the same work), and the report under edited assumptions as the levers' what-if
    // asks for it (the dashboard's dates and the edits): the first edit, the next one, and
    // one for a period no report read yet (the records read again).
    const { period } = (await page.evaluate(
      (url) => fetch(url).then((r) => r.json()),
      `/api/practices/${practiceId}/report`,
    )) as { period: { from: string; to: string } };
    const timeGet = (url: string) =>
      page.evaluate(async (u) => {
        const start = performance.now();
        const r = await fetch(u);
        await r.text();
        if (!r.ok) throw new Error(`${u}: HTTP ${r.status}`);
        return performance.now() - start;
      }, url);
    const base = `/api/practices/${practiceId}/report`;
    const from = new Date(Date.parse(`${period.from}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const monthlyMs = await timeGet(`${base}/monthly?from=${from}&to=${period.to}`);
    const asShown = `${base}?from=${period.from}&to=${period.to}`;
    const whatIfMs = await timeGet(`${asShown}&raise=0.2`);
    const whatIfNextMs = await timeGet(`${asShown}&raise=0.2&uplift=0.5`);
    const whatIfOtherPeriodMs = await timeGet(`${base}?from=${from}&to=${period.to}&raise=0.2`);
    const dir = webAssetsDir();
    let raw = 0;
    let gzip = 0;
    for (const file of scripts) {
      const bytes = readFileSync(path.join(dir, file));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return {
      session: await ctx.storageState(),
      jsFiles: scripts.size,
      jsKB: Math.round(raw / 102.4) / 10,
      jsGzipKB: Math.round(gzip / 102.4) / 10,
      monthlyMs: Math.round(monthlyMs),
      whatIfMs: Math.round(whatIfMs),
      whatIfNextMs: Math.round(whatIfNextMs),
      whatIfOtherPeriodMs: Math.round(whatIfOtherPeriodMs),
    };
  } finally {
    await ctx.close();
  }
}

export const pageScenario: Scenario<State> = {
  name: 'page',
  description:
    'the dashboard of a large practice in headless Chromium, from navigation to the headline figures on screen (cold: first visit after the server started and warmed its cache; race: first visit at once after the start; changed: the same after the data changed while no server ran; nowarm: first visit on a server without warming; warm: again), against a navigation to the same server’s trivial /healthz',
  headline: 'warm',
  defaults: { payments: 1_000_000, timeEntries: 1_000_000, runs: 5, warmup: 1 },

  async setup(options) {
    const smoke = options.payments <= 5_000 && options.timeEntries <= 5_000;
    ensureChromium();
    const buildMs = buildPage(smoke);
    const db = await practiceFile(options);
    const changedFile = path.join(db.dir, 'changed.db');
    const servers: Server[] = [];
    let browser: Browser | undefined;
    const fresh = new Set<Server>();
    const dispose = async () => {
      await browser?.close();
      await Promise.all([...servers, ...fresh].map(stopServer));
      rmSync(db.dir, { recursive: true, force: true });
    };
    try {
      let start = performance.now();
      const warm = await startServer(db.file);
      servers.push(warm);
      const serverStartMs = performance.now() - start;
      browser = await launchBrowser();
      start = performance.now();
      const weighed = await signInAndWeigh(browser, warm, db.practiceId);
      const firstVisitMs = performance.now() - start;
      const warmedMs = Number(WARMED.exec(await printed(warm, WARMED))?.[1]);
      // After the sign-in, so the copy has its session: SQLite's online backup, a
      // consistent copy while the warm server has the file open.
      start = performance.now();
      const source = new BetterSqlite3(db.file, { readonly: true });
      try {
        await source.backup(changedFile);
      } finally {
        source.close();
      }
      const copyMs = performance.now() - start;
      const setup: Record<string, number | string> = {
        rows: db.rows,
        databaseMs: Math.round(db.buildMs),
        database: db.built ? 'built' : 'cached',
        buildWebMs: Math.round(buildMs),
        serverStartMs: Math.round(serverStartMs),
        warmUpMs: warmedMs,
        signInAndFirstDashboardMs: Math.round(firstVisitMs),
        changedCopyMs: Math.round(copyMs),
        jsFiles: weighed.jsFiles,
        jsKB: weighed.jsKB,
        jsGzipKB: weighed.jsGzipKB,
        jsBudgetKB: JS_BUDGET_KB,
        monthlyComputedMs: weighed.monthlyMs,
        whatIfMs: weighed.whatIfMs,
        whatIfNextMs: weighed.whatIfNextMs,
        whatIfOtherPeriodMs: weighed.whatIfOtherPeriodMs,
      };
      return {
        state: {
          browser,
          session: weighed.session,
          practiceId: db.practiceId,
          warm,
          file: db.file,
          changedFile,
          fresh,
        },
        setup,
        records: { rows: db.rows, payments: options.payments, timeEntries: options.timeEntries },
        dispose,
      };
    } catch (error) {
      await dispose();
      throw error;
    }
  },

  measures: [
    {
      name: 'warm',
      description:
        'dashboard, navigation → headline figures rendered (page mark), on a server that has shown it before',
      run: async (state) => timed(await visitDashboard(state, state.warm)),
    },
    {
      name: 'cold',
      description:
        'first visit on a server just started, once it has warmed its report cache (the wait is not timed)',
      run: (state) =>
        firstVisit(state, [], async (server) => {
          const line = await printed(server, WARMED);
          return { warmUpMs: Number(WARMED.exec(line)?.[1]) };
        }),
    },
    {
      name: 'race',
      description:
        'first visit on a server just started, at once: the visit races the warm-up of its report cache',
      run: (state) => firstVisit(state, [], async () => ({})),
    },
    {
      name: 'changed',
      description:
        'first visit on a server just started, at once, after the data changed while no server ran: the visit waits for the warm-up to compute the report',
      run: async (state) => {
        const store = await openStore(state.changedFile);
        try {
          await inTransaction(store.db, (trx) => bumpRevision(trx, state.practiceId));
        } finally {
          await store.close();
        }
        return firstVisit(state, [], async () => ({}), state.changedFile);
      },
    },
    {
      name: 'nowarm',
      description:
        'first visit on a server started with --no-warm: the visit reads the kept report, or computes it (nothing cached or compiled on the server)',
      run: (state) => firstVisit(state, ['--no-warm'], async () => ({})),
    },
    {
      name: 'shell',
      description: 'the sign-in page (same JavaScript, no data) until its form is on screen',
      run: async (state) => timed(await visitShell(state)),
    },
  ],
  baseline: {
    name: 'static',
    description:
      'navigation to the same server’s /healthz (a few bytes of JSON) until its load event',
    run: async (state) => timed(await visitStatic(state)),
  },
};
