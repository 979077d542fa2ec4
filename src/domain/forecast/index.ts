/**
 * What-if and forecast (issue #6): a seeded Monte Carlo simulation of the practice's
 * next months built from its own history, for the baseline and for scenarios, each month
 * as P10/P50/P90 of revenue, hours and revenue per hour. Pure: `asOf` and `seed` are
 * parameters, nothing reads a clock, and it runs as well in a Web Worker as in Node.
 *
 * Two steps, so a scenario editor can re-simulate without re-reading the data:
 * `fitForecastModel(data, options)` (plain data, structured-cloneable) then
 * `simulateForecast(model, options)`. `forecast(data, options)` does both.
 */
import type { IsoDate } from '../dates.ts';
import { isIsoDate } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import type { Forecast, ScenarioForecast } from './document.ts';
import { ForecastError } from './errors.ts';
import { extractHistory, latestRecordDate } from './history.ts';
import { type ForecastModel, fitModel } from './model.ts';
import { monthLabel } from './months.ts';
import { baselinePlan, compileScenario } from './plans.ts';
import { readScenario } from './scenario-read.ts';
import type { Scenario, ScenarioInput } from './scenario-schema.ts';
import { extraHoursOf, runPlans, seriesOf } from './simulate.ts';

export type { Band, Forecast, ForecastSeries, ScenarioForecast, Summary } from './document.ts';
export { ForecastError, type ForecastErrorCode, isForecastError } from './errors.ts';
export { extractHistory, type PracticeHistory } from './history.ts';
export type { ForecastMethod, ForecastModel } from './model.ts';
export { readScenario, type ScenarioProblem, type ScenarioResult } from './scenario-read.ts';
export {
  CHANGE_TYPES,
  type Scenario,
  type ScenarioChange,
  type ScenarioInput,
  scenarioSchema,
} from './scenario-schema.ts';
export { type HistorySeries, historySeries } from './series.ts';
export { decodeModel, type EncodedModel, encodeModel, MODEL_FORMAT } from './transfer.ts';

export const FORECAST_DEFAULTS = { months: 24, runs: 2000, seed: 7, historyMonths: 24 } as const;
export const FORECAST_LIMITS = {
  months: [1, 60],
  runs: [1000, 100_000],
  historyMonths: [3, 120],
} as const;

export interface FitOptions {
  /** Last day of history; default the date of the latest payment, time entry, cost or conversation. */
  asOf?: IsoDate;
  /** Months of history the model is fitted on (the most recent ones); default 24. */
  historyMonths?: number;
}

export interface SimulateOptions {
  /** Forecast months; default 24. */
  months?: number;
  /** Simulated runs, at least 1,000; default 2,000. */
  runs?: number;
  /** Any number; default 7. */
  seed?: number;
  /** Validated again here, so raw JSON (an API body, the web editor) may be passed. */
  scenarios?: readonly (Scenario | ScenarioInput)[];
}

export type ForecastOptions = FitOptions & SimulateOptions;

function wholeIn(name: keyof typeof FORECAST_LIMITS, value: number | undefined): number {
  const [min, max] = FORECAST_LIMITS[name];
  const v = value ?? FORECAST_DEFAULTS[name];
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ForecastError(
      'invalid_option',
      `${name} must be a whole number from ${min} to ${max} (got ${v})`,
      {
        option: name,
      },
    );
  }
  return v;
}

/**
 * Reads the practice's history and fits the model.
 * @throws ForecastError `invalid_option`, `no_data` (under 3 full months), `missing_rate`.
 * @example const model = fitForecastModel(generateDemo(), { asOf: '2026-10-31' });
 */
export function fitForecastModel(data: PracticeData, options: FitOptions = {}): ForecastModel {
  const historyMonths = wholeIn('historyMonths', options.historyMonths);
  const asOf = options.asOf ?? latestRecordDate(data);
  if (asOf === null) {
    throw new ForecastError(
      'no_data',
      'the practice has no payments, time entries, costs or conversations yet',
    );
  }
  if (!isIsoDate(asOf)) {
    throw new ForecastError('invalid_option', `asOf "${asOf}" is not a date written YYYY-MM-DD`, {
      option: 'asOf',
    });
  }
  return fitModel(extractHistory(data, asOf), asOf, historyMonths);
}

function validScenarios(inputs: readonly (Scenario | ScenarioInput)[]): Scenario[] {
  const seen = new Map<string, number>();
  return inputs.map((input, i) => {
    const result = readScenario(input);
    if (!result.ok) {
      const first = result.problems[0]!;
      throw new ForecastError(
        'invalid_scenario',
        `scenarios[${i}].${first.path}: ${first.message}`,
        { scenario: i, path: first.path, problem: first.message },
      );
    }
    const name = result.scenario.name;
    if (seen.has(name)) {
      throw new ForecastError(
        'invalid_scenario',
        `scenarios[${i}].name: "${name}" is also the name of scenarios[${seen.get(name)}]`,
        {
          scenario: i,
          path: 'name',
          problem: `"${name}" is the name of another scenario too`,
        },
      );
    }
    seen.set(name, i);
    return result.scenario;
  });
}

/**
 * Simulates a fitted model: the baseline and each scenario, `runs` times.
 * @throws ForecastError `invalid_option`, `invalid_scenario` (with `details.scenario` its index).
 */
export function simulateForecast(model: ForecastModel, options: SimulateOptions = {}): Forecast {
  const months = wholeIn('months', options.months);
  const runs = wholeIn('runs', options.runs);
  const seed = options.seed ?? FORECAST_DEFAULTS.seed;
  if (!Number.isFinite(seed)) {
    throw new ForecastError('invalid_option', `seed must be a number (got ${seed})`, {
      option: 'seed',
    });
  }
  const scenarios = validScenarios(options.scenarios ?? []);
  const plans = [
    baselinePlan(model, months),
    ...scenarios.map((s, i) => {
      try {
        return compileScenario(model, s, months);
      } catch (error) {
        if (error instanceof ForecastError) {
          throw new ForecastError(error.code, error.message, { ...error.details, scenario: i });
        }
        throw error;
      }
    }),
  ];
  const results = runPlans(model, plans, months, runs, seed);
  const baseline = results[0]!;
  const labels = Array.from({ length: months }, (_, h) => monthLabel(model.start + h));
  const quarters = [];
  for (let q = 0; q < months; q += 3) {
    const from = labels[q]!;
    const to = labels[Math.min(months, q + 3) - 1]!;
    quarters.push({ label: from === to ? from : `${from} – ${to}`, from, to });
  }
  return {
    asOf: model.asOf,
    currency: model.currency,
    months: labels,
    quarters,
    runs,
    seed,
    model: {
      method: model.method,
      notes: model.notes,
      history: {
        from: monthLabel(model.history.from),
        to: monthLabel(model.history.to),
        months: model.history.months,
      },
      window: {
        from: monthLabel(model.window.from),
        to: monthLabel(model.history.to),
        months: model.window.months,
      },
      clientMonths: model.span,
      templates: model.pool.count,
      clientsInFlight: model.inflight.count,
      capacityHoursPerWeek: model.capacityHoursPerWeek,
    },
    baseline: seriesOf(baseline, months, runs, model.currency),
    scenarios: scenarios.map((s, i): ScenarioForecast => {
      const r = results[i + 1]!;
      const extra = extraHoursOf(r, baseline, months, runs);
      return {
        name: s.name,
        description: s.description ?? null,
        changes: s.changes,
        ...seriesOf(r, months, runs, model.currency),
        extraHours: extra.perMonth,
        quarterExtraHours: extra.perQuarter,
        totalExtraHours: extra.total,
      };
    }),
  };
}

/**
 * Fits and simulates in one call.
 * @example
 * const f = forecast(generateDemo(), { asOf: '2026-10-31', months: 12, seed: 7 });
 * f.baseline.revenue[0] // { p10: …, p50: …, p90: … } for 2026-11
 */
export function forecast(data: PracticeData, options: ForecastOptions = {}): Forecast {
  return simulateForecast(fitForecastModel(data, options), options);
}
