/**
 * Clockify detailed report on real exports (shared/fixtures/clockify) and our files
 * (test/fixtures/clockify). Every fixture is read as stored and with CRLF line endings.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import { crlf, importBytes, local } from '../time-fixtures.testing.ts';

async function both(file: string, bytes: Buffer, options = {}) {
  const sut = await importBytes(file, bytes, options);
  expect(await importBytes(file, crlf(bytes), options)).toEqual(sut);
  return sut;
}

const US = { dateFormat: 'MM/DD/YYYY' };

describe('Clockify detailed report', () => {
  it('asks for --date-format when no day is above 12 (03/04/2024 only)', async () => {
    const sut = await importBytes(
      'c1.csv',
      sharedFixture('clockify/solidtime_clockify_time_entries_import_test_1.csv'),
    );
    expect(sut.format).toBe('clockify');
    expect(sut.records).toEqual([]);
    expect(sut.issues).toEqual([
      expect.objectContaining({ line: 1, code: 'date_format', severity: 'error' }),
    ]);
    expect(sut.issues[0]?.message).toContain('--date-format');
  });

  it('reads the older set with --date-format: 12-hour times, `10:23 AM` without seconds', async () => {
    const sut = await both(
      'c1.csv',
      sharedFixture('clockify/solidtime_clockify_time_entries_import_test_1.csv'),
      US,
    );
    // By hand: line 2 is 00:00:00 → zero_length. Line 3 starts `10:23 AM` (no seconds),
    // ends 11:23:01 AM, Duration (h) 01:00:01 = 3601 s (Duration (decimal) says 0.00 and is
    // ignored), 03/04/2024 month-first = 2024-03-04, Billable Yes.
    expect(sut.issues).toEqual([]);
    expect(sut.skipped).toEqual([{ source: { file: 'c1.csv', line: 2 }, reason: 'zero_length' }]);
    expect(sut.records).toEqual([
      expect.objectContaining({
        date: '2024-03-04',
        hours: 3601 / 3600,
        source: { file: 'c1.csv', line: 3 },
      }),
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('reads the newer set: month-first decided by 10/15/2024, Group with commas', async () => {
    const sut = await both(
      'c2.csv',
      sharedFixture('clockify/solidtime_clockify_time_entries_import_test_2.csv'),
    );
    // By hand: 10/15/2024 11:00:00 AM → 11:30:00 AM, 00:30:00 = 0.5 h; Type Regular;
    // Group "Group1, Group2"; Billable Yes; EUR rate columns are not time.
    expect(sut.issues).toEqual([]);
    expect(sut.records).toEqual([
      expect.objectContaining({
        date: '2024-10-15',
        hours: 0.5,
        attributes: expect.objectContaining({ group: 'Group1, Group2', billable: 'yes' }),
      }),
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('reads a file without the Client column', async () => {
    const sut = await both(
      'c6.csv',
      sharedFixture('clockify/solidtime_clockify_time_entries_import_test_6.csv'),
      US,
    );
    // By hand: as test_1 but projects "Project A"/"Project B" and no Client column.
    expect(sut.issues).toEqual([]);
    expect(sut.records).toHaveLength(1);
    expect(sut.records[0]?.attributes).toEqual({
      user: 'Peter Tester',
      email: 'peter.test@email.test',
      project: 'Project B',
      task: 'Task 1',
      description: 'Working hard',
      billable: 'yes',
    });
    expect(sut).toMatchSnapshot();
  });

  it('reads day-first dates and 24-hour times, skips breaks, uses the exact duration', async () => {
    const sut = await both('dmy.csv', local('clockify/clockify_dmy_24h.csv'));
    // 13/04/2024 on line 4 decides day-first, so 03/04/2024 is 3 April. Line 2: 01:17:00
    // = 77 min (the decimal column says 1.28). Line 3: Type Break → skipped. Line 4:
    // 23:30 → 00:45 next day stays on 2024-04-13, 1.25 h.
    expect(sut.issues).toEqual([]);
    expect(sut.skipped).toEqual([{ source: { file: 'dmy.csv', line: 3 }, reason: 'break' }]);
    expect(sut.records.map((r) => [r.date, r.kind === 'time' && r.hours])).toEqual([
      ['2024-04-03', 77 / 60],
      ['2024-04-13', 1.25],
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('reports a date that contradicts the given --date-format', async () => {
    const sut = await importBytes('dmy.csv', local('clockify/clockify_dmy_24h.csv'), US);
    expect(sut.issues).toEqual([
      expect.objectContaining({ line: 4, column: 13, columnName: 'Start Date', code: 'bad_date' }),
    ]);
  });

  it('refuses a Summary report with a clear issue', async () => {
    const sut = await importBytes('summary.csv', local('clockify/clockify_summary.csv'));
    expect(sut.format).toBe('clockify');
    expect(sut.records).toEqual([]);
    expect(sut.issues).toEqual([
      expect.objectContaining({ line: 1, code: 'unsupported_report', severity: 'error' }),
    ]);
    expect(sut.issues[0]?.message).toContain('Detailed');
  });
});
