import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { codeVersion } from './code-version.ts';

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
      "const { codeVersion } = await import('./src/app/code-version.ts'); process.stdout.write(await codeVersion());",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(there).toBe(here);
});
