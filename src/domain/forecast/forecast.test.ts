import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/index.ts';
import type { Band, Forecast, ForecastSeries, ScenarioInput } from './index.ts';
import { fitForecastModel, forecast, isForecastError, simulateForecast } from './index.ts';
import { baselinePlan, compileScenario } from './plans.ts';
import { readScenario } from './scenario-read.ts';
import { runPlans } from './simulate.ts';
import { SYNTHETIC_DEFAULTS, syntheticPractice } from './synthetic.ts';

const demo = generateDemo({ endDate: '2026-10-31' });
const demoModel = fitForecastModel(demo);
const quick = { months: 12, runs: 1000, seed: 7 } as const;

const raise = (loss: number): ScenarioInput => ({
  name: `Raise 10% losing ${loss}%`,
  changes: [{ type: 'raise_rates', raisePercent: 10, clientLossPercent: loss }],
});
const course: ScenarioInput = {
  name: 'Course',
  changes: [
    {
      type: 'launch_offer',
      name: 'Course',
      kind: 'info_product',
      price: 197,
      creationHours: 120,
      creationMonths: 3,
      upkeepHoursPerMonth: 10,
      salesRamp: [3, 6, 8, 10],
    },
  ],
};

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isForecastError(error)) return error;
    throw error;
  }
  throw new Error('expected a ForecastError');
}

function bandsOf(f: Forecast): Band[] {
  const all: Band[] = [];
  const add = (s: ForecastSeries) => {
    all.push(...s.revenue, ...s.hours, s.total.revenue, s.total.hours);
    for (const r of s.effectiveHourlyRate) if (r) all.push(r);
    for (const q of s.quarters) all.push(q.revenue, q.hours);
  };
  add(f.baseline);
  for (const s of f.scenarios) {
    add(s);
    all.push(...s.extraHours, ...s.quarterExtraHours, s.totalExtraHours);
  }
  return all;
}

describe('forecast', () => {
  it('gives the same numbers for the same seed, and other numbers for another', () => {
    const options = { ...quick, scenarios: [raise(5), course] };
    const first = simulateForecast(demoModel, options);
    expect(simulateForecast(fitForecastModel(demo), options)).toEqual(first);
    expect(forecast(demo, options)).toEqual(first);
    expect(simulateForecast(demoModel, { ...options, seed: 8 }).baseline).not.toEqual(
      first.baseline,
    );
  });

  it('keeps a scenario’s numbers whatever other scenarios run beside it', () => {
    const alone = simulateForecast(demoModel, { ...quick, scenarios: [course] });
    const together = simulateForecast(demoModel, { ...quick, scenarios: [raise(5), course] });
    expect(together.scenarios[1]).toEqual(alone.scenarios[0]);
    expect(together.baseline).toEqual(alone.baseline);
  });

  it('orders every band: P10 ≤ P50 ≤ P90', () => {
    const f = simulateForecast(demoModel, {
      months: 36,
      runs: 1000,
      scenarios: [
        raise(5),
        course,
        { name: 'Talk more', changes: [{ type: 'more_conversations', perWeek: 2 }] },
      ],
    });
    const bands = bandsOf(f);
    expect(bands.length).toBeGreaterThan(500);
    for (const b of bands) {
      expect(b.p10).toBeLessThanOrEqual(b.p50);
      expect(b.p50).toBeLessThanOrEqual(b.p90);
    }
  });

  it('labels the months after the last full month of history, in quarters too', () => {
    const f = simulateForecast(demoModel, { ...quick, months: 7 });
    expect(f.asOf).toBe('2026-10-31');
    expect(f.months).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
    ]);
    expect(f.quarters.map((q) => q.label)).toEqual([
      '2026-11 – 2027-01',
      '2027-02 – 2027-04',
      '2027-05',
    ]);
    expect(f.model.method).toBe('block_bootstrap');
    expect(f.model.window).toEqual({ from: '2024-11', to: '2026-10', months: 24 });
    expect(f.model.notes.join(' ')).toContain('What it cannot know');
  });

  it('raising rates with no client loss raises the P50 revenue in every month', () => {
    const f = simulateForecast(demoModel, { ...quick, scenarios: [raise(0)] });
    const raised = f.scenarios[0]!;
    f.months.forEach((_, i) => {
      expect(raised.revenue[i]!.p50).toBeGreaterThan(f.baseline.revenue[i]!.p50);
      // Nobody leaves and nobody new comes: the same hours in every run.
      expect(raised.extraHours[i]).toEqual({ p10: 0, p50: 0, p90: 0 });
    });
    expect(raised.total.revenue.p50).toBeGreaterThan(f.baseline.total.revenue.p50 * 1.05);
  });

  it('a launch carries its creation hours, then its upkeep, in the extra hours', () => {
    const data = syntheticPractice(3, { ...SYNTHETIC_DEFAULTS, weeklyCapacityHours: null });
    const f = forecast(data, { ...quick, asOf: '2024-12-31', scenarios: [course] });
    const extra = f.scenarios[0]!.extraHours;
    for (const m of [0, 1, 2]) expect(extra[m]).toEqual({ p10: 40, p50: 40, p90: 40 });
    for (const m of [3, 4, 11]) expect(extra[m]).toEqual({ p10: 10, p50: 10, p90: 10 });
    expect(f.scenarios[0]!.totalExtraHours.p50).toBe(120 + 9 * 10);
    // Sales start after the three months of creation.
    expect(f.scenarios[0]!.revenue[2]).toEqual(f.baseline.revenue[2]);
    expect(f.scenarios[0]!.revenue[5]!.p50).toBeGreaterThan(f.baseline.revenue[5]!.p50);
  });

  it('does not sell work beyond the weekly capacity', () => {
    const capacity = 20;
    const data = syntheticPractice(5, {
      ...SYNTHETIC_DEFAULTS,
      arrivals: 2,
      hoursPerClientMonth: 3,
      overhead: 4,
      overheadSd: 0.5,
      weeklyCapacityHours: capacity,
    });
    const model = fitForecastModel(data, { asOf: '2024-12-31' });
    const months = 12;
    const scenario = (changes: ScenarioInput['changes']) => {
      const read = readScenario({ name: 'more', changes });
      if (!read.ok) throw new Error('bad scenario');
      return compileScenario(model, read.scenario, months);
    };
    const busy = [{ type: 'more_conversations', perWeek: 15, closeRatePercent: 80 }] as const;
    const plans = [
      baselinePlan(model, months),
      scenario([...busy]),
      scenario([...busy, { type: 'capacity', hoursPerWeek: 168 }]),
    ];
    const [, capped, free] = runPlans(model, plans, months, 1000, 7);
    let over = 0;
    for (let h = 0; h < months; h++) {
      const limit = (capacity * new Date(Date.UTC(2025, h + 1, 0)).getUTCDate()) / 7;
      for (let r = 0; r < 1000; r++) {
        // In-flight clients are already sold; beyond them, nothing past the limit.
        if (h >= 6) expect(capped!.hours[h * 1000 + r]).toBeLessThanOrEqual(limit + 1e-6);
        if (free!.hours[h * 1000 + r]! > limit) over++;
      }
    }
    expect(over).toBeGreaterThan(1000);
  });

  it('fits distributions on a thin history and says so', () => {
    const data = syntheticPractice(9, { ...SYNTHETIC_DEFAULTS, months: 8 });
    const f = forecast(data, { ...quick, asOf: '2022-08-31' });
    expect(f.model.method).toBe('fitted');
    expect(f.model.notes.join(' ')).toContain('fitted distributions');
    expect(f.baseline.revenue[0]!.p90).toBeGreaterThan(f.baseline.revenue[0]!.p10);
  });

  it('refuses options out of range and scenarios the history cannot support', () => {
    expect(errorOf(() => simulateForecast(demoModel, { runs: 999 })).message).toBe(
      'runs must be a whole number from 1000 to 100000 (got 999)',
    );
    expect(errorOf(() => simulateForecast(demoModel, { months: 0 })).code).toBe('invalid_option');
    expect(errorOf(() => fitForecastModel(demo, { asOf: '2026-13-01' })).code).toBe(
      'invalid_option',
    );
    const shift = errorOf(() =>
      simulateForecast(demoModel, {
        ...quick,
        scenarios: [
          raise(5),
          {
            name: 'TikTok',
            changes: [
              { type: 'shift_marketing', hoursPerMonth: 2, from: 'instagram', to: 'tiktok' },
            ],
          },
        ],
      }),
    );
    expect(shift.code).toBe('invalid_scenario');
    expect(shift.details).toMatchObject({ scenario: 1, path: 'changes[0].to' });
    expect(shift.message).toContain('no marketing hours logged for "tiktok"');
    const same = errorOf(() => simulateForecast(demoModel, { scenarios: [raise(5), raise(5)] }));
    expect(same.message).toBe(
      'scenarios[1].name: "Raise 10% losing 5%" is also the name of scenarios[0]',
    );
    const bad = errorOf(() =>
      simulateForecast(demoModel, { scenarios: [{ name: 'x', changes: [] } as ScenarioInput] }),
    );
    expect(bad.details).toMatchObject({ scenario: 0, path: 'changes' });
    const silent = syntheticPractice(2);
    silent.conversations = [];
    const talk = errorOf(() =>
      forecast(silent, {
        asOf: '2024-12-31',
        scenarios: [{ name: 'Talk', changes: [{ type: 'more_conversations', perWeek: 1 }] }],
      }),
    );
    expect(talk.details).toMatchObject({ path: 'changes[0].closeRatePercent' });
  });

  it('moves new clients between channels with their measured yield', () => {
    const f = simulateForecast(demoModel, {
      ...quick,
      scenarios: [
        {
          name: 'Podcasts',
          changes: [
            { type: 'shift_marketing', hoursPerMonth: 4, from: 'instagram', to: 'podcast' },
          ],
        },
      ],
    });
    const shifted = f.scenarios[0]!;
    expect(shifted.total.revenue.p50).not.toBe(f.baseline.total.revenue.p50);
    expect(
      errorOf(() =>
        simulateForecast(demoModel, {
          scenarios: [
            {
              name: 'Too much',
              changes: [
                { type: 'shift_marketing', hoursPerMonth: 400, from: 'instagram', to: 'podcast' },
              ],
            },
          ],
        }),
      ).details,
    ).toMatchObject({ path: 'changes[0].hoursPerMonth' });
  });
});
