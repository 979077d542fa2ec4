/**
 * Harvest, Reports → Time → Detailed → Export CSV. See shared/spec/formats.md §6.
 *
 * One row per person, task and day, with no start or end time: `Date` (`YYYY-MM-DD`) is the
 * date and `Hours` (decimal hours in the account's number format: `20,0`, `0,01`,
 * `2.000,0`) the length. The decimal mark is surveyed over the number columns of the
 * whole file. `Hours Rounded` is ignored: the rounding is a billing setting, not the time.
 */
import type { HeaderIndex } from '../csv.ts';
import type { CsvFormat, FormatContext, RowMapper } from '../format.ts';
import {
  attributesOf,
  billableOf,
  cellOf,
  decimalHours,
  emitTimeEntry,
  isTruncated,
  readDate,
} from '../time-entries.ts';

function columns(header: HeaderIndex) {
  return {
    date: header.find('Date'),
    client: header.find('Client'),
    project: header.find('Project'),
    projectCode: header.find('Project Code'),
    task: header.find('Task'),
    notes: header.find('Notes'),
    hours: header.find('Hours'),
    billable: header.find('Billable?', 'Billable'),
    firstName: header.find('First Name'),
    lastName: header.find('Last Name'),
  };
}

/** Number columns whose spelling shows the account's decimal mark. */
function numberColumns(header: HeaderIndex): number[] {
  return ['Hours', 'Hours Rounded', 'Billable Rate', 'Billable Amount', 'Cost Rate', 'Cost Amount']
    .map((name) => header.find(name))
    .filter((c) => c >= 0);
}

function open(ctx: FormatContext): RowMapper | { missing: string[] } {
  const col = columns(ctx.header);
  const missing = [col.date < 0 ? 'Date' : null, col.hours < 0 ? 'Hours' : null].filter(
    (name): name is string => name !== null,
  );
  if (missing.length) return { missing };
  return {
    row(row, emit) {
      if (isTruncated(ctx, row, [col.date, col.hours], emit)) return;
      const cell = (column: number) => cellOf(row, column);
      const date = readDate(ctx, row, col.date, emit);
      const hoursText = cell(col.hours);
      const hours = decimalHours(hoursText, ctx.spelling.decimal);
      if (hours === null) {
        emit.issue(
          row.line,
          'bad_duration',
          `cannot read the hours "${hoursText}" (expected decimal hours)`,
          col.hours,
        );
      }
      if (date === null || hours === null) return;
      const user = `${cell(col.firstName).trim()} ${cell(col.lastName).trim()}`;
      const identity = [
        user,
        cell(col.client),
        cell(col.project),
        cell(col.task),
        cell(col.notes),
        date,
        String(hours),
      ];
      const billable = cell(col.billable);
      emitTimeEntry(
        emit,
        {
          externalId: ctx.contentId(identity),
          date,
          hours,
          attributes: attributesOf({
            user,
            client: cell(col.client),
            project: cell(col.project),
            projectCode: cell(col.projectCode),
            task: cell(col.task),
            description: cell(col.notes),
            billable: billableOf(billable) ?? billable,
          }),
          source: { file: ctx.file, line: row.line },
        },
        col.hours,
      );
    },
  };
}

export const harvestFormat: CsvFormat = {
  id: 'harvest',
  label: 'Harvest detailed time report (CSV)',
  detect(header) {
    const col = columns(header);
    if (col.date < 0 || col.hours < 0) return 0;
    let score = 6;
    for (const c of [col.project, col.notes, col.firstName, col.lastName, col.billable, col.task])
      if (c >= 0) score += 1;
    return score;
  },
  survey(header) {
    const col = columns(header);
    return { dates: col.date >= 0 ? [col.date] : [], amounts: numberColumns(header) };
  },
  open,
};
