/**
 * A recurring event → its occurrences: DTSTART (always the first), RRULE expanded by
 * ical.js on the wall clock of DTSTART's zone (COUNT, UNTIL, INTERVAL, BYDAY…), RDATE
 * added (a PERIOD brings its own length), EXDATE removed.
 *
 * UNTIL is compared here, not by ical.js, so a `Z` UNTIL is compared with each
 * occurrence's real instant in its zone. An EXDATE removes the occurrence with the same
 * instant; a date-only EXDATE, or one whose kind differs from DTSTART (floating against
 * UTC — real bad data), removes the occurrences on its date. A series with neither
 * COUNT nor UNTIL stops at the horizon (a local date), though DTSTART, like RDATEs, is
 * always read; every series stops at `cap` occurrences with a warning. A malformed RRULE leaves DTSTART alone, with a warning.
 */
import ICAL from 'ical.js';
import { dateInZone, type IsoDate } from '../../domain/dates.ts';
import type { RecurrenceDate } from './event.ts';
import {
  dateOfWall,
  type IcsTime,
  isoOfWall,
  parseIcsTime,
  type WallClock,
  wallAsUtc,
} from './values.ts';
import type { ZoneBook } from './zones.ts';

export interface Occurrence {
  start: IcsTime;
  startMs: number;
  endMs: number;
  /** The recurrence id: the original start, `…Z` when anchored, local ISO when floating. */
  key: string;
}

export interface Series {
  line: number;
  start: IcsTime;
  seconds: number;
  rrules: readonly { value: string; line: number }[];
  rdates: readonly RecurrenceDate[];
  exdates: readonly IcsTime[];
}

export interface SeriesLimits {
  /** Last local date of an open-ended series; null = no limit but `cap`. */
  horizon: IsoDate | null;
  /** The zone the horizon date is in (the practice zone). */
  zone: string;
  cap: number;
}

export type SeriesWarning = (line: number, code: string, message: string, property: string) => void;

/** The recurrence id of a start: `2026-02-11T17:00:00Z`, `2017-12-19T06:00:00`, `2024-10-28`. */
export function recurrenceKey(time: IcsTime, ms: number): string {
  if (time.kind === 'date') return dateOfWall(time.wall);
  if (time.kind === 'floating') return isoOfWall(time.wall);
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const RULE_PARTS = new Set(
  'FREQ UNTIL COUNT INTERVAL BYSECOND BYMINUTE BYHOUR BYDAY BYMONTHDAY BYYEARDAY BYWEEKNO BYMONTH BYSETPOS WKST RSCALE SKIP'.split(
    ' ',
  ),
);

/** Why an RRULE value is malformed (`RRULE:RRULE:AnythingRandom;FREQ=…`), or null. */
export function ruleProblem(value: string): string | null {
  const parts = value.split(';').filter((part) => part !== '');
  for (const part of parts) {
    const m = /^([A-Za-z-]+)=(.+)$/.exec(part);
    if (!m) return `"${part}" is not NAME=VALUE`;
    const name = (m[1] ?? '').toUpperCase();
    if (!RULE_PARTS.has(name) && !name.startsWith('X-')) return `unknown part ${name}`;
  }
  return /(^|;)FREQ=/i.test(value) ? null : 'no FREQ';
}

/** A series is not read beyond this many years after its start (sparse rules are slow). */
const MAX_YEARS = 100;

const anchored = (time: IcsTime) => time.kind === 'utc' || time.kind === 'zoned';

interface Candidate {
  time: IcsTime;
  seconds: number;
}

/** The starts one RRULE generates (DTSTART among them when it fits the rule); null when malformed. */
function ruleStarts(
  series: Series,
  rule: { value: string; line: number },
  zones: ZoneBook,
  limits: SeriesLimits,
  warn: SeriesWarning,
): WallClock[] | null {
  const { start } = series;
  let problem = ruleProblem(rule.value);
  let recur: ICAL.Recur | null = null;
  try {
    if (!problem) recur = ICAL.Recur.fromString(rule.value);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  if (!recur || problem) {
    warn(rule.line, 'bad_rrule', `malformed RRULE (${problem}): read as one occurrence`, 'RRULE');
    return null;
  }
  const untilText = /(?:^|;)UNTIL=([^;]+)/i.exec(rule.value)?.[1];
  const until = untilText ? parseIcsTime(untilText) : null;
  recur.until = null;
  const openEnded = recur.count === null && !until;
  const at = (wall: WallClock): IcsTime =>
    start.kind === 'zoned' ? { kind: 'zoned', wall, tzid: start.tzid } : { kind: start.kind, wall };
  const untilMs =
    until?.kind === 'utc'
      ? wallAsUtc(until.wall)
      : until?.kind === 'floating'
        ? zones.instant(at(until.wall), rule.line)
        : null;
  const untilDate = until?.kind === 'date' ? dateOfWall(until.wall) : null;
  const iterator = recur.iterator(ICAL.Time.fromData({ ...start.wall, isDate: false }));
  const walls: WallClock[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const wall = {
      year: next.year,
      month: next.month,
      day: next.day,
      hour: next.hour,
      minute: next.minute,
      second: next.second,
    };
    const ms = zones.instant(at(wall), rule.line);
    if (untilMs !== null && ms > untilMs) break;
    if (untilDate !== null && dateOfWall(wall) > untilDate) break;
    if (openEnded && limits.horizon && dateInZone(ms, limits.zone) > limits.horizon) break;
    if (walls.length >= limits.cap || wall.year > start.wall.year + MAX_YEARS) {
      const limit = `${limits.cap} occurrences or ${MAX_YEARS} years`;
      warn(rule.line, 'recurrence_capped', `only the first ${limit} of a series are read`, 'RRULE');
      break;
    }
    walls.push(wall);
  }
  // DTSTART counts as the first of COUNT even when the rule would not produce it.
  const first = walls[0];
  if (recur.count !== null && first && isoOfWall(first) !== isoOfWall(start.wall)) {
    walls.splice(Math.max(recur.count - 1, 0));
  }
  return walls;
}

/** Every occurrence of a series, in time order, after EXDATE. */
export function expandSeries(
  series: Series,
  zones: ZoneBook,
  limits: SeriesLimits,
  warn: SeriesWarning,
): Occurrence[] {
  const { start, seconds } = series;
  const at = (wall: WallClock): IcsTime =>
    start.kind === 'zoned' ? { kind: 'zoned', wall, tzid: start.tzid } : { kind: start.kind, wall };
  const candidates: Candidate[] = [];
  for (const rule of series.rrules) {
    const walls = ruleStarts(series, rule, zones, limits, warn) ?? [];
    for (const wall of walls) candidates.push({ time: at(wall), seconds });
  }
  candidates.unshift({ time: start, seconds });
  for (const rdate of series.rdates) {
    const { time } = rdate;
    const anchoredTime =
      time.kind === 'date'
        ? at({
            ...time.wall,
            hour: start.wall.hour,
            minute: start.wall.minute,
            second: start.wall.second,
          })
        : time;
    let length = rdate.seconds ?? seconds;
    if (rdate.end) {
      const from = zones.instant(anchoredTime, series.line);
      length = (zones.instant(rdate.end, series.line) - from) / 1000;
    }
    candidates.push({ time: anchoredTime, seconds: length });
  }
  const exact = new Set<string>();
  const byDate = new Set<IsoDate>();
  for (const ex of series.exdates) {
    exact.add(recurrenceKey(ex, zones.instant(ex, series.line)));
    if (ex.kind === 'date' || anchored(ex) !== anchored(start)) byDate.add(dateOfWall(ex.wall));
  }
  const seen = new Map<string, Occurrence>();
  for (const { time, seconds: length } of candidates) {
    const ms = zones.instant(time, series.line);
    const key = recurrenceKey(time, ms);
    if (seen.has(key) || exact.has(key) || byDate.has(dateOfWall(time.wall))) continue;
    seen.set(key, { start: time, startMs: ms, endMs: ms + length * 1000, key });
  }
  return [...seen.values()].sort((a, b) => a.startMs - b.startMs);
}

/** True when a series has no COUNT or UNTIL in some valid rule (the horizon applies). */
export function isOpenEnded(rrules: readonly { value: string }[]): boolean {
  return rrules.some(
    (rule) => ruleProblem(rule.value) === null && !/(^|;)(COUNT|UNTIL)=/i.test(rule.value),
  );
}
