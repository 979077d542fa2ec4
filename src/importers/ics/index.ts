/**
 * iCalendar (.ics) import from Google Calendar, Outlook/Exchange, Apple and others:
 * timed events become time entries dated in the practice zone (`options.timezone`), with
 * hours = DTEND (or DTSTART + DURATION) − DTSTART as real elapsed time.
 *
 * Events are grouped by UID (group.ts): the master is expanded (recurrence.ts), a
 * modified instance replaces the occurrence it names. External ids: the UID for a single event,
 * `UID#<recurrence id>` for each occurrence of a series (the original start, see
 * `recurrenceKey`), a content hash when there is no UID. What is skipped and why:
 * decide.ts; longer than 24 h: `over_24h`; no length: `zero_length`.
 */
import { ContentIds, clipMessage, type ImportEvent } from '../format.ts';
import type { ImportOptions, IssueSeverity } from '../types.ts';
import { type Component, readComponents, unescapeText } from './content.ts';
import { type IcsEvent, readEvent } from './event.ts';
import { type Context, type Group, GroupReader } from './group.ts';
import { ZoneBook } from './zones.ts';

/**
 * Reads a calendar file into time entries, skipped events and issues. Give it the file's
 * bytes (so folds inside multi-byte characters are undone before decoding) or its text.
 * @example [...importIcs('work.ics', text, { timezone: 'Europe/Berlin', currency: 'EUR', asOf: '2025-06-30' })]
 */
export function* importIcs(
  file: string,
  input: string | Uint8Array,
  options: ImportOptions,
): Generator<ImportEvent> {
  const out: ImportEvent[] = [];
  const issue = (
    line: number,
    code: string,
    message: string,
    severity: IssueSeverity,
    columnName?: string,
  ) =>
    out.push({
      type: 'issue',
      issue: { file, line, columnName, code, message: clipMessage(message), severity },
    });
  const ctx: Context = {
    file,
    options,
    out,
    ids: new ContentIds('ics'),
    warn: (line, code, message, property) => issue(line, code, message, 'warning', property),
  };
  const { roots, problems } = readComponents(input);
  for (const problem of problems) {
    const fatal = problem.code === 'truncated_file' || problem.code === 'too_deep';
    const severity = fatal ? 'error' : 'warning';
    issue(problem.line, problem.code, problem.message, severity);
  }
  let calendars = roots.filter((c) => c.name === 'VCALENDAR');
  if (!calendars.length && roots.some((c) => c.name === 'VEVENT')) {
    calendars = [
      { name: 'VCALENDAR', line: 1, props: [], children: roots, text: '', closed: true },
    ];
  }
  if (!calendars.length) {
    issue(1, 'not_calendar', 'no BEGIN:VCALENDAR … END:VCALENDAR in this file', 'error');
  }
  for (const calendar of calendars) readCalendar(calendar, ctx);
  yield* out;
}

function readCalendar(calendar: Component, ctx: Context): void {
  const nameProp = calendar.props.find((p) => p.name === 'X-WR-CALNAME');
  const calendarName = nameProp ? unescapeText(nameProp.value).trim() : '';
  const zones = new ZoneBook(
    calendar.children.filter((c) => c.name === 'VTIMEZONE'),
    ctx.options.timezone,
    (line, code, message) => ctx.warn(line, code, message, 'TZID'),
  );
  const events: IcsEvent[] = [];
  for (const component of calendar.children) {
    if (component.name !== 'VEVENT') continue;
    // An event the file ends inside is incomplete (the file is refused anyway); an
    // instance whose RECURRENCE-ID cannot be read would pass for a second master.
    const event = component.closed ? readEvent(component, ctx.warn) : null;
    if (event && !event.badRecurrenceId) events.push(event);
    else {
      const reason = event ? 'invalid_event' : 'truncated';
      ctx.out.push({
        type: 'skip',
        skipped: { source: { file: ctx.file, line: component.line }, reason },
      });
    }
  }
  const groups = new Map<string, Group>();
  for (const event of events) {
    const uid = event.uid ?? ctx.ids.next(event.identity);
    let group = groups.get(uid);
    if (!group) {
      group = { uid, masters: [], overrides: [] };
      groups.set(uid, group);
    }
    (event.recurrenceId ? group.overrides : group.masters).push(event);
  }
  const reader = new GroupReader(ctx, zones, calendarName, events);
  for (const group of groups.values()) reader.read(group);
}
