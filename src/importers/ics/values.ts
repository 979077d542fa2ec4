/**
 * iCalendar date, date-time, period and duration values, read from the raw text so that
 * real bad data (`EXDATE:20200116` on a timed event, `RDATE:20131210Z`) is still read.
 *
 * An `IcsTime` is a wall clock plus how to anchor it: a DATE (all day), floating (no
 * zone: read in the practice zone), UTC (`Z`), or zoned by a TZID.
 */
import ICAL from 'ical.js';
import { daysInMonth, type IsoDate } from '../../domain/dates.ts';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type IcsTime =
  | { kind: 'date' | 'floating' | 'utc'; wall: WallClock }
  | { kind: 'zoned'; wall: WallClock; tzid: string };

const VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z)?$/i;

/**
 * Reads one DATE or DATE-TIME value; `tzid` anchors a local date-time.
 * @example parseIcsTime('20201028T133000', 'W. Europe Standard Time') // zoned
 * @example parseIcsTime('20131210Z') // a DATE (the Z on a date is ignored)
 */
export function parseIcsTime(text: string, tzid?: string): IcsTime | null {
  const m = VALUE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) {
    return { kind: 'date', wall: { year, month, day, hour: 0, minute: 0, second: 0 } };
  }
  const wall = {
    year,
    month,
    day,
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Math.min(Number(m[6] ?? 0), 59),
  };
  if (wall.hour > 23 || wall.minute > 59) return null;
  if (m[7]) return { kind: 'utc', wall };
  const zone = tzid?.trim();
  return zone ? { kind: 'zoned', wall, tzid: zone } : { kind: 'floating', wall };
}

/** A comma list of values (EXDATE, RDATE); unreadable items are returned apart. */
export function parseIcsTimes(text: string, tzid?: string): { times: IcsTime[]; bad: string[] } {
  const times: IcsTime[] = [];
  const bad: string[] = [];
  for (const item of text.split(',')) {
    if (!item.trim()) continue;
    const time = parseIcsTime(item, tzid);
    if (time) times.push(time);
    else bad.push(item.trim());
  }
  return { times, bad };
}

/**
 * An iCalendar DURATION (`PT1H30M`, `P1D`, `-PT5M`) in seconds; a day counts 24 hours.
 * Null when unreadable.
 */
export function parseIcsDuration(text: string): number | null {
  const value = text.trim();
  if (!/^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$/i.test(value) || /T$/i.test(value)) {
    return null;
  }
  if (/^[+-]?P$/i.test(value)) return null;
  try {
    return ICAL.Duration.fromString(value.toUpperCase()).toSeconds();
  } catch {
    return null;
  }
}

/** A PERIOD value `start/end` or `start/duration`. */
export function parseIcsPeriod(
  text: string,
  tzid?: string,
): { start: IcsTime; end?: IcsTime; seconds?: number } | null {
  const [from = '', to = ''] = text.split('/');
  const start = parseIcsTime(from, tzid);
  if (!start) return null;
  if (/^[+-]?P/i.test(to)) {
    const seconds = parseIcsDuration(to);
    return seconds === null ? null : { start, seconds };
  }
  const end = parseIcsTime(to, tzid);
  return end ? { start, end } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a wall clock. */
export function dateOfWall(wall: WallClock): IsoDate {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall clock (no zone). */
export function isoOfWall(wall: WallClock): string {
  return `${dateOfWall(wall)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}

/** The wall clock of an instant read as UTC. */
export function utcWall(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Milliseconds of a wall clock read as UTC. */
export function wallAsUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}
