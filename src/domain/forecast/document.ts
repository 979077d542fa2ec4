/**
 * The forecast document: what `fulcrum forecast --json` prints, the API returns and the
 * web page draws. Money in major units of the practice currency (rounded to the minor
 * unit), hours and hourly rates to 2 decimals, every figure a P10/P50/P90 band over the
 * runs of one calendar month (or of a quarter's or the whole horizon's sums).
 */
import type { IsoDate } from '../dates.ts';
import type { ForecastMethod } from './model.ts';
import type { Band } from './percentiles.ts';
import type { ScenarioChange } from './scenario-schema.ts';

export type { Band };

/** Bands of sums over several months; the hourly rate is the runs' summed revenue ÷ summed hours. */
export interface Summary {
  revenue: Band;
  hours: Band;
  effectiveHourlyRate: Band | null;
}

export interface ForecastSeries {
  /** One band per month of `months`. */
  revenue: Band[];
  hours: Band[];
  /** Revenue ÷ hours per run, before costs; null in a month where no run has hours. */
  effectiveHourlyRate: (Band | null)[];
  /** One summary per entry of `quarters`. */
  quarters: Summary[];
  total: Summary;
}

export interface ScenarioForecast extends ForecastSeries {
  name: string;
  description: string | null;
  changes: ScenarioChange[];
  /** Scenario hours − baseline hours in the same run, per month. */
  extraHours: Band[];
  quarterExtraHours: Band[];
  totalExtraHours: Band;
}

export interface ForecastModelSummary {
  method: ForecastMethod;
  /** How the numbers were made and what they cannot know, in plain sentences. */
  notes: string[];
  /** The full months of history read, and the window the model was fitted on (`YYYY-MM`). */
  history: { from: string; to: string; months: number };
  window: { from: string; to: string; months: number };
  /** Months of each new client followed as one piece (a past client's first months). */
  clientMonths: number;
  templates: number;
  clientsInFlight: number;
  capacityHoursPerWeek: number | null;
}

export interface Forecast {
  asOf: IsoDate;
  currency: string;
  /** The forecast months, `YYYY-MM`, the first being the month after the last full month of history. */
  months: string[];
  /** Groups of 3 forecast months (the last may be shorter): label `2026-11 – 2027-01`. */
  quarters: { label: string; from: string; to: string }[];
  runs: number;
  seed: number;
  model: ForecastModelSummary;
  baseline: ForecastSeries;
  scenarios: ScenarioForecast[];
}
