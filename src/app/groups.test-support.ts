/**
 * Shared by the tests that compare what the database sums (the report's and the monthly
 * series' groups) with what the domain computes from the records: a generated period,
 * an outcome that turns an expected error into data, the groups in a canonical order,
 * saving a generated practice under a fresh name, and the checks that a read helper on a
 * second connection changes nothing.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { AnalysisError, type GroupedData } from '../domain/analysis/index.ts';
import { FIRST_DAY, LAST_DAY, practiceArb } from '../domain/analysis/test-arbitraries.ts';
import { fromDayNumber } from '../domain/dates.ts';
import type { PracticeData } from '../domain/model.ts';
import { COLLECTIONS } from '../store/collections.ts';
import { openStore, type Store } from '../store/connect.ts';
import { createPractice } from '../store/practice.repository.ts';
import { answerRead, type ReadHelper } from '../store/read-helper.ts';
import { insertRecord } from '../store/record-crud.repository.ts';
import { savePracticeData } from '../store/records.repository.ts';

/** A period from a month before the generated records to well inside them. */
export const periodArb = fc
  .tuple(fc.integer({ min: FIRST_DAY - 30, max: LAST_DAY }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: fromDayNumber(start), to: fromDayNumber(start + length) }));

/** The value, or the error's code and message (an AppError keeps an AnalysisError's). */
export async function outcome(run: () => unknown) {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AnalysisError || (error instanceof Error && 'code' in error)) {
      return { code: (error as { code: unknown }).code, message: error.message };
    }
    throw error;
  }
}

/** The groups in a canonical order (the database returns them in its own). */
export function sorted(
  data: Pick<GroupedData, 'payments' | 'timeEntries' | 'costs' | 'conversations'>,
) {
  const order = <T>(list: readonly T[]) => list.map((g) => JSON.stringify(g)).sort();
  return {
    payments: order(data.payments),
    timeEntries: order(data.timeEntries),
    costs: order(data.costs),
    conversations: order(data.conversations),
  };
}

let saved = 0;
/** Saves `data` as a new practice with a name of its own; returns its id. */
export async function saveGenerated(store: Store, data: PracticeData): Promise<number> {
  const id = await createPractice(store.db, { ...data.practice, name: `Generated ${++saved}` });
  await savePracticeData(store.db, id, data);
  return id;
}

/**
 * A read helper (store/read-helper.ts) on a second connection to the database at
 * `target`, counting the reads it answers; `before` runs on that connection before each
 * answer (a write the first connection's snapshot cannot see). Close it after.
 */
export async function secondConnection(
  target: string,
  before?: (other: Store, practiceId: number) => Promise<void>,
): Promise<{ helper: ReadHelper; reads: () => number; close: () => Promise<void> }> {
  const other = await openStore(target);
  let reads = 0;
  return {
    helper: {
      read: async (practiceId, statements) => {
        reads++;
        await before?.(other, practiceId);
        return answerRead(other.db, practiceId, statements);
      },
    },
    reads: () => reads,
    close: () => other.close(),
  };
}

let late = 0;
/** A delivery hour on `date` (in the period): what the time groups of the period count. */
function lateDeliveryHour(date: string, offerId: string) {
  return (other: Store, practiceId: number) =>
    insertRecord(other.db, COLLECTIONS.timeEntries, practiceId, {
      id: `late-${++late}`,
      date,
      hours: 7,
      activity: 'delivery',
      offerId,
    });
}

/**
 * Runs `check` on `numRuns` generated practices (refunds, foreign currencies with and
 * without rates, gaps, dense days) and periods, each saved in `store` under its own id,
 * with a read helper on a second connection to the same database (`secondConnection`);
 * fails if the helper was never asked to read.
 */
export async function forGeneratedPractices(
  store: Store,
  target: string,
  numRuns: number,
  check: (
    data: PracticeData,
    options: { from: string; to: string } | undefined,
    id: number,
    helper: ReadHelper,
  ) => Promise<void>,
): Promise<void> {
  const second = await secondConnection(target);
  try {
    await fc.assert(
      fc.asyncProperty(
        practiceArb({ foreign: true, gaps: true, dense: true }),
        fc.option(periodArb, { nil: undefined }),
        async (data, options) =>
          check(data, options, await saveGenerated(store, data), second.helper),
      ),
      { numRuns },
    );
    if (second.reads() === 0) throw new Error('the helper was never asked to read');
  } finally {
    await second.close();
  }
}

/**
 * `build` gives `expected` (a value or an error's `outcome`) on one connection, and with
 * `helper` reading part of the records on a second.
 */
export async function expectOnOneConnectionOrTwo(
  expected: unknown,
  helper: ReadHelper,
  build: (helper?: ReadHelper) => unknown,
): Promise<void> {
  expect(await outcome(() => build())).toEqual(expected);
  expect(await outcome(() => build(helper))).toEqual(expected);
}

/**
 * `build` (of the saved practice `data`, whose records give `expected`) with a helper
 * whose snapshot starts after a write the first connection's snapshot cannot see (a
 * delivery hour on the period's last day): the helper is asked, its reads are thrown
 * away, and `build` still gives `expected`.
 */
export async function expectLateReadsIgnored(
  target: string,
  data: PracticeData,
  expected: { period: { to: string } },
  build: (helper: ReadHelper) => Promise<unknown>,
): Promise<void> {
  const late = await secondConnection(
    target,
    lateDeliveryHour(expected.period.to, data.offers[0]!.id),
  );
  try {
    expect(await build(late.helper)).toEqual(expected);
    expect(late.reads()).toBeGreaterThan(0);
  } finally {
    await late.close();
  }
}
