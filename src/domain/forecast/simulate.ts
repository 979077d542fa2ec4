/**
 * The Monte Carlo loop: for each run, one world (shared randomness), then the baseline
 * and every scenario evaluated on it, each with its own random stream; the runs'
 * revenue and hours kept in typed arrays (month-major) and summarised into bands.
 */
import { Rng, toSeed } from '../demo/random.ts';
import { minorDigits } from '../money.ts';
import type { Band, ForecastSeries, Summary } from './document.ts';
import { evaluate, type RunOutput } from './evaluate.ts';
import type { ForecastModel } from './model.ts';
import { band } from './percentiles.ts';
import type { Plan } from './plans.ts';
import { worldMaker } from './world.ts';

/** Every run's revenue (minor units) and hours, index `month × runs + run`. */
export interface PlanRuns {
  revenue: Float64Array;
  hours: Float64Array;
}

/**
 * Runs every plan `runs` times over `months` months. The first plan is the baseline.
 * Run r draws from `new Rng(toSeed(seed)).fork('run r')`, plan p from that run's
 * `fork('plan <name>')`: the same seed gives the same numbers, and a plan's numbers do
 * not depend on which other plans are run with it.
 */
export function runPlans(
  model: ForecastModel,
  plans: readonly Plan[],
  months: number,
  runs: number,
  seed: number,
): PlanRuns[] {
  const root = new Rng(toSeed(seed));
  const maker = worldMaker(model, months);
  const results = plans.map(() => ({
    revenue: new Float64Array(months * runs),
    hours: new Float64Array(months * runs),
  }));
  const out: RunOutput = { revenue: new Float64Array(months), hours: new Float64Array(months) };
  for (let r = 0; r < runs; r++) {
    const rng = root.fork(`run ${r}`);
    const world = maker.draw(rng);
    plans.forEach((plan, p) => {
      evaluate(model, plan, world, rng.fork(`plan ${plan.name}`), out);
      const result = results[p]!;
      for (let h = 0; h < months; h++) {
        result.revenue[h * runs + r] = out.revenue[h]!;
        result.hours[h * runs + r] = out.hours[h]!;
      }
    });
  }
  return results;
}

const two = (x: number) => Math.round(x * 100) / 100 || 0;
const apply = (b: Band | null, f: (x: number) => number): Band | null =>
  b && { p10: f(b.p10), p50: f(b.p50), p90: f(b.p90) };

/** Rounding of the document's figures: money to the minor unit in major units, the rest to 2 decimals. */
export function rounders(currency: string) {
  const scale = 10 ** minorDigits(currency);
  return {
    money: (b: Band | null) => apply(b, (minor) => Math.round(minor) / scale)!,
    hours: (b: Band | null) => apply(b, two)!,
    rate: (b: Band | null) => apply(b, (x) => two(x / scale)),
  };
}

/** revenue ÷ hours per run into `out`, NaN without hours. */
function ratio(revenue: Float64Array, hours: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) {
    out[i] = hours[i]! > 0 ? revenue[i]! / hours[i]! : Number.NaN;
  }
  return out;
}

/** Sums of months [from, to) per run, and their revenue ÷ hours. */
function summarize(
  r: PlanRuns,
  runs: number,
  from: number,
  to: number,
  round: ReturnType<typeof rounders>,
): Summary {
  const revenue = new Float64Array(runs);
  const hours = new Float64Array(runs);
  for (let h = from; h < to; h++) {
    for (let i = 0; i < runs; i++) {
      revenue[i]! += r.revenue[h * runs + i]!;
      hours[i]! += r.hours[h * runs + i]!;
    }
  }
  const rate = ratio(revenue, hours, new Float64Array(runs));
  return {
    revenue: round.money(band(revenue)),
    hours: round.hours(band(hours)),
    effectiveHourlyRate: round.rate(band(rate)),
  };
}

/** Month, quarter and whole-horizon bands of one plan's runs. */
export function seriesOf(
  r: PlanRuns,
  months: number,
  runs: number,
  currency: string,
): ForecastSeries {
  const round = rounders(currency);
  const series: ForecastSeries = {
    revenue: [],
    hours: [],
    effectiveHourlyRate: [],
    quarters: [],
    total: summarize(r, runs, 0, months, round),
  };
  for (let q = 0; q < months; q += 3) {
    series.quarters.push(summarize(r, runs, q, Math.min(months, q + 3), round));
  }
  const revenue = new Float64Array(runs);
  const hours = new Float64Array(runs);
  const rate = new Float64Array(runs);
  for (let h = 0; h < months; h++) {
    revenue.set(r.revenue.subarray(h * runs, (h + 1) * runs));
    hours.set(r.hours.subarray(h * runs, (h + 1) * runs));
    ratio(revenue, hours, rate);
    series.revenue.push(round.money(band(revenue)));
    series.hours.push(round.hours(band(hours)));
    series.effectiveHourlyRate.push(round.rate(band(rate)));
  }
  return series;
}

/** Bands of a plan's hours minus the baseline's, run by run: per month, per quarter, in total. */
export function extraHoursOf(plan: PlanRuns, baseline: PlanRuns, months: number, runs: number) {
  const diff = (from: number, to: number) => {
    const sums = new Float64Array(runs);
    for (let h = from; h < to; h++) {
      for (let i = 0; i < runs; i++) {
        sums[i]! += plan.hours[h * runs + i]! - baseline.hours[h * runs + i]!;
      }
    }
    return apply(band(sums), two)!;
  };
  const perMonth: Band[] = [];
  for (let h = 0; h < months; h++) perMonth.push(diff(h, h + 1));
  const perQuarter: Band[] = [];
  for (let q = 0; q < months; q += 3) perQuarter.push(diff(q, Math.min(months, q + 3)));
  return { perMonth, perQuarter, total: diff(0, months) };
}
