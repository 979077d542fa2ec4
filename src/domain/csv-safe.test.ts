import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../importers/csv.ts';
import { csvCell, neutralise, toCsv } from './csv-safe.ts';

async function parse(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of readCsv([new TextEncoder().encode(text)], { delimiter: ',' }))
    rows.push(row.cells);
  return rows;
}

describe('csvCell', () => {
  it.each([
    [
      '=HYPERLINK("http://evil.example","Click")',
      `"'=HYPERLINK(""http://evil.example"",""Click"")"`,
    ],
    ['=1+1', "'=1+1"],
    ['+1-2', "'+1-2"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
    ['-', "'-"],
  ])('neutralises a formula-like cell %j', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it.each([
    ['plain text', 'plain text'],
    ['a = b', 'a = b'],
    ['say "hi", then go', '"say ""hi"", then go"'],
    ['two\nlines', '"two\nlines"'],
    ['-12.50', '-12.50'],
    ['+3', '+3'],
    ['1e-7', '1e-7'],
    ["it's", "it's"],
    ['', ''],
  ])('leaves %j as text (quoted when needed)', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('writes numbers, booleans and absent values as they are', () => {
    expect([-12.5, 0, 10n, true, null, undefined, Number.NaN].map(csvCell)).toEqual([
      '-12.5',
      '0',
      '10',
      'true',
      '',
      '',
      '',
    ]);
  });
});

describe('toCsv', () => {
  it('ends every row with CRLF and quotes a lone empty cell so the row is not blank', () => {
    expect(toCsv([['name', 'amount'], ['=1+1', -12.5], ['']])).toBe(
      `name,amount\r\n'=1+1,-12.5\r\n""\r\n`,
    );
    expect(toCsv([])).toBe('');
  });

  it('reads back as the neutralised cells, for any text (RFC 4180 round trip)', async () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '=A1', '-1', '+2.5', ' '),
      fc
        .array(fc.constantFrom('=', '"', ',', '\r', '\n', 'a', '1', '-', '@', '\t'), {
          maxLength: 8,
        })
        .map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        async (rows) => {
          const read = await parse(toCsv(rows));
          expect(read).toEqual(rows.map((row) => row.map(neutralise)));
          // Nothing a spreadsheet would evaluate: a risky first character only on a number.
          for (const text of read.flat()) {
            if (/^[=+\-@\t\r]/.test(text)) expect(Number.isFinite(Number(text))).toBe(true);
          }
        },
      ),
      { seed: 4180, numRuns: 300 },
    );
  });
});
