/**
 * One VEVENT read into plain values: times, recurrence parts, status and people. A
 * property that cannot be read is dropped with a warning on its line; the event stays.
 */
import { type Component, type ContentLine, splitTextList, unescapeText } from './content.ts';
import {
  type IcsTime,
  parseIcsDuration,
  parseIcsPeriod,
  parseIcsTime,
  parseIcsTimes,
} from './values.ts';

export interface RecurrenceDate {
  time: IcsTime;
  /** Length of this occurrence when an RDATE PERIOD gives one. */
  end?: IcsTime;
  seconds?: number;
}

export interface IcsEvent {
  line: number;
  uid: string | null;
  recurrenceId: IcsTime | null;
  /** A RECURRENCE-ID that cannot be read: which occurrence it replaces is unknown. */
  badRecurrenceId: boolean;
  start: IcsTime | null;
  end: IcsTime | null;
  /** DURATION in seconds, when there is no DTEND. */
  duration: number | null;
  rrules: { value: string; line: number }[];
  rdates: RecurrenceDate[];
  exdates: IcsTime[];
  /** Upper-case STATUS, '' when absent. */
  status: string;
  transparent: boolean;
  /** Exchange's X-MICROSOFT-CDO-ALLDAYEVENT:TRUE. */
  allDayFlag: boolean;
  sequence: number;
  stamp: IcsTime | null;
  summary: string;
  description: string;
  location: string;
  categories: string[];
  organizer: string | null;
  attendees: { email: string; partstat: string }[];
  /** The event's lines without DTSTAMP: a content id for an event with no UID. */
  identity: string[];
}

export type EventWarning = (line: number, code: string, message: string, property: string) => void;

/** `mailto:A@B.org` (or an EMAIL parameter) → `a@b.org`. */
function emailOf(prop: ContentLine): string {
  const value = prop.value.replace(/^mailto:/i, '').trim();
  const email = value.includes('@') ? value : (prop.params.EMAIL?.[0] ?? value);
  return email.trim().toLowerCase();
}

export function readEvent(component: Component, warn: EventWarning): IcsEvent {
  const event: IcsEvent = {
    line: component.line,
    uid: null,
    recurrenceId: null,
    badRecurrenceId: false,
    start: null,
    end: null,
    duration: null,
    rrules: [],
    rdates: [],
    exdates: [],
    status: '',
    transparent: false,
    allDayFlag: false,
    sequence: 0,
    stamp: null,
    summary: '',
    description: '',
    location: '',
    categories: [],
    organizer: null,
    attendees: [],
    identity: [],
  };
  const time = (prop: ContentLine): IcsTime | null => {
    const parsed = parseIcsTime(prop.value, prop.params.TZID?.[0]);
    if (!parsed) warn(prop.line, 'bad_date', `cannot read ${prop.name} "${prop.value}"`, prop.name);
    return parsed;
  };
  for (const prop of component.props) {
    if (prop.name !== 'DTSTAMP') event.identity.push(`${prop.name}:${prop.value}`);
    const tzid = prop.params.TZID?.[0];
    switch (prop.name) {
      case 'UID':
        event.uid = prop.value.trim() || null;
        break;
      case 'RECURRENCE-ID':
        event.recurrenceId = time(prop);
        event.badRecurrenceId = event.recurrenceId === null;
        break;
      case 'DTSTART':
        event.start = time(prop);
        break;
      case 'DTEND':
        event.end = time(prop);
        break;
      case 'DURATION':
        event.duration = parseIcsDuration(prop.value);
        if (event.duration === null)
          warn(prop.line, 'bad_duration', `cannot read DURATION "${prop.value}"`, prop.name);
        break;
      case 'RRULE':
        event.rrules.push({ value: prop.value.trim(), line: prop.line });
        break;
      case 'RDATE':
        for (const item of prop.value.split(',')) {
          const period = /\//.test(item) ? parseIcsPeriod(item, tzid) : null;
          const single = period ? null : parseIcsTime(item, tzid);
          if (period)
            event.rdates.push({ time: period.start, end: period.end, seconds: period.seconds });
          else if (single) event.rdates.push({ time: single });
          else warn(prop.line, 'bad_date', `cannot read RDATE "${item}"`, prop.name);
        }
        break;
      case 'EXDATE': {
        const { times, bad } = parseIcsTimes(prop.value, tzid);
        event.exdates.push(...times);
        for (const item of bad)
          warn(prop.line, 'bad_date', `cannot read EXDATE "${item}"`, prop.name);
        break;
      }
      case 'STATUS':
        event.status = prop.value.trim().toUpperCase();
        break;
      case 'TRANSP':
        event.transparent = prop.value.trim().toUpperCase() === 'TRANSPARENT';
        break;
      case 'X-MICROSOFT-CDO-ALLDAYEVENT':
        event.allDayFlag = prop.value.trim().toUpperCase() === 'TRUE';
        break;
      case 'SEQUENCE':
        event.sequence = Number.parseInt(prop.value, 10) || 0;
        break;
      case 'DTSTAMP':
        event.stamp = parseIcsTime(prop.value);
        break;
      case 'SUMMARY':
        event.summary = unescapeText(prop.value).trim();
        break;
      case 'DESCRIPTION':
        event.description = unescapeText(prop.value).trim();
        break;
      case 'LOCATION':
        event.location = unescapeText(prop.value).trim();
        break;
      case 'CATEGORIES':
        event.categories.push(...splitTextList(prop.value));
        break;
      case 'ORGANIZER':
        event.organizer = emailOf(prop);
        break;
      case 'ATTENDEE':
        event.attendees.push({
          email: emailOf(prop),
          partstat: (prop.params.PARTSTAT?.[0] ?? '').trim().toUpperCase(),
        });
        break;
    }
  }
  return event;
}
