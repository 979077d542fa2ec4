/** The shared time-entry helpers: duration cells, localised billable, the length policy. */
import { describe, expect, it } from 'vitest';
import { billableOf, decimalHours, durationSeconds, lengthVerdict } from './time-entries.ts';

describe('durationSeconds', () => {
  it('reads clock durations, also over 24 hours', () => {
    expect(durationSeconds('01:00:01')).toBe(3601);
    expect(durationSeconds('1:17')).toBe(4620);
    expect(durationSeconds('25:30:00')).toBe(91_800);
  });

  it('reads decimal hours in the file decimal mark and refuses words', () => {
    expect(durationSeconds('1.5')).toBe(5400);
    expect(durationSeconds('0,01', ',')).toBe(36);
    expect(decimalHours('2.000,0', ',')).toBe(2000);
    expect(durationSeconds('1h')).toBeNull();
    expect(durationSeconds('')).toBeNull();
    expect(durationSeconds('-1.0')).toBeNull();
  });
});

describe('billableOf', () => {
  it('knows yes and no in the common UI languages', () => {
    expect(['Yes', 'はい', 'Ja', 'oui'].map(billableOf)).toEqual(['yes', 'yes', 'yes', 'yes']);
    expect(['No', 'いいえ', 'Nein', 'non'].map(billableOf)).toEqual(['no', 'no', 'no', 'no']);
    expect(billableOf('maybe')).toBeNull();
  });
});

describe('lengthVerdict', () => {
  it('skips nothing, allows a full day, refuses more', () => {
    expect(lengthVerdict(0)).toBe('zero_length');
    expect(lengthVerdict(24)).toBeNull();
    expect(lengthVerdict(24.01)).toBe('over_24h');
  });
});
