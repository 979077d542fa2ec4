/** Recurrence expansion: COUNT with an unsynchronised DTSTART, UNTIL kinds, EXDATE kinds, horizon, cap, DST. */
import { describe, expect, it } from 'vitest';
import { expandSeries, ruleProblem, type Series } from './recurrence.ts';
import { type IcsTime, parseIcsTime } from './values.ts';
import { ZoneBook } from './zones.ts';

const t = (value: string, tzid?: string) => parseIcsTime(value, tzid) as IcsTime;

function expand(
  series: Partial<Series> & { start: IcsTime },
  horizon: string | null = null,
  cap = 100,
) {
  const warnings: string[] = [];
  const zones = new ZoneBook([], 'Europe/Berlin', () => {});
  const occurrences = expandSeries(
    { line: 1, seconds: 3600, rrules: [], rdates: [], exdates: [], ...series },
    zones,
    { horizon, zone: 'Europe/Berlin', cap },
    (_line, code) => warnings.push(code),
  );
  return { keys: occurrences.map((o) => o.key), warnings };
}

const rule = (value: string) => [{ value, line: 2 }];

describe('ruleProblem', () => {
  it('finds the malformed rules of real files', () => {
    expect(ruleProblem('FREQ=WEEKLY;BYDAY=FR,MO')).toBeNull();
    expect(ruleProblem('RRULE:AnythingRandom;FREQ=WEEKLY;BYDAY=FR')).toMatch(/not NAME=VALUE/);
    expect(ruleProblem('BYDAY=MO')).toBe('no FREQ');
    expect(ruleProblem('FREQ=DAILY;FOO=1')).toBe('unknown part FOO');
  });
});

describe('expandSeries', () => {
  it('counts DTSTART as the first of COUNT even when the rule would skip it', () => {
    // Wednesday start, rule on Mondays: Jan 3, then Jan 8 and 15 (3 in all).
    const { keys } = expand({
      start: t('20240103T100000Z'),
      rrules: rule('FREQ=WEEKLY;BYDAY=MO;COUNT=3'),
    });
    expect(keys).toEqual(['2024-01-03T10:00:00Z', '2024-01-08T10:00:00Z', '2024-01-15T10:00:00Z']);
  });

  it('compares a UTC UNTIL with real instants and a DATE UNTIL with local dates', () => {
    // 09:00 Berlin = 08:00Z in winter: UNTIL 08:00Z on the 5th includes the 5th.
    const zoned = t('20240103T090000', 'Europe/Berlin');
    expect(
      expand({ start: zoned, rrules: rule('FREQ=DAILY;UNTIL=20240105T080000Z') }).keys,
    ).toHaveLength(3);
    expect(
      expand({ start: zoned, rrules: rule('FREQ=DAILY;UNTIL=20240105T075959Z') }).keys,
    ).toHaveLength(2);
    expect(expand({ start: zoned, rrules: rule('FREQ=DAILY;UNTIL=20240105') }).keys).toHaveLength(
      3,
    );
  });

  it('keeps the local hour across a DST change', () => {
    const { keys } = expand({
      start: t('20240324T090000', 'Europe/Berlin'),
      rrules: rule('FREQ=WEEKLY;COUNT=2'),
    });
    expect(keys).toEqual(['2024-03-24T08:00:00Z', '2024-03-31T07:00:00Z']);
  });

  it('removes EXDATEs by instant, and date-only ones by date', () => {
    const { keys } = expand({
      start: t('20240101T100000Z'),
      rrules: rule('FREQ=DAILY;COUNT=5'),
      exdates: [t('20240102T100000Z'), t('20240104')],
    });
    expect(keys).toEqual(['2024-01-01T10:00:00Z', '2024-01-03T10:00:00Z', '2024-01-05T10:00:00Z']);
  });

  it('stops an open-ended series at the horizon, keeping DTSTART and RDATEs', () => {
    const open = expand({ start: t('20240101T100000Z'), rrules: rule('FREQ=DAILY') }, '2024-01-03');
    expect(open.keys).toEqual([
      '2024-01-01T10:00:00Z',
      '2024-01-02T10:00:00Z',
      '2024-01-03T10:00:00Z',
    ]);
    const late = expand(
      {
        start: t('20240201T100000Z'),
        rrules: rule('FREQ=DAILY'),
        rdates: [{ time: t('20240301T100000Z') }],
      },
      '2024-01-03',
    );
    expect(late.keys).toEqual(['2024-02-01T10:00:00Z', '2024-03-01T10:00:00Z']);
  });

  it('reads at most `cap` occurrences of a rule, with a warning', () => {
    const sut = expand({ start: t('20240101T100000Z'), rrules: rule('FREQ=MINUTELY') }, null, 10);
    expect(sut.keys).toHaveLength(10);
    expect(sut.warnings).toEqual(['recurrence_capped']);
  });

  it('stops a series a century after its start', () => {
    const sut = expand(
      { start: t('20000101T100000Z'), rrules: rule('FREQ=YEARLY;COUNT=500') },
      null,
      5000,
    );
    expect(sut.keys.at(-1)).toBe('2100-01-01T10:00:00Z');
    expect(sut.warnings).toEqual(['recurrence_capped']);
  });

  it('falls back to DTSTART alone for a malformed rule', () => {
    const sut = expand({ start: t('20240101T100000Z'), rrules: rule('RRULE:X;FREQ=DAILY') });
    expect(sut).toEqual({ keys: ['2024-01-01T10:00:00Z'], warnings: ['bad_rrule'] });
  });

  it('keys a floating series by local time, independent of the practice zone', () => {
    const { keys } = expand({ start: t('20240101T100000'), rrules: rule('FREQ=DAILY;COUNT=2') });
    expect(keys).toEqual(['2024-01-01T10:00:00', '2024-01-02T10:00:00']);
  });
});
