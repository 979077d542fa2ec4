/**
 * The report warmer (src/app/report-warm.ts) on both engines: after the server starts
 * and warming is done, the dashboard's first requests (the default report and monthly
 * series) compute nothing; after a write the practice is warmed again; warming waits
 * while requests are served; `--no-warm` / FULCRUM_WARM=0 turn it off; the site tells
 * the warmer which practice a request may have written.
 */
import { expect, it, vi } from 'vitest';
import { cacheStats, reportJson } from '../src/app/report-cache.ts';
import { startWarming, warmingEnabled } from '../src/app/report-warm.ts';
import { buildSite, type SiteActivity, startServer } from '../src/cli/server.ts';
import { COLLECTIONS } from '../src/store/collections.ts';
import { openStore } from '../src/store/connect.ts';
import { insertRecord } from '../src/store/record-crud.repository.ts';
import { buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('the report warmer', (ctx) => {
  it("computes each practice's default report and monthly series at start: the first visit computes nothing", async () => {
    const ids = [
      await importPractice(ctx.store, 'Tidewater Coaching'),
      await importPractice(ctx.store, 'Harbor Coaching'),
    ];
    const lines: string[] = [];
    const server = await startServer({
      store: ctx.store,
      port: 0,
      host: '127.0.0.1',
      webDir: null,
      info: (line) => lines.push(line),
    });
    try {
      expect(server.warmer).not.toBeNull();
      await server.warmer?.idle();
      const warmed = cacheStats(ctx.store);
      expect(warmed).toMatchObject({ computes: 4, entries: 4 });
      expect(lines).toEqual([expect.stringMatching(/^warmed 2 practice\(s\) in \d+ ms$/)]);

      const app = buildApp(ctx.store);
      const owner = await signedUp(app, 'owner@example.com');
      for (const id of ids) {
        await grant(ctx.store, owner, id, 'owner');
        expect((await owner.get(`/api/practices/${id}/report`)).status).toBe(200);
        expect((await owner.get(`/api/practices/${id}/report/monthly`)).status).toBe(200);
      }
      expect(cacheStats(ctx.store)).toMatchObject({ computes: 4, hits: warmed.hits + 4 });
    } finally {
      await server.close();
    }
  });

  it('warms a written practice again once writes pause, and waits while requests are served', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    let busy = true;
    const warmer = startWarming(ctx.store, { debounceMs: 20, busy: () => busy });
    try {
      // Nothing starts while a request is being served.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(cacheStats(ctx.store).computes).toBe(0);
      busy = false;
      await warmer.idle();
      expect(cacheStats(ctx.store).computes).toBe(2);

      const app = buildApp(ctx.store);
      const owner = await signedUp(app, 'owner@example.com');
      await grant(ctx.store, owner, id, 'owner');
      const body = { date: '2024-03-03', amount: 19_700, currency: 'USD', offerId: 'o2' };
      expect((await owner.post(`/api/practices/${id}/payments`, body)).status).toBe(201);
      warmer.touched(id);
      warmer.touched(id); // debounced: warmed once
      await warmer.idle();
      expect(cacheStats(ctx.store).computes).toBe(4);
      const before = cacheStats(ctx.store);
      expect((await owner.get(`/api/practices/${id}/report`)).status).toBe(200);
      expect((await owner.get(`/api/practices/${id}/report/monthly`)).status).toBe(200);
      expect(cacheStats(ctx.store)).toMatchObject({ computes: 4, hits: before.hits + 2 });
    } finally {
      await warmer.stop();
    }
  });

  it('warms a practice written by another process (a CLI import into the same database)', async () => {
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    const other = await openStore(ctx.database.target);
    const watching = startWarming(ctx.store, { debounceMs: 20, watchMs: 20, watchDebounceMs: 20 });
    try {
      await watching.idle();
      const warmed = cacheStats(ctx.store).computes;
      const revenue = async () =>
        (JSON.parse(await reportJson(ctx.store, id)) as { totals: { revenue: number } }).totals
          .revenue;
      const before = await revenue();
      // Reading unchanged revisions warms nothing.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cacheStats(ctx.store).computes).toBe(warmed);

      await insertRecord(other.db, COLLECTIONS.payments, id, {
        id: 'from-elsewhere',
        date: '2024-03-03',
        amount: 19_700,
        currency: 'USD',
        fee: 0,
        offerId: 'o2',
      });
      // The warmer sees the write: the report and monthly series, computed once.
      await vi.waitFor(() => expect(cacheStats(ctx.store).computes).toBe(warmed + 2), {
        timeout: 5_000,
        interval: 20,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cacheStats(ctx.store).computes).toBe(warmed + 2);
      expect(await revenue()).toBeCloseTo(before + 197, 2);
      expect(cacheStats(ctx.store).computes).toBe(warmed + 2);
    } finally {
      await watching.stop();
      await other.close();
    }
  });

  it('is off with warm: false (--no-warm) or FULCRUM_WARM=0', async () => {
    await importPractice(ctx.store, 'Tidewater Coaching');
    const server = await startServer({
      store: ctx.store,
      port: 0,
      host: '127.0.0.1',
      webDir: null,
      warm: false,
    });
    await server.close();
    expect(server.warmer).toBeNull();
    expect(cacheStats(ctx.store).computes).toBe(0);
    expect(warmingEnabled({})).toBe(true);
    expect(warmingEnabled({ FULCRUM_WARM: '1' })).toBe(true);
    for (const off of ['0', 'off', 'false', 'no', ' OFF ']) {
      expect(warmingEnabled({ FULCRUM_WARM: off })).toBe(false);
    }
  });

  it('tells the warmer which practice a successful request other than GET may have written', async () => {
    const written: number[] = [];
    let most = 0;
    const activity: SiteActivity = {
      inFlight: 0,
      lastDone: Number.NEGATIVE_INFINITY,
      wrote: (id) => written.push(id),
    };
    const site = buildSite(
      { store: ctx.store, port: 0, host: '127.0.0.1', webDir: null },
      activity,
    );
    const seen = site.request('/api/practices/7/report');
    most = Math.max(most, activity.inFlight);
    await seen;
    // Refused writes (signed out, not a member, no such practice) wrote nothing.
    await site.request('/api/practices/7/payments', { method: 'POST', body: '{}' });
    await site.request('/api/practices/12', { method: 'PATCH', body: '{}' });
    await site.request('/api/practices', { method: 'POST', body: '{}' });
    await site.request('/healthz');
    await site.request('/p/7/dashboard');
    expect(written).toEqual([]);
    const owner = await signedUp(
      site as unknown as Parameters<typeof signedUp>[0],
      'o@example.com',
    );
    const id = await importPractice(ctx.store, 'Warm writes');
    await grant(ctx.store, owner, id, 'owner');
    expect((await owner.patch(`/api/practices/${id}`, { niche: 'teachers' })).status).toBe(200);
    expect((await owner.patch(`/api/practices/${id + 1000}`, { niche: 'x' })).status).toBe(404);
    expect(written).toEqual([id]);
    expect(most).toBe(1);
    expect(activity.inFlight).toBe(0);
    expect(activity.lastDone).toBeGreaterThan(0);
  });
});
