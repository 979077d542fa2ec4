import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import {
  analyze,
  groupRecords,
  type Period,
  periodAfter,
  resolvePeriod,
} from '../domain/analysis/index.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { ReadHelper } from '../store/read-helper.ts';
import { loadGroupedData } from '../store/records.repository.ts';
import {
  expectLateReadsIgnored,
  expectOnOneConnectionOrTwo,
  forGeneratedPractices,
  outcome,
  saveGenerated,
  sorted,
} from './groups.test-support.ts';
import { buildReport } from './report.ts';

describeEachEngine('report groups in SQL', (ctx) => {
  it('are the groups of the records, and give the report of the records, on one connection or two', async () => {
    await forGeneratedPractices(
      ctx.store,
      ctx.database.target,
      60,
      async (data, options, id, helper) => {
        const expected = await outcome(() => analyze(data, options ?? {}));
        await expectOnOneConnectionOrTwo(expected, helper, (h) =>
          buildReport(ctx.store, id, options ?? {}, h),
        );
        let period: Period;
        try {
          period = resolvePeriod(data, options ?? {});
        } catch {
          return; // no data or a bad period: nothing to group
        }
        const { data: groups } = await loadGroupedData(ctx.store.db, id, () => period);
        expect(sorted(groups)).toEqual(sorted(groupRecords(data, period)));
      },
    );
  }, 180_000);

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

  it("throws a helper's reads away when they saw another state of the data", async () => {
    const data = generateDemo({ seed: 3 });
    const id = await saveGenerated(ctx.store, data);
    const expected = analyze(data, {});
    await expectLateReadsIgnored(ctx.database.target, data, expected, (helper) =>
      buildReport(ctx.store, id, {}, helper),
    );
    // A helper that fails: the report is read on the first connection (which now sees
    // the helper's late write too).
    const failing: ReadHelper = { read: async () => Promise.reject(new Error('gone')) };
    expect(await buildReport(ctx.store, id, {}, failing)).toEqual(
      await buildReport(ctx.store, id, {}),
    );
  }, 60_000);
});
