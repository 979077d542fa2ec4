import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { analyze, groupRecords } from '../domain/analysis/index.ts';
import { daysBetween } from '../domain/dates.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { PracticeData } from '../domain/model.ts';
import { loadGroupedMonths } from '../store/records.repository.ts';
import {
  expectLateReadsIgnored,
  expectOnOneConnectionOrTwo,
  forGeneratedPractices,
  outcome,
  saveGenerated,
  secondConnection,
  sorted,
} from './groups.test-support.ts';
import {
  buildMonthly,
  MAX_MONTHS,
  type MonthFigures,
  monthFigures,
  monthlyStreams,
  monthsOf,
} from './monthly.ts';

/**
 * The series by its definition, the slow way: for each month, `analyze` on every record
 * of the practice with that month (cut to the period) as the period.
 */
function byDefinition(data: PracticeData, from: string, to: string): MonthFigures[] {
  return monthsOf(from, to).map((m) => monthFigures(m, () => analyze(data, m)));
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

  it('ends at the last year a date can have, and pads years before 1000', () => {
    expect(monthsOf('9999-11-20', '9999-12-31')).toEqual([
      { month: '9999-11', from: '9999-11-20', to: '9999-11-30' },
      { month: '9999-12', from: '9999-12-01', to: '9999-12-31' },
    ]);
    expect(monthsOf('0099-12-05', '0100-02-28')).toEqual([
      { month: '0099-12', from: '0099-12-05', to: '0099-12-31' },
      { month: '0100-01', from: '0100-01-01', to: '0100-01-31' },
      { month: '0100-02', from: '0100-02-01', to: '0100-02-28' },
    ]);
  });

  it(`refuses more than ${MAX_MONTHS} months, before any work`, () => {
    expect(monthsOf('1976-01-01', '2025-12-31')).toHaveLength(MAX_MONTHS);
    expect(() => monthsOf('1975-12-31', '2025-12-31')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => monthsOf('1000-01-01', '9999-12-31')).toThrow(/at most 600 months/);
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

/** The records of `data` dated in [from, to] (and every undated collection). */
function sliceOf(data: PracticeData, from: string, to: string): PracticeData {
  const inside = <T extends { date: string }>(list: readonly T[]) =>
    list.filter((r) => r.date >= from && r.date <= to);
  return {
    ...data,
    payments: inside(data.payments),
    timeEntries: inside(data.timeEntries),
    costs: inside(data.costs),
    conversations: inside(data.conversations),
  };
}

describeEachEngine('buildMonthly (groups summed by the database)', (ctx) => {
  it("equals the series of the records on one connection or two, and each month's groups are the month's records' groups", async () => {
    await forGeneratedPractices(
      ctx.store,
      ctx.database.target,
      40,
      async (data, options, id, helper) => {
        const expected = await outcome(() => monthlyStreams(data, options ?? {}));
        await expectOnOneConnectionOrTwo(expected, helper, (h) =>
          buildMonthly(ctx.store, id, options ?? {}, h),
        );
        if (!('months' in (expected as object))) return; // an error: compared above
        const { period } = expected as ReturnType<typeof monthlyStreams>;
        // By definition too, unless a record before a month lacks a rate: `analyze` then
        // refuses the month, while the series, which converts only the month's records,
        // does not (as before the database summed them).
        const definition = await outcome(() => byDefinition(data, period.from, period.to));
        if (!('code' in (definition as object))) {
          expect((expected as ReturnType<typeof monthlyStreams>).months).toEqual(definition);
        }
        const months = monthsOf(period.from, period.to).map((m) => ({
          ...m,
          days: daysBetween(m.from, m.to) + 1,
        }));
        const loaded = await loadGroupedMonths(ctx.store.db, id, async () => ({ period, months }));
        for (const { month, data: groups } of loaded.months) {
          const own = groupRecords(sliceOf(data, month.from, month.to), month);
          expect(sorted(groups), month.month).toEqual(sorted(own));
        }
      },
    );
  }, 180_000);

  it('gives the demo practice the series of its records, for several periods', async () => {
    const data = generateDemo({ seed: 2, endDate: '2026-06-30' });
    const id = await saveGenerated(ctx.store, data);
    for (const options of [{}, { from: '2024-03-17', to: '2025-02-11' }, { to: '2025-12-31' }]) {
      expect(await buildMonthly(ctx.store, id, options)).toEqual(monthlyStreams(data, options));
    }
  }, 120_000);

  it("throws a helper's reads away when they saw another state of the data", async () => {
    const data = generateDemo({ seed: 4, endDate: '2026-06-30' });
    const id = await saveGenerated(ctx.store, data);
    const expected = monthlyStreams(data, {});
    await expectLateReadsIgnored(ctx.database.target, data, expected, (helper) =>
      buildMonthly(ctx.store, id, {}, helper),
    );
  }, 60_000);

  it('hands the clients to the helper even when the plan has no month to read', async () => {
    const data = generateDemo({ seed: 5, endDate: '2026-06-30' });
    const id = await saveGenerated(ctx.store, data);
    const second = await secondConnection(ctx.database.target);
    try {
      const period = { from: '2026-01-01', to: '2026-06-30', days: 181 };
      const loaded = await loadGroupedMonths(
        ctx.store.db,
        id,
        async () => ({ period, months: [] }),
        second.helper,
      );
      expect(loaded).toEqual({ period, months: [] });
      // The clients were queued for the helper: it was asked, and answered.
      expect(second.reads()).toBe(1);
    } finally {
      await second.close();
    }
  }, 60_000);
});
