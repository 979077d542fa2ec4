/** The three figures the page can chart, their words and formats, and the series' colours. */
import type { ForecastSeries } from '../../../domain/forecast/index.ts';
import { formatHours, formatMoney, formatMoneyShort, formatRate } from '../../lib/format.ts';

export type Metric = 'revenue' | 'hours' | 'effectiveHourlyRate';

export const METRICS: Record<
  Metric,
  {
    label: string;
    short: string;
    /** Figures in tables. */
    format: (v: number | null, currency: string) => string;
    /** Chart axes. */
    axis: (v: number, currency: string) => string;
  }
> = {
  revenue: {
    label: 'Revenue a month',
    short: 'Revenue',
    format: formatMoney,
    axis: formatMoneyShort,
  },
  hours: {
    label: 'Hours worked a month',
    short: 'Hours',
    format: formatHours,
    axis: (v) => `${Math.round(v)} h`,
  },
  effectiveHourlyRate: {
    label: 'Effective hourly rate (revenue ÷ hours, before costs)',
    short: 'Hourly rate',
    format: formatRate,
    axis: (v, currency) => `${formatMoneyShort(v, currency)}/h`,
  },
};

/** Baseline first, then one colour per scenario (as many as the page allows scenarios). */
export const SERIES_COLORS = [
  'blue.7',
  'teal.7',
  'grape.6',
  'orange.7',
  'pink.6',
  'lime.8',
  'cyan.7',
];

export interface SeriesView {
  /** `baseline` or `s<draft key>`. */
  id: string;
  name: string;
  color: string;
  series: ForecastSeries;
}
