/**
 * `fulcrum serve`: the real command in a child process on both engines (it prints its
 * URL, answers /healthz and the API, serves the page or a note, and stops cleanly on
 * SIGTERM), and the site it builds, in-process.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { buildSite, startServer } from '../src/cli/server.ts';
import { openStore } from '../src/store/connect.ts';
import { repoRoot } from './api-harness.ts';
import { describeEachEngine, ENGINES, freshTarget } from './engines.ts';

const BIN = path.join(repoRoot, 'bin/fulcrum.mjs');

describe.each(ENGINES)('fulcrum serve on %s', (engine) => {
  it('prints its URL, serves the API, and stops on SIGTERM', async () => {
    const db = await freshTarget(engine);
    const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${out}${err}`)));
    });
    try {
      expect(out).toContain('Fulcrum is serving');
      expect(out).not.toMatch(/postgres:\/\/[^@\s]*:[^*@\s]+@/); // never a password
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ needsSetup: true });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM: stopping');
    expect(err).toBe('');
  });
});

describeEachEngine('the served site', (ctx) => {
  it('routes /api and /healthz to the API and every other GET to the page or its note', async () => {
    const site = buildSite({ store: ctx.store, port: 0, host: '127.0.0.1', webDir: null });
    expect((await site.request('/healthz')).status).toBe(200);
    const api = await site.request('/api/practices');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    const note = await site.request('/practices/1/report');
    expect(note.status).toBe(200);
    expect(await note.text()).toContain('npm run build:web');
  });

  it('serves the built page: its files, index.html for other paths, 404 for a missing asset', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-web-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const site = buildSite({ store: ctx.store, port: 0, host: '127.0.0.1', webDir: dir });
    expect(await (await site.request('/assets/app.js')).text()).toBe('console.log(1)');
    expect((await site.request('/assets/missing.js')).status).toBe(404);
    const deep = await site.request('/practices/3/payments');
    expect(await deep.text()).toContain('<title>page</title>');
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await site.request('/../../etc/passwd')).status).not.toBe(500);
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes sign-up with --invite-only', async () => {
    const site = buildSite({
      store: ctx.store,
      port: 0,
      host: '127.0.0.1',
      webDir: null,
      inviteOnly: true,
    });
    const r = await site.request('/api/auth/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bo@example.com', password: 'a long and quiet passphrase' }),
    });
    expect(r.status).toBe(403);
  });

  it('listens on a free port and closes', async () => {
    const server = await startServer({
      store: ctx.store,
      port: 0,
      host: '127.0.0.1',
      webDir: null,
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

it('says so when the port is taken or out of range', async () => {
  const store = await openStore(':memory:');
  const first = await startServer({ store, port: 0, host: '127.0.0.1', webDir: null });
  try {
    const port = Number(new URL(first.url).port);
    await expect(startServer({ store, port, host: '127.0.0.1', webDir: null })).rejects.toThrow(
      /is taken: choose another with --port/,
    );
  } finally {
    await first.close();
    await store.close();
  }
  const io = memoryIo();
  expect(await main(['node', 'fulcrum', '--db', ':memory:', 'serve', '--port', '70000'], io)).toBe(
    1,
  );
  expect(io.stderr).toContain('--port must be between 0 and 65535');
});
