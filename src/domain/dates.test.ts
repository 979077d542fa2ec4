import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayNumber,
  daysBetween,
  daysInMonth,
  isIsoDate,
  lastDayOfMonth,
  shiftYears,
} from './dates.ts';

describe('dates', () => {
  it('knows leap years', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('takes years 0–99 as written, not as 1900–1999', () => {
    // Date.UTC(50, 0, 1) is 1950-01-01; the year 0050 is 1900 years earlier.
    expect(daysBetween('0050-01-01', '1950-01-01')).toBe(
      dayNumber('1950-01-01') - dayNumber('0050-01-01'),
    );
    expect(dayNumber('0050-01-01')).toBeLessThan(dayNumber('1949-12-31'));
    // Year 0 is a leap year in the proleptic Gregorian calendar; 1900 is not.
    expect(daysInMonth(0, 2)).toBe(29);
    expect(isIsoDate('0000-02-29')).toBe(true);
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('does day arithmetic', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2025-06-30', -1)).toBe('2024-06-30');
    expect(lastDayOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(addMonths('2024-01-31', -2)).toBe('2023-11-01');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-01');
  });
});
