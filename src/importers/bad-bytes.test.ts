/**
 * Bytes that once crashed, stalled or flooded an import (found by test/hardening's
 * fuzzers): a file cut inside a UTF-8 character, a long quoted cell arriving in tiny
 * chunks, a huge multi-line cell quoted whole in an issue message.
 */
import { describe, expect, it } from 'vitest';
import { readCsv } from './csv.ts';
import { importFileResult } from './detect.ts';

const OPTIONS = { timezone: 'UTC', currency: 'USD' };

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('a file cut inside a UTF-8 character', () => {
  const header =
    'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration\n';
  const row =
    'Zoé,z@example.test,,Coaching,,Séance,Yes,2024-03-04,10:00:00,2024-03-04,11:00:00,01:00:00\n';
  // The last byte is the first half of "é" (C3 A9).
  const cut = Buffer.concat([Buffer.from(header + row), Buffer.from('Zo\xc3', 'latin1')]);

  it('is an encoding issue on its line, with the format forced', async () => {
    const result = await importFileResult('cut.csv', () => [cut], { ...OPTIONS, format: 'toggl' });
    expect(result.issues).toEqual([
      expect.objectContaining({ file: 'cut.csv', line: 3, code: 'encoding', severity: 'error' }),
    ]);
  });

  it('is an encoding issue while detecting the format too', async () => {
    const tiny = Buffer.from('G\xcc', 'latin1');
    const result = await importFileResult('tiny.csv', () => [tiny], OPTIONS);
    expect(result.format).toBe('unknown');
    expect(result.issues).toEqual([
      expect.objectContaining({ file: 'tiny.csv', line: 1, code: 'encoding', severity: 'error' }),
    ]);
  });
});

describe('a long quoted cell in tiny chunks', () => {
  it('is read in linear time (papaparse re-parses an unfinished row on every write)', async () => {
    const cell = '"'.repeat(100_000);
    const bytes = Buffer.from(`a,b\n1,"${cell.replaceAll('"', '""')}"\n2,3\n`);
    const started = performance.now();
    const rows: string[][] = [];
    for await (const row of readCsv(chunks(bytes, 64))) rows.push(row.cells);
    // Before the fix: about 10 s on a laptop; now well under a second.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', cell],
      ['2', '3'],
    ]);
  });
});

describe('an issue about a huge multi-line cell', () => {
  it('quotes it on one line, cut in the middle', async () => {
    const header = 'Booking Date,Amount\n';
    const cell = `"2024-${'\n'.repeat(3)}${'x'.repeat(100_000)}"`;
    const bytes = Buffer.from(`${header}${cell},12.00\n`);
    const result = await importFileResult('bank.csv', () => [bytes], {
      ...OPTIONS,
      map: { date: 'Booking Date', amount: 'Amount' },
    });
    const [issue] = result.issues;
    expect(issue).toMatchObject({ line: 2, column: 1, code: 'bad_date' });
    expect(issue?.message).toMatch(/^not a date: "2024-↵↵↵x+…x+"$/);
    expect(issue?.message.length).toBeLessThanOrEqual(221);
  });
});
