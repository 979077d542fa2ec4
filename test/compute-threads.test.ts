/**
 * `fulcrum serve` with compute threads (src/app/compute/pool.ts, `--threads`): the
 * report and monthly series it answers are the texts computed on the server's thread,
 * computed on the threads (the report with a lent second thread); `FULCRUM_THREADS`.
 */
import { expect, it } from 'vitest';
import { buildMonthly } from '../src/app/monthly.ts';
import { buildReport } from '../src/app/report.ts';
import { cacheStats } from '../src/app/report-cache.ts';
import { computeThreads } from '../src/cli/commands/serve.ts';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { startServer, startThreads } from '../src/cli/server.ts';
import { buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('the server with compute threads', (ctx) => {
  it('answers the same report and series, computed on the threads', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const expected = JSON.stringify(await buildReport(ctx.store, id));
    const server = await startServer({
      store: ctx.store,
      port: 0,
      host: '127.0.0.1',
      webDir: null,
      warm: false,
      pool: startThreads(ctx.database.target, 2),
    });
    try {
      expect(server.pool).not.toBeNull();
      await server.pool?.ready();
      const app = buildApp(ctx.store);
      const owner = await signedUp(app, 'owner@example.com');
      await grant(ctx.store, owner, id, 'owner');
      const answer = await owner.get(`/api/practices/${id}/report`);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(expected);
      expect(cacheStats(ctx.store).computes).toBe(1);
      expect(server.pool?.stats()).toMatchObject({ tasks: 1, helped: 1 });
      const monthly = await owner.get(`/api/practices/${id}/report/monthly`);
      expect(monthly.text).toBe(JSON.stringify(await buildMonthly(ctx.store, id)));
      expect(server.pool?.stats()).toMatchObject({ tasks: 2 });
    } finally {
      await server.close();
    }
  }, 60_000);
});

it('refuses a --threads that is not a whole number from 0 to 16, as bad usage', async () => {
  for (const bad of ['-1', 'two', '1.5', '17', '']) {
    const io = memoryIo();
    const code = await main(['node', 'fulcrum', '--db', ':memory:', 'serve', '--threads', bad], io);
    expect(code).toBe(2);
    expect(io.stderr).toContain(`expected a whole number from 0 to 16, got "${bad}"`);
  }
});

it('takes its number of threads from FULCRUM_THREADS (default 2), refusing nonsense', () => {
  expect(computeThreads({})).toBe(2);
  expect(computeThreads({ FULCRUM_THREADS: '0' })).toBe(0);
  expect(computeThreads({ FULCRUM_THREADS: ' 4 ' })).toBe(4);
  for (const bad of ['-1', 'two', '1.5', '99']) {
    expect(() => computeThreads({ FULCRUM_THREADS: bad })).toThrow(
      `FULCRUM_THREADS must be a whole number from 0 to 16, got "${bad.trim()}"`,
    );
  }
});
