/**
 * The browser tests (e2e/*.e2e.ts): Debian's Chromium through playwright-core against
 * the real API and the built page on a loopback port. scripts/test.sh runs them after
 * the unit suite, once the page is built (`npm run build:web`).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
