/**
 * Timestamps in exports and the practice's calendar: a value such as `2023-04-03 02:15`,
 * `4/3/2023 2:15 PM` or `2023-04-03T02:15:40Z` is read in the file's date order, then
 * placed in time by what the export says about its clock (UTC, a fixed offset such as
 * PayPal's `PDT`, or an IANA zone) and turned into the date in the practice's zone.
 */
import { type IsoDate, instantFromWallClock, wallClockIn } from '../domain/dates.ts';
import { type DateOrder, parseClock, parseDate } from './values.ts';

export interface ParsedTimestamp {
  date: IsoDate;
  /** Seconds since midnight; null when the value has no time of day. */
  seconds: number | null;
  /** Minutes east of UTC when the value names its offset (`Z`, `+02:00`), else null. */
  offsetMinutes: number | null;
}

const DATE_ONLY = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/;
const TIME =
  /^(\d{1,2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?\s*([AaPp])?\.?([Mm])?\.?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/;

/**
 * Reads a date with an optional time and offset.
 * @example parseTimestamp('2023-04-03 02:15', 'ymd') // { date: '2023-04-03', seconds: 8100, offsetMinutes: null }
 * @example parseTimestamp('4/3/2023 2:15 PM', 'mdy') // { date: '2023-04-03', seconds: 51300, … }
 */
export function parseTimestamp(text: string, order: DateOrder): ParsedTimestamp | null {
  const m = /^(\S+?)(?:(?:T|\s+)(.*))?$/.exec(text.trim());
  if (!m || !DATE_ONLY.test(m[1]!)) return null;
  const date = parseDate(m[1]!, order);
  if (!date) return null;
  const rest = m[2]?.trim();
  if (!rest) return { date, seconds: null, offsetMinutes: null };
  const t = TIME.exec(rest);
  if (!t) return null;
  const meridiem = t[2] ? `${t[2]}${t[3] ?? 'M'}` : '';
  const seconds = parseClock(`${t[1]}${meridiem ? ` ${meridiem}` : ''}`);
  if (seconds === null) return null;
  const offsetMinutes = t[4] ? parseOffset(t[4]) : null;
  if (t[4] && offsetMinutes === null) return null;
  return { date, seconds, offsetMinutes };
}

/**
 * Minutes east of UTC of an offset written `Z`, `UTC`, `GMT`, `+02:00`, `-0500`, `+1`,
 * `GMT+01:00` or `UTC-5`; null for anything else.
 */
export function parseOffset(text: string): number | null {
  const s = text.trim().toUpperCase();
  if (s === 'Z' || s === 'UTC' || s === 'GMT') return 0;
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Zone offsets (ms) by UTC day, and on the days the offset changes, the instant of the
 * change with the offsets either side: `Intl` is slow and offsets change rarely (a few
 * days a year). A change need not fall on a quarter hour of UTC: the end of local mean
 * time (Lord Howe's +10:36:20 until 1895) falls at 13:23:40.
 */
interface Change {
  /** The first whole second (ms) on the new offset. */
  at: number;
  before: number;
  after: number;
}
const offsetCache = new Map<string, { byDay: Map<number, number | Change> }>();
const DAY_MS = 86_400_000;

function offsetAt(instantMs: number, zone: string): number {
  const c = wallClockIn(instantMs, zone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - instantMs;
}

/**
 * The offset of a UTC day, or its change. Offsets and their changes fall on whole seconds
 * (tzdata's resolution), so the same offset at both ends means none in between (no zone
 * changes twice within a day and back), and a search over the day's seconds finds the
 * change.
 */
function offsetsOfDay(day: number, zone: string): number | Change {
  const start = day * DAY_MS;
  const last = start + DAY_MS - 1000;
  const before = offsetAt(start, zone);
  const after = offsetAt(last, zone);
  if (before === after) return before;
  let lo = 0; // seconds into the day known to be on the first offset
  let hi = (last - start) / 1000; // … known to be on another
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(start + mid * 1000, zone) === before) lo = mid;
    else hi = mid;
  }
  return { at: start + hi * 1000, before, after };
}

/** The date in `zone` of an instant (as `dateInZone` gives it), offsets cached. */
export function localDateOf(instantMs: number, zone: string): IsoDate {
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = { byDay: new Map() };
    offsetCache.set(zone, cache);
  }
  const day = Math.floor(instantMs / DAY_MS);
  let offsets = cache.byDay.get(day);
  if (offsets === undefined) {
    if (cache.byDay.size > 50_000) cache.byDay.clear();
    offsets = offsetsOfDay(day, zone);
    cache.byDay.set(day, offsets);
  }
  const offset =
    typeof offsets === 'number' ? offsets : instantMs < offsets.at ? offsets.before : offsets.after;
  return isoDateOf(instantMs + offset);
}

/** The largest magnitude of a valid `Date` (ms). */
const DATE_LIMIT = 8.64e15;
/** ISO dates by day number (days since 1970-01-01 UTC), and start ms by ISO date. */
const dateOfDay = new Map<number, IsoDate>();
const startOfDate = new Map<string, number>();

/**
 * `new Date(ms).toISOString().slice(0, 10)`, the string kept per day: an import's rows
 * fall on a few thousand days, so most rows need no `Date` at all.
 */
function isoDateOf(ms: number): IsoDate {
  if (!(Math.abs(ms) <= DATE_LIMIT)) return new Date(ms).toISOString().slice(0, 10);
  const day = Math.floor(ms / DAY_MS);
  let date = dateOfDay.get(day);
  if (date === undefined) {
    if (dateOfDay.size > 50_000) dateOfDay.clear();
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateOfDay.set(day, date);
  }
  return date;
}

function wallClockMs(ts: ParsedTimestamp): number {
  // Date.UTC of the date, kept per date string (same value, no split per row).
  let start = startOfDate.get(ts.date);
  if (start === undefined) {
    const [y, mo, d] = ts.date.split('-').map(Number) as [number, number, number];
    start = Date.UTC(y, mo - 1, d);
    if (startOfDate.size > 50_000) startOfDate.clear();
    startOfDate.set(ts.date, start);
  }
  return start + (ts.seconds ?? 0) * 1000;
}

/**
 * The practice-zone date of a timestamp written at a fixed offset from UTC (0 for UTC).
 * A value without a time of day is a calendar date and stays as written.
 * @example dateAtOffset({ date: '2023-04-03', seconds: 7200, offsetMinutes: null }, 0, 'America/New_York') // '2023-04-02'
 */
export function dateAtOffset(ts: ParsedTimestamp, offsetMinutes: number, zone: string): IsoDate {
  if (ts.seconds === null) return ts.date;
  return localDateOf(wallClockMs(ts) - offsetMinutes * 60_000, zone);
}

/** The practice-zone date of a timestamp written on the wall clock of IANA zone `from`. */
export function dateFromZone(ts: ParsedTimestamp, from: string, zone: string): IsoDate {
  if (ts.seconds === null) return ts.date;
  if (from === zone) return ts.date;
  const s = ts.seconds;
  const [year, month, day] = ts.date.split('-').map(Number) as [number, number, number];
  const instant = instantFromWallClock(
    {
      year,
      month,
      day,
      hour: Math.floor(s / 3600),
      minute: Math.floor((s % 3600) / 60),
      second: s % 60,
    },
    from,
  );
  return localDateOf(instant, zone);
}

/**
 * The practice-zone date of a timestamp whose own offset wins when it has one (`…Z`,
 * `…+02:00`), else it is read at `offsetMinutes` (UTC for Stripe's `(UTC)` columns).
 */
export function dateOfUtcTimestamp(ts: ParsedTimestamp, zone: string, offsetMinutes = 0): IsoDate {
  return dateAtOffset(ts, ts.offsetMinutes ?? offsetMinutes, zone);
}
