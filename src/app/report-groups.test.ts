/**
 * The report's groups built by the database (`loadGroupedData`, `selectGroups`) are the
 * groups `groupRecords` makes of the same records, on both engines; and the report
 * `buildReport` computes from them is the report `analyze` computes from the records,
 * figure for figure, for generated practices (refunds, EUR records with and without a
 * rate, hours like 1/3, dates on every side of the period) and the demo.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import {
  AnalysisError,
  analyze,
  type GroupedData,
  groupRecords,
  type Period,
  periodAfter,
  resolvePeriod,
} from '../domain/analysis/index.ts';
import { FIRST_DAY, LAST_DAY, practiceArb } from '../domain/analysis/test-arbitraries.ts';
import { fromDayNumber } from '../domain/dates.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { PracticeData } from '../domain/model.ts';
import type { Store } from '../store/connect.ts';
import { createPractice } from '../store/practice.repository.ts';
import { loadGroupedData, savePracticeData } from '../store/records.repository.ts';
import { buildReport } from './report.ts';

const periodArb = fc
  .tuple(fc.integer({ min: FIRST_DAY - 30, max: LAST_DAY }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: fromDayNumber(start), to: fromDayNumber(start + length) }));

/** The groups in a canonical order (the database returns them in its own). */
function sorted(data: GroupedData) {
  const order = <T>(list: readonly T[]) => list.map((g) => JSON.stringify(g)).sort();
  return {
    payments: order(data.payments),
    timeEntries: order(data.timeEntries),
    costs: order(data.costs),
    conversations: order(data.conversations),
  };
}

/** The report, or the AnalysisError's code and message (an AppError keeps both). */
async function outcome(run: () => unknown) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AnalysisError || (error instanceof Error && 'code' in error)) {
      return { code: (error as { code: unknown }).code, message: error.message };
    }
    throw error;
  }
}

let saved = 0;
async function save(store: Store, data: PracticeData): Promise<number> {
  const id = await createPractice(store.db, { ...data.practice, name: `Practice ${++saved}` });
  await savePracticeData(store.db, id, data);
  return id;
}

describeEachEngine('report groups in SQL', (ctx) => {
  it('are the groups of the records, and give the report of the records', async () => {
    await fc.assert(
      fc.asyncProperty(
        practiceArb({ foreign: true, gaps: true, dense: true }),
        fc.option(periodArb, { nil: undefined }),
        async (data, options) => {
          const id = await save(ctx.store, data);
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
      const id = await save(ctx.store, data);
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
});
