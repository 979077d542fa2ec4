/**
 * The story's calendar: the practice starts on the first day of the month three years
 * before `endDate`, and every milestone (rate raise, package, cohorts, course, VIP) sits
 * at a fixed month of that span. Days are day numbers (days since 1970-01-01).
 */
import type { IsoDate } from '../dates.ts';
import { addMonths, dayNumber, fromDayNumber, isIsoDate } from '../dates.ts';

export interface Timeline {
  /** First and last day of the story, inclusive. */
  start: number;
  end: number;
  startedOn: IsoDate;
  endDate: IsoDate;
  /** Number of calendar months touched, the last one possibly partial. */
  months: number;
  /** Rates of 1:1 sessions go up on this day (existing clients keep the old one 60 days). */
  rateRaise: number;
  packageLaunch: number;
  /** First session day of each Night Shift Circle cohort (enrolment opens ~5 weeks earlier). */
  cohorts: number[];
  courseWorkStart: number;
  courseLaunch: number;
  vipLaunch: number;
  firstPaidTalk: number;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The day itself on a weekday; the following Monday on a weekend. */
export function workday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 0 ? day + 1 : day;
}

/** The first day on or after `day` that falls on weekday `w`. */
export function onOrAfter(day: number, w: number): number {
  return day + ((w - weekday(day) + 7) % 7);
}

export const iso = fromDayNumber;

export function monthStart(tl: Pick<Timeline, 'startedOn'>, m: number): number {
  return dayNumber(addMonths(tl.startedOn, m));
}

/** Share of the story elapsed on `day`, 0 at the start and 1 at the end. */
export function progress(tl: Timeline, day: number): number {
  return Math.min(1, Math.max(0, (day - tl.start) / (tl.end - tl.start)));
}

export function makeTimeline(endDate: IsoDate): Timeline {
  if (!isIsoDate(endDate)) throw new RangeError(`endDate: expected YYYY-MM-DD, got "${endDate}"`);
  const startedOn = addMonths(endDate, -36);
  const base = { startedOn };
  const at = (m: number, plusDays = 0) => monthStart(base, m) + plusDays;
  const end = dayNumber(endDate);
  const cohorts: number[] = [];
  for (let m = 11; at(m, 10) - 35 <= end; m += 6) cohorts.push(onOrAfter(at(m, 10), 2));
  return {
    start: dayNumber(startedOn),
    end,
    startedOn,
    endDate,
    months: 37,
    rateRaise: at(18),
    packageLaunch: at(6),
    cohorts,
    courseWorkStart: at(13, 5),
    courseLaunch: onOrAfter(at(20, 7), 2),
    vipLaunch: at(26),
    firstPaidTalk: at(4, 12),
  };
}
