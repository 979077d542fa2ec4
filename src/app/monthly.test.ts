import { describe, expect, it } from 'vitest';
import { analyze, isAnalysisError } from '../domain/analysis/index.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { PracticeData } from '../domain/model.ts';
import { type MonthFigures, monthlyStreams, monthsOf } from './monthly.ts';

/**
 * The series by its definition, the slow way: for each month, `analyze` on every record
 * of the practice with that month (cut to the period) as the period.
 */
function byDefinition(data: PracticeData, from: string, to: string): MonthFigures[] {
  return monthsOf(from, to).map((m) => {
    const streams: MonthFigures['streams'] = {};
    try {
      for (const s of analyze(data, { from: m.from, to: m.to }).streams) {
        if (s.revenue !== 0 || s.hours.total !== 0) {
          streams[s.offerId] = {
            revenue: s.revenue,
            hours: s.hours.total,
            effectiveHourlyRate: s.effectiveHourlyRate,
          };
        }
      }
    } catch (error) {
      if (!isAnalysisError(error, 'no_data')) throw error;
    }
    return { ...m, streams };
  });
}

describe('monthsOf', () => {
  it('lists the calendar months of a period, cut to it', () => {
    expect(monthsOf('2024-11-15', '2025-02-10')).toEqual([
      { month: '2024-11', from: '2024-11-15', to: '2024-11-30' },
      { month: '2024-12', from: '2024-12-01', to: '2024-12-31' },
      { month: '2025-01', from: '2025-01-01', to: '2025-01-31' },
      { month: '2025-02', from: '2025-02-01', to: '2025-02-10' },
    ]);
    expect(monthsOf('2024-02-01', '2024-02-29')).toEqual([
      { month: '2024-02', from: '2024-02-01', to: '2024-02-29' },
    ]);
    expect(monthsOf('2023-02-03', '2023-02-03')).toEqual([
      { month: '2023-02', from: '2023-02-03', to: '2023-02-03' },
    ]);
  });
});

describe('monthlyStreams', () => {
  it("equals the report's stream figures of each month, for several demo practices and periods", () => {
    for (const seed of [1, 2, 3]) {
      const data = generateDemo({ seed, endDate: '2026-06-30' });
      const report = analyze(data);
      const periods = [
        report.period,
        { from: '2024-03-17', to: '2025-02-11' },
        { from: '2023-07-01', to: '2026-06-30' },
      ];
      for (const { from, to } of periods) {
        const series = monthlyStreams(data, { from, to });
        expect(series.months).toEqual(byDefinition(data, from, to));
        expect(series.period.from).toBe(from);
        expect(series.period.to).toBe(to);
      }
      // Some month earns something on several streams, and rates are not all null.
      const months = monthlyStreams(data).months;
      expect(months.some((m) => Object.keys(m.streams).length >= 3)).toBe(true);
      expect(
        months.some((m) => Object.values(m.streams).some((s) => s.effectiveHourlyRate !== null)),
      ).toBe(true);
    }
  });

  it('takes the period of the report by default, and its currency', () => {
    const data = generateDemo({ seed: 4, endDate: '2026-06-30' });
    const report = analyze(data);
    const series = monthlyStreams(data);
    expect(series.period).toEqual(report.period);
    expect(series.currency).toBe(report.currency);
    expect(series.months.map((m) => m.month)).toEqual(
      monthsOf(report.period.from, report.period.to).map((m) => m.month),
    );
    // The months add up to the report's period figures, stream by stream.
    for (const s of report.streams) {
      const revenue = series.months.reduce(
        (sum, m) => sum + (m.streams[s.offerId]?.revenue ?? 0),
        0,
      );
      expect(revenue).toBeCloseTo(s.revenue, 6);
    }
  });

  it('keeps empty months and refuses what the report refuses', () => {
    const data = generateDemo({ seed: 5, endDate: '2026-06-30' });
    const quiet: PracticeData = {
      ...data,
      payments: data.payments.filter((p) => p.date.slice(0, 7) !== '2026-03'),
      timeEntries: data.timeEntries.filter((t) => t.date.slice(0, 7) !== '2026-03'),
      costs: data.costs.filter((k) => k.date.slice(0, 7) !== '2026-03'),
      conversations: data.conversations.filter((v) => v.date.slice(0, 7) !== '2026-03'),
    };
    const march = monthlyStreams(quiet, { from: '2026-01-01', to: '2026-06-30' }).months[2]!;
    expect(march).toEqual({ month: '2026-03', from: '2026-03-01', to: '2026-03-31', streams: {} });
    expect(() => monthlyStreams(data, { from: '2030-01-01', to: '2030-12-31' })).toThrow(
      expect.objectContaining({ code: 'no_data' }),
    );
    expect(() => monthlyStreams(data, { from: '2026-02-01', to: '2026-01-01' })).toThrow(
      expect.objectContaining({ code: 'invalid_period' }),
    );
  });
});
