/** Reading content lines: byte-level unfolding, parameters, the repairs of bad TZIDs, escapes. */
import { describe, expect, it } from 'vitest';
import { local } from '../time-fixtures.testing.ts';
import { MAX_DEPTH, parseLine, readComponents, splitTextList, unescapeText } from './content.ts';
import { unfoldBytes, unfoldText } from './lines.ts';

describe('unfolding', () => {
  it('undoes a fold inside a multi-byte character before decoding', () => {
    // test/fixtures/ics/folded_multibyte.ics folds inside `é` (C3 | A9), inside `–`
    // (E2 80 | 93) and, with a tab, inside `東` (E6 | 9D B1).
    const lines = unfoldBytes(local('ics/folded_multibyte.ics'));
    expect(lines.find((l) => l.text.startsWith('SUMMARY'))).toEqual({
      line: 9,
      text: 'SUMMARY:Séance de coaching – Zoé (東京)',
    });
    expect(lines.find((l) => l.text.startsWith('DESCRIPTION'))?.text).toBe(
      'DESCRIPTION:Préparation 東京',
    );
  });

  it('keeps the second of two leading spaces and counts lines from 1', () => {
    expect(unfoldText('A;CN=Sahaja\n  Lal:x\nB:y\r\n\r\nC:z')).toEqual([
      { line: 1, text: 'A;CN=Sahaja Lal:x' },
      { line: 3, text: 'B:y' },
      { line: 5, text: 'C:z' },
    ]);
  });

  it('decodes a file that is not UTF-8 as Windows-1252', () => {
    const bytes = Buffer.from('SUMMARY:R\xe9union\r\n', 'latin1');
    expect(unfoldBytes(bytes)).toEqual([{ line: 1, text: 'SUMMARY:Réunion' }]);
  });
});

describe('parseLine', () => {
  it('reads quoted and listed parameters', () => {
    expect(parseLine('ATTENDEE;CN="Lal, S";PARTSTAT=DECLINED;ROLE=A,B:mailto:s@x.org', 3)).toEqual({
      line: 3,
      name: 'ATTENDEE',
      params: { CN: ['Lal, S'], PARTSTAT: ['DECLINED'], ROLE: ['A', 'B'] },
      value: 'mailto:s@x.org',
    });
  });

  it('repairs a quoted TZID that swallowed its value (ms_timezones)', () => {
    expect(parseLine('DTSTART;TZID="W. Europe Standard Time:20200609T090000"', 1)).toMatchObject({
      params: { TZID: ['W. Europe Standard Time'] },
      value: '20200609T090000',
    });
  });

  it('repairs an unquoted TZID cut short by its own colon', () => {
    expect(
      parseLine('DTSTART;TZID=(UTC-05:00) Eastern Time (US & Canada):20201028T133000', 1),
    ).toMatchObject({
      params: { TZID: ['(UTC-05:00) Eastern Time (US & Canada)'] },
      value: '20201028T133000',
    });
  });

  it('keeps a colon in a value and refuses a line that is no content line', () => {
    expect(parseLine('LOCATION:https://bluejeans.com/7999979999', 1)?.value).toBe(
      'https://bluejeans.com/7999979999',
    );
    expect(parseLine('just text', 1)).toBeNull();
  });
});

describe('TEXT values', () => {
  it('undoes escapes and splits lists on unescaped commas', () => {
    expect(unescapeText('a\\nb\\, c\\; d \\\\ e')).toBe('a\nb, c; d \\ e');
    expect(splitTextList('Work,Client\\, VIP, ')).toEqual(['Work', 'Client, VIP']);
  });
});

describe('readComponents', () => {
  it('reports a stray END and a file cut short', () => {
    const { roots, problems } = readComponents('BEGIN:VCALENDAR\nEND:VEVENT\nBEGIN:VEVENT\nUID:x');
    expect(roots[0]?.children[0]).toMatchObject({ name: 'VEVENT', line: 3, closed: false });
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'stray_end'],
      [4, 'truncated_file'],
    ]);
  });

  it('refuses components nested beyond MAX_DEPTH, in linear time', () => {
    const deep = `BEGIN:VCALENDAR\n${'BEGIN:VEVENT\n'.repeat(20_000)}END:VCALENDAR\n`;
    const started = performance.now();
    const { problems } = readComponents(deep);
    expect(performance.now() - started).toBeLessThan(3000);
    // Reported once; END:VCALENDAR still closes what was opened.
    expect(problems.map((p) => [p.line, p.code])).toEqual([[MAX_DEPTH + 1, 'too_deep']]);
  });
});
