/** iCalendar values as real files write them, bad data included. */
import { describe, expect, it } from 'vitest';
import { parseIcsDuration, parseIcsPeriod, parseIcsTime, parseIcsTimes } from './values.ts';

describe('parseIcsTime', () => {
  it('tells dates, floating, UTC and zoned times apart', () => {
    expect(parseIcsTime('20241027')?.kind).toBe('date');
    expect(parseIcsTime('20131210Z')?.kind).toBe('date');
    expect(parseIcsTime('20171219T060000')?.kind).toBe('floating');
    expect(parseIcsTime('20170814T140000Z')?.kind).toBe('utc');
    expect(parseIcsTime('20201028T133000', 'W. Europe Standard Time')).toEqual({
      kind: 'zoned',
      tzid: 'W. Europe Standard Time',
      wall: { year: 2020, month: 10, day: 28, hour: 13, minute: 30, second: 0 },
    });
  });

  it('refuses impossible values', () => {
    expect(parseIcsTime('20230229')).toBeNull();
    expect(parseIcsTime('20240101T250000')).toBeNull();
    expect(parseIcsTime('2024-03-08')).toBeNull();
  });

  it('reads comma lists and sets unreadable items apart', () => {
    const { times, bad } = parseIcsTimes('20170706T090000,20170717T090000,oops', 'US/Central');
    expect(times).toHaveLength(2);
    expect(bad).toEqual(['oops']);
  });
});

describe('parseIcsDuration and parseIcsPeriod', () => {
  it('reads durations in seconds', () => {
    expect(parseIcsDuration('PT1H30M')).toBe(5400);
    expect(parseIcsDuration('P1D')).toBe(86_400);
    expect(parseIcsDuration('P1W')).toBe(604_800);
    expect(parseIcsDuration('-PT5M')).toBe(-300);
    expect(['P', 'PT', 'P1DT', '1H'].map(parseIcsDuration)).toEqual([null, null, null, null]);
  });

  it('reads periods with an end or a duration', () => {
    expect(parseIcsPeriod('20231125T090000Z/20231125T123000Z')?.end?.kind).toBe('utc');
    expect(parseIcsPeriod('20231125T090000Z/PT3H30M')?.seconds).toBe(12_600);
    expect(parseIcsPeriod('20231125T090000Z/nonsense')).toBeNull();
  });
});
