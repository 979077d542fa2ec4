/**
 * `GET …/report/monthly` on both engines: each month equals the report route's own
 * stream figures for that month as the period, the period defaults are the report's, a
 * write shows in the next answer, and bad periods are refused like the report's.
 */
import { expect, it } from 'vitest';
import type { MonthlySeries } from '../src/app/monthly.ts';
import { buildReport } from '../src/app/report.ts';
import { cacheStats } from '../src/app/report-cache.ts';
import type { Report } from '../src/domain/analysis/report.ts';
import { buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('API: the monthly series', (ctx) => {
  async function world() {
    const app = buildApp(ctx.store);
    const owner = await signedUp(app, 'owner@example.com');
    const advisor = await signedUp(app, 'ana@example.com');
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, owner, id, 'owner');
    await grant(ctx.store, advisor, id, 'advisor');
    return { owner, advisor, id, base: `/api/practices/${id}` };
  }

  it("answers each month with the report's stream figures of that month", async () => {
    const { owner, advisor, base, id } = await world();
    // More months and streams than the small bundle has: EUR too, refunds, costs.
    const writes = [
      ['payments', { date: '2024-03-03', amount: 19_700, currency: 'USD', offerId: 'o2' }],
      ['payments', { date: '2024-03-20', amount: 15_000, currency: 'EUR', offerId: 'o1' }],
      ['payments', { date: '2024-04-02', amount: 15_000, currency: 'USD', offerId: 'o1' }],
      ['time-entries', { date: '2024-03-04', hours: 1.25, activity: 'delivery', offerId: 'o1' }],
      ['time-entries', { date: '2024-03-28', hours: 2, activity: 'admin', offerId: 'o2' }],
      ['time-entries', { date: '2024-04-19', hours: 0.5, activity: 'delivery', offerId: 'o1' }],
      ['costs', { date: '2024-03-15', amount: 2_500, currency: 'USD', offerId: 'o2' }],
    ] as const;
    for (const [collection, body] of writes) {
      const created = await owner.post(`${base}/${collection}`, body);
      expect(created.status, created.text).toBe(201);
    }
    const r = await advisor.get(`${base}/report/monthly?from=2023-12-10&to=2024-04-20`);
    expect(r.status).toBe(200);
    const series = r.body as MonthlySeries;
    expect(series.period).toEqual({ from: '2023-12-10', to: '2024-04-20', days: 133 });
    expect(series.currency).toBe('USD');
    expect(series.months.map((m) => [m.month, m.from, m.to])).toEqual([
      ['2023-12', '2023-12-10', '2023-12-31'],
      ['2024-01', '2024-01-01', '2024-01-31'],
      ['2024-02', '2024-02-01', '2024-02-29'],
      ['2024-03', '2024-03-01', '2024-03-31'],
      ['2024-04', '2024-04-01', '2024-04-20'],
    ]);
    let streams = 0;
    for (const m of series.months) {
      let report: Report | null = null;
      try {
        report = await buildReport(ctx.store, id, { from: m.from, to: m.to });
      } catch (error) {
        expect(error).toMatchObject({ code: 'no_data' });
      }
      const expected: MonthlySeries['months'][number]['streams'] = {};
      for (const s of report?.streams ?? []) {
        if (s.revenue === 0 && s.hours.total === 0) continue;
        expected[s.offerId] = {
          revenue: s.revenue,
          hours: s.hours.total,
          effectiveHourlyRate: s.effectiveHourlyRate,
        };
      }
      expect(m.streams, m.month).toEqual(expected);
      streams += Object.keys(m.streams).length;
    }
    expect(streams).toBe(4);
  });

  it("takes the report's period by default, is kept until a write, and follows it", async () => {
    const { owner, advisor, base } = await world();
    const report = (await advisor.get(`${base}/report`)).body as Report;
    const before = (await advisor.get(`${base}/report/monthly`)).body as MonthlySeries;
    expect(before.period).toEqual(report.period);
    const last = before.months.at(-1)!;
    const created = await owner.post(`${base}/payments`, {
      date: last.to,
      amount: 12_345,
      currency: 'USD',
      offerId: 'o1',
    });
    expect(created.status).toBe(201);
    const after = (await advisor.get(`${base}/report/monthly`)).body as MonthlySeries;
    // Asked again with no write between: kept, not computed again.
    const computes = cacheStats(ctx.store).computes;
    expect((await advisor.get(`${base}/report/monthly`)).body).toEqual(after);
    expect(cacheStats(ctx.store).computes).toBe(computes);
    const was = last.streams.o1?.revenue ?? 0;
    expect(after.months.at(-1)!.streams.o1!.revenue).toBeCloseTo(was + 123.45, 6);
    expect(after.months.slice(0, -1)).toEqual(before.months.slice(0, -1));
  });

  it('refuses bad periods as the report does', async () => {
    const { advisor, base } = await world();
    expect((await advisor.get(`${base}/report/monthly?to=2024-13-01`)).status).toBe(400);
    const empty = await advisor.get(`${base}/report/monthly?from=2030-01-01&to=2030-12-31`);
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'no_data' });
    const query = '?from=2024-05-01&to=2024-01-01';
    const reversed = await advisor.get(`${base}/report/monthly${query}`);
    expect(reversed.body).toMatchObject({ code: 'invalid_period' });
    expect(reversed.status).toBe((await advisor.get(`${base}/report${query}`)).status);
    // Far-off dates: refused at once (not 1M months of work and a 500), or a real answer.
    const long = await advisor.get(`${base}/report/monthly?from=1000-01-01&to=9999-12-31`);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'invalid_input' });
    const last = await advisor.get(`${base}/report/monthly?to=9999-12-31`);
    expect(last.status).toBe(422);
    expect(last.body).toMatchObject({ code: 'no_data' });
  });
});
