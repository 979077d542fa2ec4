/**
 * Scenario `forecast` (issues #6 and #7): the seeded Monte Carlo forecast of the demo
 * practice, 2,000 runs × 36 months, as `fulcrum forecast --months 36` computes it (target:
 * under 0.5 s), against a plain loop drawing as many random numbers from the same PRNG
 * as the simulation draws — the floor of any simulation of that many draws.
 *
 * The demo practice is the same whatever `--size` (the forecast reads a practice's
 * months, not its row count); `--smoke` only cuts the timed runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../../src/domain/demo/index.ts';
import { Rng, toSeed } from '../../src/domain/demo/random.ts';
import {
  type ForecastModel,
  fitForecastModel,
  forecast,
  type ScenarioInput,
  simulateForecast,
} from '../../src/domain/forecast/index.ts';
import type { PracticeData } from '../../src/domain/model.ts';
import type { Scenario } from '../harness.ts';

/** The size the issue asks for. */
export const FORECAST_SIZE = { months: 36, runs: 2000, seed: 7 } as const;
const END = '2026-10-31';
const EXAMPLES = path.resolve(import.meta.dirname, '../../examples/scenarios');

interface State {
  data: PracticeData;
  model: ForecastModel;
  scenarios: ScenarioInput[];
  /** Random numbers one baseline simulation draws. */
  draws: number;
}

/** Counts the draws of `run` by wrapping the PRNG's one source of numbers. */
function countDraws(run: () => unknown): number {
  const next = Rng.prototype.next;
  let count = 0;
  Rng.prototype.next = function counted(this: Rng) {
    count++;
    return next.call(this);
  };
  try {
    run();
  } finally {
    Rng.prototype.next = next;
  }
  return count;
}

export const forecastScenario: Scenario<State> = {
  name: 'forecast',
  description:
    'simulateForecast of the demo practice, 2,000 runs × 36 months (fitted once), against a plain loop drawing as many numbers from the same PRNG',
  headline: 'simulate',

  async setup() {
    let start = performance.now();
    const data = generateDemo({ endDate: END });
    const generateMs = performance.now() - start;
    start = performance.now();
    const model = fitForecastModel(data);
    const fitMs = performance.now() - start;
    const scenarios = ['raise-rates.json', 'more-conversations.json', 'launch-course.json'].map(
      (f) => JSON.parse(readFileSync(path.join(EXAMPLES, f), 'utf8')) as ScenarioInput,
    );
    const draws = countDraws(() => simulateForecast(model, FORECAST_SIZE));
    return {
      state: { data, model, scenarios, draws },
      records: {
        payments: data.payments.length,
        timeEntries: data.timeEntries.length,
        clients: data.clients.length,
        conversations: data.conversations.length,
      },
      setup: {
        generateMs: Math.round(generateMs),
        fitMs: Math.round(fitMs * 10) / 10,
        method: model.method,
        historyMonths: model.history.months,
        templates: model.pool.count,
        runs: FORECAST_SIZE.runs,
        months: FORECAST_SIZE.months,
        drawsPerSimulation: draws,
      },
      dispose: async () => {},
    };
  },

  measures: [
    {
      name: 'simulate',
      description:
        'simulateForecast(model, { months: 36, runs: 2000, seed: 7 }): the baseline only',
      run: ({ model }) => simulateForecast(model, FORECAST_SIZE),
    },
    {
      name: 'full',
      description:
        'forecast(data, …): read the history, fit and simulate, as the CLI and the API do after loading',
      run: ({ data }) => forecast(data, FORECAST_SIZE),
    },
    {
      name: 'fit',
      description: 'fitForecastModel(data): history and fit only (what GET …/forecast/model does)',
      run: ({ data }) => fitForecastModel(data),
    },
    {
      name: 'scenarios',
      description:
        'simulateForecast with the three example scenarios (4 plans on the same worlds), as the page recomputes',
      run: ({ model, scenarios }) => simulateForecast(model, { ...FORECAST_SIZE, scenarios }),
    },
  ],

  baseline: {
    name: 'draws',
    description:
      'a loop drawing the same count of numbers from the same PRNG (mulberry32) as one simulate, summed',
    run: ({ draws }) => {
      const rng = new Rng(toSeed(FORECAST_SIZE.seed));
      let sum = 0;
      for (let i = 0; i < draws; i++) sum += rng.next();
      return sum;
    },
  },
};
