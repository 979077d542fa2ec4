/**
 * The server the browser tests drive: `fulcrum serve`'s own site (the API and the built
 * page, src/cli/server.ts) on a fresh SQLite file and a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer as serve } from '../../src/cli/server.ts';
import { webAssetsBuilt, webAssetsDir } from '../../src/cli/web-assets.ts';
import { openStore } from '../../src/store/connect.ts';

export interface TestServer {
  url: string;
  /** The SQLite file, for the CLI to read the same practice. */
  dbPath: string;
  close(): Promise<void>;
}

export async function startServer(options: { dbPath?: string } = {}): Promise<TestServer> {
  const webDir = webAssetsDir();
  if (!webAssetsBuilt(webDir))
    throw new Error(`no built page in ${webDir}: run \`npm run build:web\` first`);
  const tmp = options.dbPath ? null : mkdtempSync(join(tmpdir(), 'fulcrum-e2e-'));
  const dbPath = options.dbPath ?? join(tmp as string, 'fulcrum.db');
  const store = await openStore(dbPath);
  const server = await serve({ store, port: 0, host: '127.0.0.1', webDir, log: () => {} });
  return {
    url: server.url,
    dbPath,
    async close() {
      await server.close();
      await store.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}
