import { describe, expect, it } from 'vitest';
import { AnalysisError, analyze, describeFigure, isAnalysisError } from './index.ts';
import { buildPractice, errorOf } from './test-factory.ts';

/** The spec's output example, with the field names it promises. */
const SPEC_FIELDS = {
  top: [
    'period',
    'currency',
    'totals',
    'baselineHourlyRate',
    'streams',
    'readiness',
    'levers',
    'ladder',
  ],
  period: ['from', 'to', 'days'],
  totals: ['revenue', 'costs', 'net', 'hours', 'effectiveHourlyRate', 'unassigned'],
  unassigned: ['revenue', 'hours'],
  stream: [
    'offerId',
    'name',
    'kind',
    'revenue',
    'costs',
    'net',
    'hours',
    'hiddenHours',
    'effectiveHourlyRate',
    'leverage',
    'lifetime',
    'beatsBaseline',
  ],
  hours: ['delivery', 'sales', 'marketing', 'creation', 'maintenance', 'admin', 'total'],
  lifetime: ['net', 'hours', 'hiddenHours', 'effectiveHourlyRate'],
  readiness: ['ready', 'stage', 'warnings', 'criteria'],
  criterion: ['id', 'value', 'target', 'met'],
  lever: ['id', 'annualImpact', 'assumptions', 'details', 'explanation'],
  ladder: ['current', 'recommended', 'candidates'],
  candidate: ['rung', 'distance', 'eligible', 'reasons'],
};

const practice = () =>
  buildPractice({
    practice: { weeklyCapacityHours: 30 },
    offers: [
      { id: 'o1', kind: 'one_to_one' },
      { id: 'o2', kind: 'membership' },
    ],
    clients: [{ id: 'c1', source: 'podcast' }],
    payments: [
      { date: '2024-03-01', amount: 1500, fee: 45, offerId: 'o1', clientId: 'c1' },
      { date: '2024-04-01', amount: 29, offerId: 'o2' },
    ],
    timeEntries: [
      { date: '2024-03-01', hours: 10, offerId: 'o1', clientId: 'c1' },
      { date: '2024-02-01', hours: 5, activity: 'marketing', channel: 'podcast' },
    ],
    conversations: [{ date: '2024-06-30', outcome: 'enrolled' }],
  });

describe('analyze', () => {
  const sut = analyze(practice());

  it('returns the document of the spec with its field names', () => {
    const keys = (o: object) => Object.keys(o);
    expect(keys(sut)).toEqual(SPEC_FIELDS.top);
    expect(keys(sut.period)).toEqual(SPEC_FIELDS.period);
    expect(keys(sut.totals)).toEqual(SPEC_FIELDS.totals);
    expect(keys(sut.totals.unassigned)).toEqual(expect.arrayContaining(SPEC_FIELDS.unassigned));
    for (const s of sut.streams) {
      expect(keys(s)).toEqual(SPEC_FIELDS.stream);
      expect(keys(s.hours)).toEqual(SPEC_FIELDS.hours);
      expect(keys(s.lifetime)).toEqual(expect.arrayContaining(SPEC_FIELDS.lifetime));
    }
    expect(keys(sut.readiness)).toEqual(SPEC_FIELDS.readiness);
    for (const c of sut.readiness.criteria)
      expect(keys(c)).toEqual(expect.arrayContaining(SPEC_FIELDS.criterion));
    for (const l of sut.levers) expect(keys(l)).toEqual(expect.arrayContaining(SPEC_FIELDS.lever));
    expect(keys(sut.ladder)).toEqual(SPEC_FIELDS.ladder);
    for (const c of sut.ladder.candidates)
      expect(keys(c)).toEqual(expect.arrayContaining(SPEC_FIELDS.candidate));
  });

  it('is plain JSON: a round trip through JSON.stringify gives it back', () => {
    expect(JSON.parse(JSON.stringify(sut))).toEqual(sut);
  });

  it('defaults the period to the year up to the latest record', () => {
    // Latest record: the conversation of 2024-06-30.
    expect(sut.period).toEqual({ from: '2023-07-01', to: '2024-06-30', days: 366 });
    expect(sut.currency).toBe('USD');
  });

  it('is a pure function of its inputs', () => {
    const data = practice();
    const copy = structuredClone(data);
    expect(analyze(data)).toEqual(analyze(data));
    expect(data).toEqual(copy);
  });

  it('shows the assumptions each lever used, overrides included', () => {
    const r = analyze(practice(), { assumptions: { raise: 0.2, extraPerWeek: 0.5 } });
    const by = Object.fromEntries(r.levers.map((l) => [l.id, l.assumptions]));
    expect(by).toEqual({
      raise_rates: { raise: 0.2 },
      best_channel: {},
      referrals: { uplift: 0.1 },
      more_conversations: { extraPerWeek: 0.5 },
    });
  });

  it('gives every lever an explanation, and every figure a description', () => {
    for (const l of sut.levers) expect(l.explanation).toMatch(/\S.*\.$/);
    expect(describeFigure('streams.effectiveHourlyRate')).toMatch(/Net ÷ all hours/);
  });
});

describe('errors', () => {
  it('are AnalysisErrors with stable codes', () => {
    const error = errorOf(() => analyze(practice(), { assumptions: { bogus: 1 } }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AnalysisError');
    expect(error.code).toBe('unknown_assumption');
    expect(error.details).toEqual({ name: 'bogus', valid: ['raise', 'uplift', 'extraPerWeek'] });
    expect(isAnalysisError(error)).toBe(true);
    expect(isAnalysisError(error, 'no_data')).toBe(false);
    expect(isAnalysisError(new Error('x'))).toBe(false);
  });

  it('checks assumptions first, then the period, then the records', () => {
    const empty = buildPractice();
    expect(errorOf(() => analyze(empty, { assumptions: { raise: -1 }, to: 'x' })).code).toBe(
      'invalid_assumption',
    );
    expect(errorOf(() => analyze(empty, { to: 'x' })).code).toBe('invalid_period');
    expect(errorOf(() => analyze(empty)).code).toBe('no_data');
    // No record in the period wins over a missing rate.
    const foreign = buildPractice({
      payments: [{ date: '2024-01-01', amount: 5, currency: 'EUR' }],
    });
    expect(errorOf(() => analyze(foreign, { from: '2025-01-01', to: '2025-12-31' })).code).toBe(
      'no_data',
    );
    expect(errorOf(() => analyze(foreign)).code).toBe('missing_rate');
    expect(new AnalysisError('no_data', 'm')).toBeInstanceOf(AnalysisError);
  });
});
