import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { codeVersion, hashOfSources } from './code-version.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('is the same in another process running the same code (what makes a kept document reusable)', async () => {
  const here = await codeVersion();
  expect(here).toMatch(/^[0-9a-f]{16}$/);
  expect(await codeVersion()).toBe(here);
  const there = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { codeVersion } = await import('./src/app/code-version.mjs'); process.stdout.write(await codeVersion());",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(there).toBe(here);
});

it('changes when a source is edited, added or removed, but not for the page, tests or benchmark results', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'fulcrum-code-'));
  try {
    const write = (file: string, text: string, at = 1_700_000_000) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
      utimesSync(path.join(root, file), at, at);
    };
    write('app/report.ts', 'export const a = 1;');
    write('domain/figures.ts', 'export const b = 2;');
    const first = await hashOfSources(root);
    expect(await hashOfSources(root)).toBe(first);

    write('web/page.tsx', 'page');
    write('web/lib/api.ts', 'api');
    write('app/report.test.ts', 'test');
    write('results/import.json', '{"ratio": 0.1}');
    expect(await hashOfSources(root)).toBe(first);
    write('results/import.json', '{"ratio": 0.2}', 1_700_000_002);
    expect(await hashOfSources(root)).toBe(first);

    write('app/report.ts', 'export const a = 10;');
    const edited = await hashOfSources(root);
    expect(edited).not.toBe(first);
    write('app/report.ts', 'export const a = 10;', 1_700_000_001);
    expect(await hashOfSources(root)).not.toBe(edited);
    write('store/new.ts', '');
    const added = await hashOfSources(root);
    expect(added).not.toBe(edited);
    rmSync(path.join(root, 'store/new.ts'));
    expect(await hashOfSources(root)).not.toBe(added);

    rmSync(root, { recursive: true });
    mkdirSync(root);
    await expect(hashOfSources(root)).rejects.toThrow(/no sources/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
