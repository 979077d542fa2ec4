/**
 * Toggl Track, Reports → Detailed → Export CSV: the older column set (2014–2023, with
 * `Amount (CUR)` or `Amount ()`) and the newer one (2024, every field quoted, no Amount
 * when the workspace has no rates). See shared/spec/formats.md §4.
 *
 * One row is one entry: `Duration` (`HH:MM:SS`, hours may exceed 24) is the length, the
 * `Start date` is the date. The file has no time zone: its wall-clock times are the
 * exporting profile's, read as `options.timezone`, so the local start date is the date as
 * written and an entry that crosses midnight stays on the day it started.
 */

import type { HeaderIndex } from '../csv.ts';
import type { CsvFormat, FormatContext, RowMapper } from '../format.ts';
import {
  attributesOf,
  billableOf,
  cellOf,
  clockKey,
  emitTimeEntry,
  inPracticeZone,
  isTruncated,
  readDate,
  readDurationHours,
} from '../time-entries.ts';
import { parseNumber } from '../values.ts';

function columns(header: HeaderIndex) {
  return {
    user: header.find('User', 'Member'),
    email: header.find('Email'),
    client: header.find('Client'),
    project: header.find('Project'),
    task: header.find('Task'),
    description: header.find('Description'),
    billable: header.find('Billable'),
    startDate: header.find('Start date'),
    startTime: header.find('Start time'),
    endDate: header.find('End date'),
    endTime: header.find('End time'),
    duration: header.find('Duration'),
    tags: header.find('Tags'),
    amount: header.match(/^amount( \(.*\))?$/),
  };
}

/** `Billable` in any language; an unknown word falls back to whether there is an amount. */
function billable(text: string, amount: string): string {
  const known = billableOf(text);
  if (known) return known;
  const value = parseNumber(amount, '.');
  if (value) return value.num > 0n ? 'yes' : 'no';
  return text;
}

function open(ctx: FormatContext): RowMapper | { missing: string[] } {
  const col = columns(ctx.header);
  const missing = [
    col.startDate < 0 ? 'Start date' : null,
    col.duration < 0 ? 'Duration' : null,
  ].filter((name): name is string => name !== null);
  if (missing.length) return { missing };
  return {
    row(row, emit) {
      if (isTruncated(ctx, row, [col.startDate, col.duration], emit)) return;
      const date = readDate(ctx, row, col.startDate, emit);
      const hours = readDurationHours(ctx, row, col.duration, emit);
      if (date === null || hours === null) return;
      const cell = (column: number) => cellOf(row, column);
      const endDate = cell(col.endDate);
      const identity = [
        cell(col.user),
        cell(col.email),
        cell(col.client),
        cell(col.project),
        cell(col.task),
        cell(col.description),
        date,
        clockKey(cell(col.startTime)),
        endDate,
        clockKey(cell(col.endTime)),
        String(Math.round(hours * 3600)),
      ];
      emitTimeEntry(
        emit,
        {
          externalId: ctx.contentId(identity),
          date: inPracticeZone(ctx, date, cell(col.startTime)),
          hours,
          attributes: attributesOf({
            user: cell(col.user),
            email: cell(col.email),
            client: cell(col.client),
            project: cell(col.project),
            task: cell(col.task),
            description: cell(col.description),
            tags: cell(col.tags),
            billable: col.billable < 0 ? '' : billable(cell(col.billable), cell(col.amount)),
          }),
          source: { file: ctx.file, line: row.line },
        },
        col.duration,
      );
    },
  };
}

export const togglFormat: CsvFormat = {
  id: 'toggl',
  label: 'Toggl Track detailed report (CSV)',
  detect(header) {
    const col = columns(header);
    if (col.startDate < 0 || col.startTime < 0) return 0;
    // Clockify's detailed report has the same date columns but `Duration (h)`.
    if (header.has('Duration (h)', 'Duration (decimal)')) return 0;
    let score = 5;
    if (col.duration >= 0) score += 3;
    for (const c of [col.user, col.email, col.project, col.description, col.tags, col.endTime])
      if (c >= 0) score += 1;
    if (col.amount >= 0) score += 1;
    return score;
  },
  survey(header) {
    const col = columns(header);
    return { dates: [col.startDate, col.endDate].filter((c) => c >= 0) };
  },
  open,
};
