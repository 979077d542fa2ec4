/**
 * The command line as users run it, `bin/fulcrum.mjs`: from the esbuild bundle of the
 * sources (src/app/bundle.mjs) and, with FULCRUM_BUNDLE=0, from the sources through
 * tsx. Both must say and do the same: the same output, the same errors, the same exit
 * codes. The bundle is kept under the code version and made once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { bundledEntry } from '../src/app/bundle.mjs';
import { codeVersion } from '../src/app/code-version.mjs';
import { repoRoot } from './api-harness.ts';

const BIN = path.join(repoRoot, 'bin/fulcrum.mjs');
const folder = mkdtempSync(path.join(tmpdir(), 'fulcrum-bundle-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fulcrum(args: string[], bundle: boolean): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, FULCRUM_BUNDLE: bundle ? '1' : '0', NO_COLOR: '1' },
        maxBuffer: 16 * 2 ** 20,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stdout, stderr }),
    );
  });
}

it('makes the bundle once, under the code version, inside the package', async () => {
  const first = await bundledEntry({ name: 'cli', entry: 'src/cli/main.ts', splitting: true });
  const file = fileURLToPath(first);
  expect(file.startsWith(path.join(repoRoot, 'node_modules', '.cache', 'fulcrum'))).toBe(true);
  expect(path.basename(path.dirname(file))).toContain(await codeVersion());
  const made = statSync(file).mtimeMs;
  const again = await bundledEntry({ name: 'cli', entry: 'src/cli/main.ts', splitting: true });
  expect(again.href).toBe(first.href);
  expect(statSync(file).mtimeMs).toBe(made);
  // The web server is a chunk of its own, loaded only by `serve` and `start`.
  expect(readdirSync(path.dirname(file)).some((f) => f.startsWith('server-'))).toBe(true);
  // Nothing half-made by this process is left beside it (other test files may be
  // making their own copy at this moment: theirs carry their process id).
  const mine = readdirSync(path.dirname(path.dirname(file))).filter((f) =>
    f.includes(`.${process.pid}.`),
  );
  expect(mine).toEqual([]);
});

it('answers as the sources through tsx do: output, errors and exit codes', async () => {
  const db = path.join(folder, 'fulcrum.db');
  // The demo practice, written by the bundled CLI and read by both.
  const demo = await fulcrum(['--db', db, 'demo'], true);
  expect(demo.code, demo.stderr).toBe(0);
  expect(existsSync(db)).toBe(true);
  // The bundle's sources' paths are their own: the dashboard documents the demo kept
  // carry this code's version (a bundle hashing the wrong folder would not).
  const kept = new Database(db, { readonly: true });
  try {
    const codes = kept.prepare('select distinct code from kept_documents').pluck().all();
    expect(codes).toEqual([await codeVersion()]);
  } finally {
    kept.close();
  }
  const cases: string[][] = [
    ['--help'],
    ['--db', db, 'report', '--json'],
    ['--db', db, 'report'],
    ['--db', db, 'rules'],
    ['--db', db, 'import', path.join(folder, 'missing.csv')],
    ['--db', db, 'report', '--from', '2024-13-01'],
    ['--no-such-option'],
  ];
  for (const args of cases) {
    const [bundled, sources] = await Promise.all([fulcrum(args, true), fulcrum(args, false)]);
    expect(bundled, args.join(' ')).toEqual(sources);
  }
  const report = await fulcrum(['--db', db, 'report', '--json'], true);
  expect(report.code).toBe(0);
  expect(JSON.parse(report.stdout)).toHaveProperty('totals');
  const usage = await fulcrum(['--no-such-option'], true);
  expect(usage.code).toBe(2);
  const missing = await fulcrum(['--db', db, 'import', path.join(folder, 'missing.csv')], true);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toContain('missing.csv');
  expect(missing.stderr).not.toMatch(/\n\s+at /);
});
