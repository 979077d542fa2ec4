/**
 * `fulcrum start` (what `npm start` runs): on a fresh database it loads the demo
 * practice, prints a summary, and serves the web app until SIGTERM; the first account
 * made through the page becomes the demo practice's owner.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { repoRoot } from './api-harness.ts';

const BIN = path.join(repoRoot, 'bin/fulcrum.mjs');

it('loads the demo on first run, serves the app, and stops on SIGTERM', async () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'fulcrum-start-')), 'fulcrum.db');
  const child = spawn(process.execPath, [BIN, '--db', db, 'start', '--port', '0'], {
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
    child.once('exit', () => reject(new Error(`start exited early: ${out}${err}`)));
  });
  try {
    expect(out).toContain('loading the demo practice');
    expect(out).toMatch(
      /Harbor Light Coaching \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\): revenue \$/,
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/api/setup`)).json()).toEqual({ needsSetup: true });
    // The first account adopts the demo practice start wrote (no second demo).
    const setup = await fetch(`${url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ email: 'coach@example.org', password: 'a long enough passphrase' }),
    });
    expect(setup.status).toBeLessThan(300);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(out).toContain('SIGTERM: stopping');
  expect(err).toBe('');

  const io = memoryIo();
  expect(await main(['node', 'fulcrum', '--db', db, 'practices', '--json'], io)).toBe(0);
  expect(JSON.parse(io.stdout).map((p: { name: string }) => p.name)).toEqual([
    'Harbor Light Coaching',
  ]);
});

it('--no-serve prints the summary and returns', async () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'fulcrum-start-')), 'fulcrum.db');
  const io = memoryIo();
  expect(await main(['node', 'fulcrum', '--db', db, 'start', '--no-serve'], io)).toBe(0);
  expect(io.stdout).toContain('Where to look next:');
  expect(io.stdout).not.toContain('serving');
});
