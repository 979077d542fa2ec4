/**
 * Harvest detailed time report on the real export (shared/fixtures/harvest) and a Latin-1
 * CRLF file of ours (test/fixtures/harvest).
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import { crlf, importBytes, local } from '../time-fixtures.testing.ts';

describe('Harvest detailed time report', () => {
  it('reads decimal-comma hours: "20,0" is 20 h and "0,01" is 0.01 h', async () => {
    const bytes = sharedFixture('harvest/solidtime_harvest_time_entries_import_test_1.csv');
    const sut = await importBytes('h1.csv', bytes);
    expect(await importBytes('h1.csv', crlf(bytes))).toEqual(sut);
    // By hand: both rows 2024-03-04, Peter Tester. Line 2: "20,0" h, Billable? No, notes
    // `""` (empty). Line 3: "0,01" h, Task 1, Working hard, Billable? Yes. The decimal
    // comma shows in "20,0" and "2.000,0" (two thousand, a Billable Amount).
    expect(sut.format).toBe('harvest');
    expect(sut.issues).toEqual([]);
    expect(sut.records.map((r) => [r.date, r.kind === 'time' && r.hours])).toEqual([
      ['2024-03-04', 20],
      ['2024-03-04', 0.01],
    ]);
    // Line 2's Notes are `""`: no description attribute at all.
    expect(sut.records[0]?.attributes.description).toBeUndefined();
    expect(sut.records[1]?.attributes).toEqual({
      user: 'Peter Tester',
      client: 'Big Company',
      project: 'Project for Big Company',
      task: 'Task 1',
      description: 'Working hard',
      billable: 'yes',
    });
    expect(sut).toMatchSnapshot();
  });

  it('reads a Latin-1 file with CRLF line endings and the Hours Rounded column', async () => {
    const sut = await importBytes('latin1.csv', local('harvest/harvest_latin1.csv'));
    // "1,5" h on 2024-05-02 for Zoé Dupré; line 3 is "0,0" h → zero_length.
    expect(sut.issues).toEqual([]);
    expect(sut.skipped).toEqual([
      { source: { file: 'latin1.csv', line: 3 }, reason: 'zero_length' },
    ]);
    expect(sut.records).toEqual([
      expect.objectContaining({
        date: '2024-05-02',
        hours: 1.5,
        attributes: expect.objectContaining({
          user: 'Zoé Dupré',
          client: 'Café Lumière',
          description: 'Préparation séance',
          projectCode: 'CL-1',
        }),
      }),
    ]);
  });

  it('gives identical rows distinct ids and the same ids on a second read', async () => {
    const bytes = sharedFixture('harvest/solidtime_harvest_time_entries_import_test_1.csv');
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    const doubled = Buffer.from(`${[...lines, lines[2]].join('\n')}\n`);
    const first = await importBytes('h.csv', doubled);
    const again = await importBytes('h.csv', doubled);
    const ids = first.records.map((r) => r.externalId);
    expect(again.records.map((r) => r.externalId)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe(ids[1]?.replace(/#1$/, '#2'));
  });
});
