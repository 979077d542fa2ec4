/**
 * Toggl detailed report on real exports (shared/fixtures/toggl) and our edge-case files
 * (test/fixtures/toggl). Every fixture is read as stored and with CRLF line endings.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import { crlf, importBytes, local, timeEntries } from '../time-fixtures.testing.ts';

async function both(file: string, bytes: Buffer, options = {}) {
  const sut = await importBytes(file, bytes, options);
  expect(await importBytes(file, crlf(bytes), options)).toEqual(sut);
  return sut;
}

describe('Toggl detailed report', () => {
  it('reads the older export: BOM, zero-length entry, tags with a comma, Amount (EUR)', async () => {
    const sut = await both(
      't1.csv',
      sharedFixture('toggl/solidtime_toggl_time_entries_import_test_1.csv'),
    );
    // Checked by hand against the file: the BOM is gone (format detected from `User`);
    // line 2 is 00:00:00 → skipped zero_length (its "Development, Backend" tags do not
    // split the row); line 3 is 2024-03-04, 01:00:01 = 3601/3600 h, Yes, Task 1.
    expect(sut.format).toBe('toggl');
    expect(sut.issues).toEqual([]);
    expect(sut.skipped).toEqual([{ source: { file: 't1.csv', line: 2 }, reason: 'zero_length' }]);
    expect(sut.records).toHaveLength(1);
    expect(sut.records[0]).toMatchObject({
      date: '2024-03-04',
      hours: 3601 / 3600,
      attributes: { client: 'Big Company', task: 'Task 1', billable: 'yes' },
    });
    expect(sut).toMatchSnapshot();
  });

  it('reads the newer all-quoted export: emoji, doubled quotes and backslashes', async () => {
    const sut = await both(
      't2.csv',
      sharedFixture('toggl/solidtime_toggl_time_entries_import_test_2.csv'),
    );
    // By hand: one row, 2024-10-15 12:02:17 → 12:02:19, 00:00:02 = 2 s; the description
    // unquoted keeps `""""""` as three quotes and the backslashes as written.
    expect(sut.records).toHaveLength(1);
    expect(timeEntries(sut)[0]?.hours).toBe(2 / 3600);
    expect(sut.records[0]?.attributes.description).toBe(
      '\\\\ 🔥 Special characters  """`!@#$%^&*()_+\\-=\\[\\]{};\':"\\\\|,.\'\'<>\\/?~ \\\\\\',
    );
    expect(sut.records[0]?.attributes.billable).toBe('no');
    expect(sut).toMatchSnapshot();
  });

  it('reads the 2014 Japanese export: いいえ is No, `Amount ()` has no currency', async () => {
    const sut = await both('jp.csv', sharedFixture('toggl/toggl2html_test_execute_01.csv'));
    // By hand: 2014-06-23 00:00–08:00 = 8 h (睡眠), 10:00–22:00 = 12 h; Billable いいえ.
    expect(sut.issues).toEqual([]);
    expect(sut.records.map((r) => [r.date, r.kind === 'time' && r.hours])).toEqual([
      ['2014-06-23', 8],
      ['2014-06-23', 12],
    ]);
    expect(sut.records.map((r) => r.attributes.billable)).toEqual(['no', 'no']);
    expect(sut.records[1]?.attributes.project).toBe('娯楽');
    expect(sut).toMatchSnapshot();
  });

  it('keeps an entry crossing midnight on its start date, whatever the time zone', async () => {
    const bytes = local('toggl/toggl_crlf_edge_cases.csv');
    const dates = [];
    for (const timezone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles']) {
      const sut = await importBytes('edge.csv', bytes, { timezone });
      // Line 2: 2024-03-09 23:30 → 2024-03-10 00:30, 01:00:00.
      dates.push(sut.records[0]?.date);
      expect(sut.records[0]).toMatchObject({ hours: 1, source: { line: 2 } });
    }
    expect(dates).toEqual(['2024-03-09', '2024-03-09', '2024-03-09']);
  });

  it('skips an entry over 24 hours with a warning, keeps identical rows apart', async () => {
    const sut = await both('edge.csv', local('toggl/toggl_crlf_edge_cases.csv'));
    // Line 3 is 25:30:00 → skipped over_24h with a warning on the Duration cell. Lines 4
    // and 5 are the same 15-minute entry twice: both kept, ids …#1 and …#2. Line 6 starts
    // a quoted description spanning two lines; its duration is written `1:00:00`.
    expect(sut.skipped).toEqual([{ source: { file: 'edge.csv', line: 3 }, reason: 'over_24h' }]);
    expect(sut.issues).toEqual([
      expect.objectContaining({
        line: 3,
        column: 12,
        columnName: 'Duration',
        code: 'over_24h',
        severity: 'warning',
      }),
    ]);
    const [, twin1, twin2, multi] = sut.records;
    expect(twin1?.externalId.replace(/#\d$/, '')).toBe(twin2?.externalId.replace(/#\d$/, ''));
    expect([twin1?.externalId.slice(-2), twin2?.externalId.slice(-2)]).toEqual(['#1', '#2']);
    expect(multi).toMatchObject({
      date: '2024-03-12',
      hours: 1,
      attributes: { description: 'Chapter 2\nfirst draft', tags: 'book, drafts' },
      source: { line: 6 },
    });
    expect(sut).toMatchSnapshot();
  });

  it('gives the same ids when the same file is read again', async () => {
    const bytes = local('toggl/toggl_crlf_edge_cases.csv');
    const ids = async () => (await importBytes('edge.csv', bytes)).records.map((r) => r.externalId);
    expect(await ids()).toEqual(await ids());
  });

  it('locates a bad date, a bad duration and a row cut short', async () => {
    const sut = await importBytes('broken.csv', local('toggl/toggl_broken.csv'));
    expect(sut.records.map((r) => r.source.line)).toEqual([2]);
    expect(sut.issues.map((i) => [i.line, i.column, i.columnName, i.code, i.severity])).toEqual([
      [3, 8, 'Start date', 'bad_date', 'error'],
      [4, 12, 'Duration', 'bad_duration', 'error'],
      [5, 12, 'Duration', 'truncated_row', 'error'],
    ]);
    expect(sut.issues.every((i) => i.file === 'broken.csv')).toBe(true);
  });

  it('names a missing required column', async () => {
    const sut = await importBytes('nodur.csv', local('toggl/toggl_missing_duration.csv'));
    expect(sut.format).toBe('toggl');
    expect(sut.issues).toEqual([
      {
        file: 'nodur.csv',
        line: 1,
        column: undefined,
        columnName: undefined,
        code: 'missing_columns',
        message: 'missing column: Duration',
        severity: 'error',
      },
    ]);
  });
});
