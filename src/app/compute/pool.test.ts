/**
 * The compute threads (pool.ts) on both engines: the documents they compute are the
 * texts the caller's thread computes, a report is read with a lent second thread, errors
 * arrive as the same classes and codes, a thread that dies is started again, a pool
 * that cannot open the database leaves the computing to the caller. (The server with
 * threads: test/compute-threads.test.ts.)
 */
import type { Worker } from 'node:worker_threads';
import { expect, it, onTestFinished } from 'vitest';
import { importPractice } from '../../../test/api-harness.ts';
import { describeEachEngine } from '../../../test/engines.ts';
import { StoreError } from '../../store/errors.ts';
import { AppError } from '../errors.ts';
import { buildMonthly } from '../monthly.ts';
import { buildReport } from '../report.ts';
import { reportJson } from '../report-cache.ts';
import { TSX_ENTRY } from './entry.ts';
import { attachPool, ComputePool, PoolUnusable } from './pool.ts';

/** `pool`, closed when the test ends (passed or not). */
function closedAtEnd(pool: ComputePool): ComputePool {
  onTestFinished(() => pool.close());
  return pool;
}

describeEachEngine('compute threads', (ctx) => {
  it("compute the caller's texts of the report and monthly series, each with a lent thread when free", async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const pool = closedAtEnd(new ComputePool(ctx.database.target));
    await pool.ready();
    const periods = [{}, { from: '2024-01-01', to: '2024-12-31' }];
    for (const options of periods) {
      expect(await pool.run({ kind: 'report', practiceId: id, options })).toBe(
        JSON.stringify(await buildReport(ctx.store, id, options)),
      );
      expect(await pool.run({ kind: 'monthly', practiceId: id, options })).toBe(
        JSON.stringify(await buildMonthly(ctx.store, id, options)),
      );
    }
    const assumptions = { from: '2024-01-01', assumptions: { raise: 0.2 } };
    expect(await pool.run({ kind: 'report', practiceId: id, options: assumptions })).toBe(
      JSON.stringify(await buildReport(ctx.store, id, assumptions)),
    );
    // Two at once: the first is lent the second thread for its reads; the second task
    // starts on a thread as soon as one is free: the helper once it has answered (not
    // helped itself), or, when the first task's end is seen first, with both (helped).
    // Which message the server's thread sees first is the threads' race.
    const both = await Promise.all([
      pool.run({ kind: 'report', practiceId: id, options: {} }),
      pool.run({ kind: 'monthly', practiceId: id, options: {} }),
    ]);
    expect(both[0]).toBe(JSON.stringify(await buildReport(ctx.store, id)));
    expect(both[1]).toBe(JSON.stringify(await buildMonthly(ctx.store, id)));
    expect(pool.stats()).toMatchObject({ tasks: 7, restarts: 0 });
    expect([6, 7]).toContain(pool.stats().helped);
  }, 60_000);

  it('pass errors on as the same classes and codes', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const pool = closedAtEnd(new ComputePool(ctx.database.target, { size: 1 }));
    const missing = pool.run({ kind: 'report', practiceId: id + 1000, options: {} });
    await expect(missing).rejects.toBeInstanceOf(StoreError);
    await expect(missing).rejects.toMatchObject({ code: 'practice_not_found' });
    const period = pool.run({
      kind: 'report',
      practiceId: id,
      options: { from: '2025-01-01', to: '2024-01-01' },
    });
    await expect(period).rejects.toBeInstanceOf(AppError);
    await expect(period).rejects.toMatchObject({ code: 'invalid_period' });
    const assumption = pool.run({
      kind: 'report',
      practiceId: id,
      options: { assumptions: { raise: -3 } },
    });
    await expect(assumption).rejects.toMatchObject({ code: 'invalid_assumption' });
  }, 60_000);

  it('start a thread again when one dies; its task fails, the next ones are answered', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const lines: string[] = [];
    const pool = closedAtEnd(
      new ComputePool(ctx.database.target, { size: 1, log: (l) => lines.push(l) }),
    );
    await pool.ready();
    const dying = pool.run({ kind: 'report', practiceId: id, options: {} });
    // The thread, stopped from outside while it computes (what an out-of-memory does).
    const { slots } = pool as unknown as {
      slots: { worker: { terminate(): Promise<number> } }[];
    };
    await slots[0]!.worker.terminate();
    await expect(dying).rejects.toThrow(/compute thread 0/);
    expect(await pool.run({ kind: 'report', practiceId: id, options: {} })).toBe(
      JSON.stringify(await buildReport(ctx.store, id)),
    );
    expect(pool.stats().restarts).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^compute thread 0 stopped/)]);
  }, 60_000);

  it('give up when the database cannot be opened: what was asked meanwhile is computed by the caller', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const lines: string[] = [];
    const pool = closedAtEnd(
      new ComputePool(
        ctx.engine === 'sqlite' ? '/nonexistent/folder/x.db' : 'postgres://nobody@127.0.0.1:1/none',
        { size: 2, log: (line) => lines.push(line) },
      ),
    );
    // Asked before the threads have tried: queued, then computed here.
    attachPool(ctx.store, pool);
    expect(await reportJson(ctx.store, id)).toBe(JSON.stringify(await buildReport(ctx.store, id)));
    await expect(pool.ready()).rejects.toBeInstanceOf(PoolUnusable);
    expect(pool.usable).toBe(false);
    await expect(pool.run({ kind: 'report', practiceId: 1, options: {} })).rejects.toThrow(
      ctx.engine === 'sqlite' ? /Cannot open the SQLite database/ : /./,
    );
    expect(pool.stats().tasks).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^compute threads off: /)]);
  }, 60_000);

  it('start from the sources through tsx when there is no bundle: the same texts', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const pool = closedAtEnd(new ComputePool(ctx.database.target, { size: 1, entry: TSX_ENTRY }));
    expect(await pool.run({ kind: 'report', practiceId: id, options: {} })).toBe(
      JSON.stringify(await buildReport(ctx.store, id)),
    );
  }, 60_000);

  it('start a thread again once when it dies with both an error and an exit (out of memory)', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const pool = closedAtEnd(new ComputePool(ctx.database.target, { size: 1, log: () => {} }));
    await pool.ready();
    const { slots } = pool as unknown as { slots: { worker: Worker }[] };
    const worker = slots[0]!.worker;
    // What Node does when a thread runs out of memory: both events, one after the other.
    worker.emit('error', new Error('ERR_WORKER_OUT_OF_MEMORY'));
    worker.emit('exit', 1);
    await worker.terminate();
    expect(pool.stats().restarts).toBe(1);
    expect(await pool.run({ kind: 'report', practiceId: id, options: {} })).toBe(
      JSON.stringify(await buildReport(ctx.store, id)),
    );
    expect(slots.length).toBe(1);
    expect(pool.stats().restarts).toBe(1);
  }, 60_000);

  it('stop at once when closed: the task under way and the queued ones fail', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const pool = new ComputePool(ctx.database.target, { size: 1 });
    await pool.ready();
    const running = pool.run({ kind: 'monthly', practiceId: id, options: {} });
    const queued = pool.run({ kind: 'report', practiceId: id, options: {} });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const settled = Promise.allSettled([running, queued]);
    await pool.close();
    for (const result of await settled) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { message: 'the compute threads are stopped' },
      });
    }
    await expect(pool.run({ kind: 'report', practiceId: id, options: {} })).rejects.toThrow(
      /stopped/,
    );
    expect(pool.usable).toBe(false);
  }, 60_000);
});
