/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and the day arithmetic on them.
 * Dates are the practice's local calendar; no clock and no time zone here except in
 * `dateInZone`, which turns an instant into the local date of an IANA zone.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Milliseconds since the epoch of a UTC calendar date (`month0` 0-based, overflow
 * carried). Unlike `Date.UTC`, which reads years 0–99 as 1900–1999, any year is taken
 * as written.
 */
function utcMs(year: number, month0: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month0, day);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(utcMs(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The same calendar date `years` earlier or later; 29 February maps to 28 February. */
export function shiftYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const day = Math.min(d, daysInMonth(year, m));
  return `${String(year).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
}

/** `YYYY-MM` of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${pad(daysInMonth(y, m))}`;
}

/**
 * The month index of a date or a `YYYY-MM` label: months since year 0, compared as
 * numbers (text comparison breaks past year 9999 and before year 1000).
 * @example monthIndex('2025-07-14') - monthIndex('2025-06') // 1
 */
export function monthIndex(date: IsoDate | string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** First day of the month `months` after (or before, when negative) the month of `date`. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}-01`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** True when `zone` is an IANA time zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    zoneFormatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock parts of an instant in an IANA zone. */
export function wallClockIn(instantMs: number, timeZone: string) {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The local calendar date of an instant (ms since epoch) in an IANA zone. */
export function dateInZone(instantMs: number, timeZone: string): IsoDate {
  const p = wallClockIn(instantMs, timeZone);
  return `${String(p.year).padStart(4, '0')}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * The instant at which a zone's wall clock reads the given local time. For a time in a
 * DST gap the later offset is used; for a repeated hour, the first occurrence.
 */
export function instantFromWallClock(
  local: { year: number; month: number; day: number; hour: number; minute: number; second: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const p = wallClockIn(guess, timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const diff = asUtc - seen;
    if (diff === 0) break;
    guess += diff;
  }
  return guess;
}
