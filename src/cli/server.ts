/**
 * The web server behind `fulcrum serve` and `fulcrum start`: the site (the API and the
 * built page), its compute threads and report warm-up, and serving until a signal.
 * Loaded only when a command serves (commands/serve.ts, commands/start.ts): the API's
 * modules are most of the CLI's start-up time and memory, which `fulcrum import`,
 * `report` and the rest do not need.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from '../api/app.ts';
import { attachPool, ComputePool } from '../app/compute/pool.ts';
import { AppError } from '../app/errors.ts';
import { startWarming, type Warmer, warmingEnabled } from '../app/report-warm.ts';
import type { Store } from '../store/connect.ts';
import { computeThreads, type ServeFlags } from './commands/serve.ts';
import { describeTarget } from './context.ts';
import type { CliIo } from './io.ts';
import {
  scenePreloads,
  WEB_CONTENT_SECURITY_POLICY,
  webAssetsBuilt,
  webAssetsDir,
  withHeadTags,
} from './web-assets.ts';

export interface ServeOptions {
  store: Store;
  port: number;
  host: string;
  trustProxy?: boolean;
  /** Only invited people may create accounts (the first-run setup still works). */
  inviteOnly?: boolean;
  /** The built page's folder, or null to serve the API only (default: dist/web when built). */
  webDir?: string | null;
  log?: (line: string) => void;
  /** Progress lines (the warm-up's end). */
  info?: (line: string) => void;
  /**
   * Keep each practice's default report and monthly series computed in the background,
   * at start and after writes (app/report-warm.ts; default true).
   */
  warm?: boolean;
  /**
   * Compute threads to compute reports and monthly series on (`startThreads`), each with
   * its own connection to the store's database; none (the default): on the server's
   * thread. The server attaches them to `store` and ends them when it closes.
   */
  pool?: ComputePool | null;
}

/** What the site tells the report warmer: requests being served, practices written. */
export interface SiteActivity {
  /** Requests being served (pages, assets and API). */
  inFlight: number;
  /** `performance.now()` when the last request was answered. */
  lastDone: number;
  wrote(practiceId: number): void;
}

/**
 * The quiet time after a request before the warmer starts a computation: a page's
 * requests come in bursts (the document, then its scripts, then its API calls), and a
 * computation started between them would hold the rest (SQLite runs on the main thread).
 */
const QUIET_MS = 500;

export interface RunningServer {
  url: string;
  /** The report warmer, when warming is on. */
  warmer: Warmer | null;
  /** The compute threads, when the server has them. */
  pool: ComputePool | null;
  /** Stops accepting connections, lets requests in flight finish (10 s at most). */
  close(): Promise<void>;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Fulcrum</title>
<body style="font:16px system-ui;max-width:40em;margin:3em auto">
<h1>Fulcrum is running</h1><p>The web page is not built yet: run <code>npm run build:web</code>
and restart <code>fulcrum serve</code>.</p><p>The API is here: see <a href="/api/docs">its reference</a>.</p></body></html>`;

const PRACTICE_PATH = /^\/api\/practices\/(\d+)(?:\/|$)/;

/** The site: the API, and the page (or a note that it is not built). */
export function buildSite(options: ServeOptions, activity?: SiteActivity) {
  const api = createApp({
    store: options.store,
    trustProxy: options.trustProxy,
    allowSignUp: !options.inviteOnly,
    log: options.log,
  });
  const site = new Hono();
  if (activity) {
    // Counts the requests being served; a request other than GET on a practice's API
    // path that succeeded may have written its data (a refused one — signed out, not a
    // member, a bad id — wrote nothing and queues no work).
    site.use('*', async (c, next) => {
      activity.inFlight++;
      try {
        await next();
      } finally {
        activity.inFlight--;
        activity.lastDone = performance.now();
        const written = c.req.method === 'GET' ? null : PRACTICE_PATH.exec(c.req.path);
        if (written && c.res.status < 400) activity.wrote(Number(written[1]));
      }
    });
  }
  site.all('/api/*', (c) => api.fetch(c.req.raw, c.env));
  site.all('/healthz', (c) => api.fetch(c.req.raw, c.env));
  const dir =
    options.webDir === undefined ? (webAssetsBuilt() ? webAssetsDir() : null) : options.webDir;
  site.use('*', async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/') || c.req.path === '/healthz') return;
    c.header('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    // Built files are named by their content's hash: a browser may keep them for good.
    // The page itself names the current ones: asked again on every visit.
    if (c.req.path.startsWith('/assets/')) {
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    } else if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.header('Cache-Control', 'no-cache');
    }
  });
  if (dir) {
    // A browser that accepts Brotli or gzip gets the copy the build wrote (compressAssets).
    site.use('/assets/*', serveStatic({ root: dir, precompressed: true }));
    site.get('/assets/*', (c) => c.text('no such file', 404));
    site.get('*', serveStatic({ root: dir }));
    // Read per request (a small file), so a rebuild while the server runs is picked up;
    // with the preloads of the scene the address opens.
    site.get('*', (c) =>
      c.html(
        withHeadTags(readFileSync(`${dir}/index.html`, 'utf8'), scenePreloads(dir, c.req.path)),
      ),
    );
  } else {
    site.get('*', (c) => c.html(NOT_BUILT));
  }
  return site;
}

/** Starts listening; resolves once the port is bound. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  let warmer: Warmer | null = null;
  const pool = options.pool ?? null;
  if (pool) attachPool(options.store, pool);
  const activity: SiteActivity = {
    inFlight: 0,
    lastDone: Number.NEGATIVE_INFINITY,
    wrote: (id) => warmer?.touched(id),
  };
  const site = buildSite(options, activity);
  const server = serve({ fetch: site.fetch, hostname: options.host, port: options.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', (error: NodeJS.ErrnoException) => {
      void pool?.close();
      reject(
        new AppError(
          'invalid_input',
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${options.host} is taken: choose another with --port`
            : `cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      );
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  if (options.warm !== false) {
    warmer = startWarming(options.store, {
      // With compute threads, a computation holds no request: no need to wait for quiet.
      busy: () =>
        !pool?.usable &&
        (activity.inFlight > 0 || performance.now() - activity.lastDone < QUIET_MS),
      log: options.log,
      info: options.info,
    });
  }
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    warmer,
    pool,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Nothing new is warmed; a report being warmed finishes before the store closes.
        const warmStopped = warmer?.stop() ?? Promise.resolve();
        const force = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, 10_000);
        server.close(() => {
          clearTimeout(force);
          // Every request is answered: what the threads still compute is the warm-up's,
          // which nobody waits for (a restart would otherwise wait seconds for it).
          void (pool?.close() ?? Promise.resolve()).then(() => warmStopped).then(() => resolve());
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * `threads` compute threads on `target`, or none (0 threads, or `:memory:`, which no
 * other connection can open).
 */
export function startThreads(
  target: string,
  threads: number,
  log?: (line: string) => void,
): ComputePool | null {
  if (threads <= 0 || target === ':memory:') return null;
  return new ComputePool(target, { size: threads, log });
}

/**
 * The compute threads of `serve` and `start`, started before the database is opened:
 * they load their code meanwhile, and are ready when the server starts listening (the
 * first report after a restart waits for them). The store they compute for is attached
 * when the server starts.
 */
export function earlyThreads(target: string, opts: ServeFlags, io: CliIo): ComputePool | null {
  return startThreads(target, opts.threads ?? computeThreads(io.env), (line) =>
    io.err(`${line}\n`),
  );
}

/** Resolves on the first SIGINT or SIGTERM. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

const LOOPBACK = /^(127\.|localhost$|::1$|\[::1\]$)/;

/** Serves the site on an open store until SIGINT or SIGTERM, then stops gracefully. */
export async function serveUntilStopped(
  store: Store,
  target: string,
  opts: ServeFlags,
  io: CliIo,
  pool: ComputePool | null,
): Promise<void> {
  if (opts.port < 0 || opts.port > 65_535) {
    throw new AppError('invalid_input', `--port must be between 0 and 65535, got ${opts.port}`);
  }
  const server = await startServer({
    store,
    port: opts.port,
    host: opts.host,
    trustProxy: opts.trustProxy,
    inviteOnly: opts.inviteOnly,
    log: (line) => io.err(`${line}\n`),
    info: (line) => io.out(`${line}\n`),
    warm: opts.warm !== false && warmingEnabled(),
    pool,
  });
  io.out(`Fulcrum is serving ${describeTarget(target)} at ${server.url}\n`);
  if (!webAssetsBuilt()) io.out('(the web page is not built: npm run build:web)\n');
  io.out(`API reference: ${server.url}/api/docs. Stop with Ctrl+C.\n`);
  if (!LOOPBACK.test(opts.host)) {
    io.err(
      'fulcrum: listening beyond this machine: serve it over https (a reverse proxy with TLS, and --trust-proxy)\n',
    );
  }
  const signal = await nextSignal();
  io.out(`\n${signal}: stopping…\n`);
  await server.close();
}
