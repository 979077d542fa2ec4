/**
 * The report's groups built by the database (`loadGroupedData`, `selectGroups`) are the
 * groups `groupRecords` makes of the same records, on both engines; and the report
 * `buildReport` computes from them is the report `analyze` computes from the records,
 * figure for figure, for generated practices (refunds, EUR records with and without a
 * rate, hours like 1/3, dates on every side of the period) and the demo. Also with a
 * second connection reading part of the records (store/read-helper.ts): the same report,
 * and never one made of two states of the data.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import {
  analyze,
  groupRecords,
  type Period,
  periodAfter,
  resolvePeriod,
} from '../domain/analysis/index.ts';
import { practiceArb } from '../domain/analysis/test-arbitraries.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { ReadHelper } from '../store/read-helper.ts';
import { loadGroupedData } from '../store/records.repository.ts';
import {
  lateDeliveryHour,
  outcome,
  periodArb,
  saveGenerated,
  secondConnection,
  sorted,
} from './groups.test-support.ts';
import { buildReport } from './report.ts';

describeEachEngine('report groups in SQL', (ctx) => {
  it('are the groups of the records, and give the report of the records', async () => {
    await fc.assert(
      fc.asyncProperty(
        practiceArb({ foreign: true, gaps: true, dense: true }),
        fc.option(periodArb, { nil: undefined }),
        async (data, options) => {
          const id = await saveGenerated(ctx.store, data);
          const expected = await outcome(() => analyze(data, options ?? {}));
          const report = await outcome(() => buildReport(ctx.store, id, options ?? {}));
          expect(report).toEqual(expected);

          let period: Period;
          try {
            period = resolvePeriod(data, options ?? {});
          } catch {
            return; // no data or a bad period: nothing to group
          }
          const { data: groups } = await loadGroupedData(ctx.store.db, id, () => period);
          expect(sorted(groups)).toEqual(sorted(groupRecords(data, period)));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('give the demo practice the report of its records, for periods cut anywhere', async () => {
    for (const seed of [1, 7]) {
      const data = generateDemo({ seed });
      const id = await saveGenerated(ctx.store, data);
      const periods = [
        {},
        { to: '2025-06-30' },
        { from: '2024-02-29', to: '2024-03-01' },
        { from: '2023-01-01', to: '2025-12-31' },
      ];
      for (const options of periods) {
        expect(await buildReport(ctx.store, id, options)).toEqual(analyze(data, options));
      }
      // The latest record date the database reads is the one the records give.
      const { period } = await loadGroupedData(ctx.store.db, id, async (latest) => {
        const last = await latest();
        return periodAfter(() => last);
      });
      expect(period).toEqual(resolvePeriod(data));
    }
  }, 120_000);

  it('are read in part by a helper on a second connection: the same report', async () => {
    const second = await secondConnection(ctx.database.target);
    try {
      await fc.assert(
        fc.asyncProperty(
          practiceArb({ foreign: true, gaps: true, dense: true }),
          fc.option(periodArb, { nil: undefined }),
          async (data, options) => {
            const id = await saveGenerated(ctx.store, data);
            const expected = await outcome(() => analyze(data, options ?? {}));
            const report = await outcome(() =>
              buildReport(ctx.store, id, options ?? {}, second.helper),
            );
            expect(report).toEqual(expected);
          },
        ),
        { numRuns: 30 },
      );
      expect(second.reads()).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  }, 120_000);

  it("throws a helper's reads away when they saw another state of the data", async () => {
    const data = generateDemo({ seed: 3 });
    const id = await saveGenerated(ctx.store, data);
    const expected = analyze(data, {});
    // The helper's snapshot starts after a write this report's snapshot cannot see.
    const late = await secondConnection(
      ctx.database.target,
      lateDeliveryHour(expected.period.to, data.offers[0]!.id),
    );
    const failing: ReadHelper = { read: async () => Promise.reject(new Error('gone')) };
    try {
      expect(await buildReport(ctx.store, id, {}, late.helper)).toEqual(expected);
      expect(late.reads()).toBeGreaterThan(0);
      expect(await buildReport(ctx.store, id, {}, failing)).toEqual(
        await buildReport(ctx.store, id, {}),
      );
    } finally {
      await late.close();
    }
  }, 60_000);
});
