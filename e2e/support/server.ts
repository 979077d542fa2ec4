/**
 * The server the browser tests drive: the real API (`createApp`) on a fresh SQLite file,
 * and the built page (dist/web) beside it, on a free loopback port — as `fulcrum serve`
 * serves them: `/api/*` to the API, files from dist/web, `index.html` for any other GET.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from '../../src/api/app.ts';
import {
  WEB_CONTENT_SECURITY_POLICY,
  webAssetsBuilt,
  webAssetsDir,
} from '../../src/cli/web-assets.ts';
import { openStore } from '../../src/store/connect.ts';

export interface TestServer {
  url: string;
  /** The SQLite file, for the CLI to read the same practice. */
  dbPath: string;
  close(): Promise<void>;
}

export async function startServer(options: { dbPath?: string } = {}): Promise<TestServer> {
  const dir = webAssetsDir();
  if (!webAssetsBuilt(dir))
    throw new Error(`no built page in ${dir}: run \`npm run build:web\` first`);
  const tmp = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'fulcrum-e2e-'));
  const dbPath = options.dbPath ?? join(tmp as string, 'fulcrum.db');
  const store = await openStore(dbPath);
  const api = createApp({ store, log: () => {} });
  const site = new Hono();
  site.all('/api/*', (c) => api.fetch(c.req.raw));
  site.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
  });
  site.use('/assets/*', serveStatic({ root: dir }));
  site.get('/assets/*', (c) => c.text('no such file', 404));
  // Read per request, so a rebuild while the server runs is picked up.
  site.get('*', (c) => c.html(readFileSync(join(dir, 'index.html'), 'utf8')));
  const server = serve({ fetch: site.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}
