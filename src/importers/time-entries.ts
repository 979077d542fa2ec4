/**
 * What the time importers (Toggl, Clockify, Harvest, iCalendar) share: reading a
 * duration cell, the localised yes/no of a `Billable` column, the attributes a rule can
 * match, and the one place that decides whether a length of time becomes an entry.
 *
 * Length policy: 0 seconds → skipped `zero_length`; more than 24 hours → skipped
 * `over_24h` (a timer left running, or a multi-day calendar block, is not a day's work);
 * up to 24 hours → one entry on the local start date, even when it crosses midnight.
 */
import { dateInZone, type IsoDate, instantFromWallClock } from '../domain/dates.ts';
import type { CsvRow } from './csv.ts';
import type { Emit, FormatContext } from './format.ts';
import type { Attributes, ImportedTimeEntry } from './types.ts';
import { type DecimalMark, parseClock, parseDate, parseDuration, parseNumber } from './values.ts';

export const MAX_ENTRY_HOURS = 24;

/** Why a length of time is not an entry, or null when it is one. */
export function lengthVerdict(hours: number): 'zero_length' | 'over_24h' | null {
  if (!(hours > 0)) return 'zero_length';
  if (hours > MAX_ENTRY_HOURS) return 'over_24h';
  return null;
}

/**
 * A duration cell → seconds: `HH:MM[:SS]` (hours may exceed 24) or decimal hours in the
 * file's decimal mark (`1.5`, `0,01`, `2.000,0`). Null when unreadable or negative.
 * @example durationSeconds('25:30:00') // 91800
 * @example durationSeconds('0,01', ',') // 36
 */
export function durationSeconds(text: string, decimal?: DecimalMark): number | null {
  const clock = parseDuration(text);
  if (clock !== null) return clock;
  const hours = decimalHours(text, decimal);
  return hours === null ? null : Math.round(hours * 3600);
}

/** Decimal hours → exact hours as a number (`0,01` → 0.01), or null. */
export function decimalHours(text: string, decimal?: DecimalMark): number | null {
  // Digits and separators only: parseNumber would read `1h` or `1 EUR` as 1.
  if (!/^\d[\d.,]*$/.test(text.trim())) return null;
  const value = parseNumber(text, decimal);
  if (!value || value.num < 0n) return null;
  return Number(value.num) / 10 ** value.scale;
}

const YES = new Set(
  'yes y true 1 x ja oui sí si sì sim tak да 是 はい 예 kyllä igen evet ano áno'.split(' '),
);
const NO = new Set(
  'no n false 0 nein non não nao nie нет 否 いいえ 아니요 아니오 ei nee nej nei nem hayır ne'.split(
    ' ',
  ),
);

/**
 * A `Billable` cell in any common UI language → `yes` / `no`, or null when unknown.
 * @example billableOf('いいえ') // 'no'
 */
export function billableOf(text: string): 'yes' | 'no' | null {
  const key = text.trim().toLowerCase();
  if (YES.has(key)) return 'yes';
  if (NO.has(key)) return 'no';
  return null;
}

/** Attributes with empty values dropped, the rest trimmed, line breaks as `\n`. */
export function attributesOf(values: Record<string, string | null | undefined>): Attributes {
  const out: Attributes = {};
  for (const name in values) {
    const value = values[name];
    if (!value) continue;
    // Most cells hold no carriage return: skip the regular expression for them.
    const text = (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value).trim();
    if (text) out[name] = text;
  }
  return out;
}

/**
 * Emits a time entry of a CSV row, or the skip its length calls for. An entry over
 * 24 hours also gets a warning on the duration cell: it is usually a timer left running.
 */
export function emitTimeEntry(
  emit: Emit,
  entry: Omit<ImportedTimeEntry, 'kind'>,
  durationColumn: number,
): void {
  const verdict = lengthVerdict(entry.hours);
  if (verdict === null) {
    emit.record({ kind: 'time', ...entry });
    return;
  }
  emit.skip(entry.source.line, verdict);
  if (verdict === 'over_24h') {
    emit.issue(
      entry.source.line,
      'over_24h',
      `an entry of ${entry.hours.toFixed(2)} hours (over 24) was not imported: fix it at the source (a timer left running?) and import again`,
      durationColumn,
      'warning',
    );
  }
}

/**
 * The practice-calendar date of an entry that started at `date` + `clock` on the wall
 * clock of `options.sourceTimezone`. Without a source zone (or the same as the
 * practice's), or without a readable start time, the date is the one written.
 * @example inPracticeZone(ctx, '2024-03-04', '23:30:00') // '2024-03-05' for Europe/Berlin → Asia/Tokyo
 */
export function inPracticeZone(ctx: FormatContext, date: IsoDate, clock: string): IsoDate {
  const source = ctx.options.sourceTimezone;
  if (!source || source === ctx.options.timezone) return date;
  const seconds = parseClock(clock);
  if (seconds === null) return date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const instant = instantFromWallClock(
    {
      year,
      month,
      day,
      hour: Math.floor(seconds / 3600),
      minute: Math.floor(seconds / 60) % 60,
      second: seconds % 60,
    },
    source,
  );
  return dateInZone(instant, ctx.options.timezone);
}

/** A clock cell normalised for a content id (`2:05 PM` and `14:05:00` agree). */
export function clockKey(text: string): string {
  const seconds = parseClock(text);
  return seconds === null ? text.trim() : String(seconds);
}

/** A cell's text, '' for a column the header lacks (-1) or the row does not reach. */
export function cellOf(row: CsvRow, column: number): string {
  return column < 0 ? '' : (row.cells[column] ?? '');
}

/**
 * Reports a row cut short (fewer cells than a required column needs) and returns true,
 * so the caller drops the row: a truncated last line of a download, for instance.
 */
export function isTruncated(
  ctx: FormatContext,
  row: CsvRow,
  required: readonly number[],
  emit: Emit,
): boolean {
  const lacking = required.find((column) => column >= row.cells.length);
  if (lacking === undefined) return false;
  emit.issue(
    row.line,
    'truncated_row',
    `the row has ${row.cells.length} of ${ctx.header.names.length} columns (cut short?)`,
    lacking,
  );
  return true;
}

/** A date cell in the file's date order, or null after reporting `bad_date`. */
export function readDate(
  ctx: FormatContext,
  row: CsvRow,
  column: number,
  emit: Emit,
): IsoDate | null {
  const text = cellOf(row, column);
  const order = ctx.spelling.dateOrder;
  // Without a decided order only year-first dates are unambiguous: never guess.
  const date = order || /^\s*\d{4}/.test(text) ? parseDate(text, order ?? 'ymd') : null;
  if (date) return date;
  emit.issue(row.line, 'bad_date', `cannot read the date "${text}"`, column);
  return null;
}

/** A duration cell in hours, or null after reporting `bad_duration`. */
export function readDurationHours(
  ctx: FormatContext,
  row: CsvRow,
  column: number,
  emit: Emit,
): number | null {
  const text = cellOf(row, column);
  const seconds = durationSeconds(text, ctx.spelling.decimal);
  if (seconds !== null) return seconds / 3600;
  emit.issue(
    row.line,
    'bad_duration',
    `cannot read the duration "${text}" (expected HH:MM:SS or decimal hours)`,
    column,
  );
  return null;
}
