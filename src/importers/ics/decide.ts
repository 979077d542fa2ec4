/**
 * Which calendar events are not work, and what a rule can match on the ones that are.
 *
 * Skipped, in this order: `cancelled` (STATUS:CANCELLED), `all_day` (a DATE start, or
 * Exchange's ALLDAYEVENT flag: no hours to count), `declined` (every ATTENDEE line of the
 * calendar owner says PARTSTAT=DECLINED), `free_time` (TRANSP:TRANSPARENT: by RFC 5545 the
 * event does not take the owner's time — reminders, optional or "free" blocks).
 * Tentative events are kept, with `status: tentative` for the rules.
 *
 * The owner is known from `options.ownerEmails`, and from X-WR-CALNAME when it is an
 * email address (Google names a primary calendar after its owner). With no owner known,
 * no event is skipped as declined.
 */

import { attributesOf } from '../time-entries.ts';
import type { Attributes } from '../types.ts';
import type { IcsEvent } from './event.ts';

export type SkipReason = 'cancelled' | 'all_day' | 'declined' | 'free_time';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The owner's addresses, lower-case. */
export function calendarOwners(
  ownerEmails: readonly string[] = [],
  calendarName = '',
): Set<string> {
  const owners = new Set(ownerEmails.map((email) => email.trim().toLowerCase()).filter(Boolean));
  const name = calendarName.trim().toLowerCase();
  if (EMAIL.test(name)) owners.add(name);
  return owners;
}

export function skipReason(event: IcsEvent, owners: ReadonlySet<string>): SkipReason | null {
  if (event.status === 'CANCELLED') return 'cancelled';
  if (event.start?.kind === 'date' || event.allDayFlag) return 'all_day';
  const mine = event.attendees.filter((a) => owners.has(a.email));
  if (mine.length && mine.every((a) => a.partstat === 'DECLINED')) return 'declined';
  if (event.transparent) return 'free_time';
  return null;
}

export function eventAttributes(event: IcsEvent, calendarName: string): Attributes {
  return attributesOf({
    title: event.summary,
    description: event.description,
    location: event.location,
    categories: event.categories.join(', '),
    organizer: event.organizer,
    attendees: event.attendees.map((a) => a.email).join(', '),
    status: event.status.toLowerCase(),
    calendar: calendarName,
  });
}
