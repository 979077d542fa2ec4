/**
 * The forecast routes on both engines, on the demo practice: POST …/forecast answers the
 * domain's forecast of the same records (what `fulcrum forecast --json` prints), any
 * member may ask, the body is checked at the edge, and the model of GET …/forecast/model
 * simulates in another process (the page's worker) to the very same numbers.
 */
import { expect, it } from 'vitest';
import { recreateDemo } from '../src/app/demo.ts';
import { cacheStats } from '../src/app/report-cache.ts';
import { generateDemo } from '../src/domain/demo/index.ts';
import {
  decodeModel,
  forecast,
  historySeries,
  type ScenarioInput,
  simulateForecast,
} from '../src/domain/forecast/index.ts';
import { buildApp, grant, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

const END = '2026-10-31';
const raise: ScenarioInput = {
  name: 'Raise 10%',
  changes: [{ type: 'raise_rates', raisePercent: 10, clientLossPercent: 5 }],
};
const course: ScenarioInput = {
  name: 'Course',
  changes: [
    {
      type: 'launch_offer',
      name: 'Course',
      kind: 'info_product',
      price: 197,
      creationHours: 60,
      creationMonths: 2,
      upkeepHoursPerMonth: 6,
      salesRamp: [2, 4, 6],
    },
  ],
};

describeEachEngine('API: forecast', (ctx) => {
  async function world() {
    const app = buildApp(ctx.store);
    const owner = await signedUp(app, 'owner@example.com');
    const advisor = await signedUp(app, 'advisor@example.com');
    const demo = (await recreateDemo(ctx.store, { endDate: END })).practice.id;
    await grant(ctx.store, owner, demo, 'owner');
    await grant(ctx.store, advisor, demo, 'advisor');
    return { app, owner, advisor, demo, url: `/api/practices/${demo}/forecast` };
  }

  it("answers the domain's forecast of the practice, to an advisor too", async () => {
    const { owner, advisor, url } = await world();
    const body = { months: 6, runs: 1000, seed: 3, scenarios: [raise, course] };
    const r = await owner.post(url, body);
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    const expected = forecast(generateDemo({ endDate: END }), body);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(expected)));
    const document = r.body as typeof expected;
    expect(document.months).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
    ]);
    expect(document.scenarios.map((s) => s.name)).toEqual(['Raise 10%', 'Course']);
    // The course costs hours in its first months, before it sells.
    expect(document.scenarios[1]!.extraHours[0]!.p50).toBeGreaterThan(0);
    const computed = cacheStats(ctx.store).computes;
    const asAdvisor = await advisor.post(url, body);
    expect(asAdvisor.status).toBe(200);
    expect(asAdvisor.text).toBe(r.text);
    // The same question on the same data is answered from the cache; a write recomputes.
    expect(cacheStats(ctx.store).computes).toBe(computed);
    const practice = url.replace(/\/forecast$/, '');
    expect((await owner.patch(practice, { niche: 'new grads' })).status).toBe(200);
    expect((await advisor.post(url, body)).text).toBe(r.text);
    expect(cacheStats(ctx.store).computes).toBe(computed + 1);
  });

  it('uses the defaults: 24 months, 2,000 runs, seed 7, no scenario', async () => {
    const { owner, url } = await world();
    const r = await owner.post(url, {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ runs: 2000, seed: 7, scenarios: [] });
    expect((r.body as { months: string[] }).months).toHaveLength(24);
  });

  it('gives the model the page simulates on: the same numbers as the route', async () => {
    const { advisor, url } = await world();
    const got = await advisor.get(`${url}/model`);
    expect(got.status).toBe(200);
    expect(got.text.length).toBeLessThan(200_000);
    const model = decodeModel(got.body);
    const history = (got.body as { history: { months: string[]; revenue: number[] } }).history;
    expect(history).toEqual(historySeries(generateDemo({ endDate: END })));
    expect(history.months.at(-1)).toBe('2026-10');
    const options = { months: 12, runs: 1000, seed: 9, scenarios: [course] };
    const asked = await advisor.post(url, options);
    expect(JSON.parse(JSON.stringify(simulateForecast(model, options)))).toEqual(asked.body);
  });

  it('checks the body at the edge, naming each problem', async () => {
    const { owner, url } = await world();
    const cases: [unknown, string][] = [
      [{ months: 37 }, 'body.months'],
      [{ months: 0 }, 'body.months'],
      [{ months: 2.5 }, 'body.months'],
      [{ runs: 999 }, 'body.runs'],
      [{ runs: 10_001 }, 'body.runs'],
      [{ seed: 'seven' }, 'body.seed'],
      [{ horizon: 12 }, 'body'],
      [{ scenarios: [{ name: 'No changes', changes: [] }] }, 'body.scenarios.0.changes'],
      [
        { scenarios: [{ name: 'x', changes: [{ type: 'raise_rates' }] }] },
        'body.scenarios.0.changes.0.raisePercent',
      ],
      [
        { scenarios: Array.from({ length: 7 }, (_, i) => ({ ...raise, name: `s${i}` })) },
        'body.scenarios',
      ],
    ];
    for (const [body, path] of cases) {
      const r = await owner.post(url, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const error = r.body as { code: string; problems: { path: string }[] };
      expect(error.code).toBe('invalid_input');
      expect(
        error.problems.map((p) => p.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const twice = await owner.post(url, { scenarios: [raise, raise] });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ code: 'invalid_scenario' });
    expect((twice.body as { message: string }).message).toMatch(/scenarios\[1\]: name/);
  });

  it('answers no_data (422) for a practice with no records yet', async () => {
    const { app } = await world();
    const ana = await signedUp(app, 'ana@example.com');
    const created = await ana.post('/api/practices', { name: 'New', currency: 'EUR' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    for (const r of [
      await ana.post(`/api/practices/${id}/forecast`, {}),
      await ana.get(`/api/practices/${id}/forecast/model`),
    ]) {
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'no_data' });
    }
  });
});
