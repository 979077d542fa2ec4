/**
 * Clockify, Reports → Detailed → Export → CSV: the older column set and the newer one
 * (`Type`, `Invoiced`, `Invoice ID`, `Date of creation`), with optional columns
 * (`Client`, `Task` or `Activity`). See shared/spec/formats.md §5.
 *
 * Dates follow the user's profile (`MM/DD/YYYY`, `DD/MM/YYYY`, `YYYY-MM-DD`…): the date
 * columns are surveyed so the runner decides the order from a day above 12, or asks for
 * `--date-format`. The length is the exact `Duration (h)` (`HH:MM:SS`); `Duration
 * (decimal)` is rounded to 2 places and only used when the exact column is absent.
 * `Type` = `Break` rows are skipped (`break`). A Summary report is refused with an issue.
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

function columns(header: HeaderIndex) {
  return {
    project: header.find('Project'),
    client: header.find('Client'),
    description: header.find('Description'),
    task: header.find('Task', 'Activity'),
    user: header.find('User'),
    group: header.find('Group'),
    email: header.find('Email'),
    tags: header.find('Tags'),
    type: header.find('Type'),
    billable: header.find('Billable'),
    startDate: header.find('Start Date'),
    startTime: header.find('Start Time'),
    endDate: header.find('End Date'),
    endTime: header.find('End Time'),
    duration: header.find('Duration (h)', 'Duration'),
    decimal: header.find('Duration (decimal)'),
  };
}

/** The Summary report: title lines `Summary report`, a date range, then `User,Time (h),…`. */
function isSummary(header: HeaderIndex): boolean {
  const first = header.names[0]?.trim().toLowerCase() ?? '';
  return /^summary report/.test(first) || (header.has('Time (h)') && header.has('Time (decimal)'));
}

function refuseSummary(ctx: FormatContext): RowMapper {
  return {
    row() {},
    finish(emit) {
      emit.issue(
        1,
        'unsupported_report',
        `${ctx.file} is a Clockify Summary report (totals per user, no entries): export Reports → Detailed → CSV instead`,
      );
    },
  };
}

function open(ctx: FormatContext): RowMapper | { missing: string[] } {
  if (isSummary(ctx.header)) return refuseSummary(ctx);
  const col = columns(ctx.header);
  const durationCol = col.duration >= 0 ? col.duration : col.decimal;
  const missing = [
    col.startDate < 0 ? 'Start Date' : null,
    durationCol < 0 ? 'Duration (h)' : null,
  ].filter((name): name is string => name !== null);
  if (missing.length) return { missing };
  return {
    row(row, emit) {
      if (isTruncated(ctx, row, [col.startDate, durationCol], emit)) return;
      const cell = (column: number) => cellOf(row, column);
      if (cell(col.type).trim().toLowerCase() === 'break') {
        emit.skip(row.line, 'break');
        return;
      }
      const date = readDate(ctx, row, col.startDate, emit);
      const hours = readDurationHours(ctx, row, durationCol, emit);
      if (date === null || hours === null) return;
      const identity = [
        cell(col.user),
        cell(col.email),
        cell(col.client),
        cell(col.project),
        cell(col.task),
        cell(col.description),
        date,
        clockKey(cell(col.startTime)),
        clockKey(cell(col.endTime)),
        String(Math.round(hours * 3600)),
      ];
      const billable = cell(col.billable);
      emitTimeEntry(
        emit,
        {
          externalId: ctx.contentId(identity),
          date: inPracticeZone(ctx, date, cell(col.startTime)),
          hours,
          attributes: attributesOf({
            user: cell(col.user),
            email: cell(col.email),
            group: cell(col.group),
            client: cell(col.client),
            project: cell(col.project),
            task: cell(col.task),
            description: cell(col.description),
            tags: cell(col.tags),
            billable: billableOf(billable) ?? billable,
          }),
          source: { file: ctx.file, line: row.line },
        },
        durationCol,
      );
    },
  };
}

export const clockifyFormat: CsvFormat = {
  id: 'clockify',
  label: 'Clockify detailed report (CSV)',
  detect(header) {
    if (isSummary(header)) return 3;
    const col = columns(header);
    if (col.startDate < 0 || col.startTime < 0) return 0;
    let score = 5;
    if (header.has('Duration (h)', 'Duration (decimal)')) score += 4;
    for (const c of [col.user, col.email, col.project, col.description, col.group, col.endTime])
      if (c >= 0) score += 1;
    if (header.match(/^billable (rate|amount) \(/) >= 0) score += 1;
    return score;
  },
  survey(header) {
    if (isSummary(header)) return {};
    const col = columns(header);
    return {
      dates: [col.startDate, col.endDate, header.find('Date of creation')].filter((c) => c >= 0),
      amounts: col.duration < 0 && col.decimal >= 0 ? [col.decimal] : [],
    };
  },
  open,
};
