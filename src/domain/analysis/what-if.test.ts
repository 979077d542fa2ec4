import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber } from '../dates.ts';
import { groupRecords } from './groups.ts';
import {
  AnalysisError,
  analyzeGroups,
  reportUnder,
  resolveAssumptions,
  resolvePeriod,
  type WhatIfBasis,
  whatIfBasis,
} from './index.ts';
import { FIRST_DAY, hasRecords, LAST_DAY, practiceArb } from './test-arbitraries.ts';
import { buildPractice } from './test-factory.ts';

/** Assumptions as a user types them: decimals of a few places, zero included, some left out. */
const assumptionsArb = fc.record(
  {
    raise: fc.integer({ min: 0, max: 500 }).map((n) => n / 1000),
    uplift: fc.integer({ min: 0, max: 300 }).map((n) => n / 100),
    extraPerWeek: fc.integer({ min: 0, max: 80 }).map((n) => n / 4),
  },
  { requiredKeys: [] },
);

const periodArb = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => ({ from: fromDayNumber(start), to: fromDayNumber(start + length) }));

/** The basis as a cache keeps it: JSON text, read back. */
const kept = (basis: WhatIfBasis): WhatIfBasis => JSON.parse(JSON.stringify(basis));

describe('what-if from a kept basis', () => {
  it('gives the JSON text of the whole analysis under the same assumptions', () => {
    fc.assert(
      fc.property(
        practiceArb({ foreign: true }),
        fc.option(periodArb, { nil: undefined }),
        assumptionsArb,
        (data, asked, edits) => {
          fc.pre(hasRecords(data));
          const period = resolvePeriod(data, asked ?? {});
          const groups = groupRecords(data, period);
          let basis: WhatIfBasis;
          try {
            basis = kept(whatIfBasis(groups, period));
          } catch (error) {
            // No record in the period, or a missing rate: the full analysis throws the same.
            expect(error).toBeInstanceOf(AnalysisError);
            expect(() => analyzeGroups(groups, period, resolveAssumptions(edits))).toThrow(
              expect.objectContaining({ code: (error as AnalysisError).code }),
            );
            return;
          }
          const assumptions = resolveAssumptions(edits);
          expect(JSON.stringify(reportUnder(basis, assumptions))).toBe(
            JSON.stringify(analyzeGroups(groups, period, assumptions)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the report of the default assumptions as it is', () => {
    const data = buildPractice({
      practice: { weeklyCapacityHours: 1 },
      offers: [{ id: 'o1', kind: 'one_to_one' }],
      clients: [
        { id: 'c1', source: 'referral' },
        { id: 'c2', source: 'podcast' },
      ],
      payments: [
        { date: '2023-03-01', amount: 1200, offerId: 'o1', clientId: 'c1' },
        { date: '2023-04-01', amount: 900, offerId: 'o1', clientId: 'c2' },
      ],
      timeEntries: [
        { date: '2023-03-02', hours: 30, activity: 'delivery', offerId: 'o1', clientId: 'c1' },
        { date: '2023-04-02', hours: 20, activity: 'delivery', offerId: 'o1', clientId: 'c2' },
      ],
      conversations: [
        { date: '2023-02-01', outcome: 'enrolled' },
        { date: '2023-02-08', outcome: 'declined' },
      ],
    });
    const period = resolvePeriod(data, { from: '2023-01-01', to: '2023-12-31' });
    const groups = groupRecords(data, period);
    const basis = kept(whatIfBasis(groups, period));
    const defaults = resolveAssumptions({});
    expect(basis.report).toEqual(analyzeGroups(groups, period, defaults));
    expect(reportUnder(basis, defaults)).toEqual(basis.report);

    // Edited: a 25% raise on $2,100 of service revenue; 3 more conversations a week need
    // more delivery than the 52 h a year of capacity leaves (50 h used): capped.
    const edited = reportUnder(basis, resolveAssumptions({ extraPerWeek: 3, raise: 0.25 }));
    expect(edited.levers).toEqual(
      analyzeGroups(groups, period, resolveAssumptions({ extraPerWeek: 3, raise: 0.25 })).levers,
    );
    const lever = (id: string) => edited.levers.find((l) => l.id === id);
    expect(lever('raise_rates')).toMatchObject({ annualImpact: 525, assumptions: { raise: 0.25 } });
    expect(lever('more_conversations')).toMatchObject({
      assumptions: { extraPerWeek: 3 },
      details: { capped: true, spareHours: 2 },
    });
    expect(edited.levers).not.toEqual(basis.report.levers);
    expect({ ...edited, levers: [] }).toEqual({ ...basis.report, levers: [] });
  });
});
