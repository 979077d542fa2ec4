/**
 * iCalendar import on the real Google, Exchange, Apple and Zimbra files
 * (shared/fixtures/ics) and our edge cases (test/fixtures/ics). Every real file is read
 * as stored and with CRLF line endings, which must give the same result.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import { crlf, importBytes, local, timeEntries } from '../time-fixtures.testing.ts';
import type { ImportOptions } from '../types.ts';

async function both(name: string, options: Partial<ImportOptions>) {
  const bytes = sharedFixture(`ics/${name}`);
  const sut = await importBytes(name, bytes, options);
  expect(await importBytes(name, crlf(bytes), options)).toEqual(sut);
  expect(sut.format).toBe('ics');
  return sut;
}

/** [date, hours, title, recurrence id or '', source line] of each entry. */
function rows(result: Awaited<ReturnType<typeof importBytes>>) {
  return timeEntries(result).map((r) => [
    r.date,
    r.hours,
    r.attributes.title ?? '',
    r.externalId.includes('#') ? r.externalId.slice(r.externalId.lastIndexOf('#') + 1) : '',
    r.source.line,
  ]);
}

describe('iCalendar import: Google', () => {
  it('replaces a moved instance that comes before its master (google-recurrence-order)', async () => {
    const sut = await both('nodeical_google-recurrence-order.ics', { timezone: 'America/Denver' });
    // By hand: DAILY;COUNT=3 from 2026-02-10 10:00 Denver (17:00Z), 30 min. The VEVENT on
    // line 5 (before the master on line 18) has RECURRENCE-ID 2026-02-11 10:00 and moves
    // that instance to 10:30–11:00, renamed "TEST RECURR 3 - MODIFIED".
    expect(rows(sut)).toEqual([
      ['2026-02-10', 0.5, 'TEST RECURR 3', '2026-02-10T17:00:00Z', 18],
      ['2026-02-11', 0.5, 'TEST RECURR 3 - MODIFIED', '2026-02-11T17:00:00Z', 5],
      ['2026-02-12', 0.5, 'TEST RECURR 3', '2026-02-12T17:00:00Z', 18],
    ]);
    expect(sut.issues).toEqual([]);
    expect(sut).toMatchSnapshot();
  });

  it('counts a biweekly UNTIL series with a folded EXDATE list (biweekly-exdate-until)', async () => {
    const sut = await both('nodeical_biweekly-exdate-until.ics', {
      timezone: 'America/Chicago',
      asOf: '2018-01-10',
    });
    const [first, second] = [9, 21].map((line) =>
      timeEntries(sut).filter((r) => r.source.line === line),
    );
    // Series 1: every other week (WKST=SU) Mon+Thu from Thu 2017-02-16 09:00 CST until
    // 2017-08-14T04:59:59Z: Feb 16, then 12 fortnights × 2 = 25; the EXDATE list folded over
    // two lines removes Jul 6, Jul 17, Jul 20 and Aug 3 → 21, the last on Jul 31. 10 h each.
    expect(first).toHaveLength(21);
    expect(first?.at(-1)?.date).toBe('2017-07-31');
    const firstDates = first?.map((r) => r.date) ?? [];
    for (const ex of ['2017-07-06', '2017-07-17', '2017-07-20', '2017-08-03'])
      expect(firstDates).not.toContain(ex);
    expect(first?.every((r) => r.hours === 10)).toBe(true);
    // Series 2: open-ended, Mon+Tue every other week from 2017-08-14 14:00Z to 00:00Z,
    // read up to asOf 2018-01-10: 11 fortnights × 2 = 22, minus the floating EXDATEs
    // 20171218T060000 and 20171219T060000 (bad data: floating against a UTC start, so
    // matched by date) → 20. EXDATE:20200116 is a Thursday, never an occurrence.
    const secondDates = second?.map((r) => r.date) ?? [];
    expect(secondDates).toHaveLength(20);
    expect(secondDates).not.toContain('2017-12-18');
    expect(secondDates).not.toContain('2017-12-19');
    expect(secondDates.slice(-2)).toEqual(['2018-01-01', '2018-01-02']);
    expect(sut.issues).toEqual([]);
    expect(rows(sut)).toMatchSnapshot();
  });

  it('reads a malformed RRULE as one occurrence with a warning (badRRULE)', async () => {
    const sut = await both('nodeical_badRRULE.ics', {
      timezone: 'America/Denver',
      asOf: '2020-09-30',
    });
    // Line 26 "Brain Break": weekdays from Thu 2020-09-03 09:40–09:50, open-ended → up to
    // asOf: Sep 3, 4, 7–11, 14–18, 21–25, 28–30 = 20 (the EXDATE 2020-10-15 is later).
    // Line 47 "Academic Time": `RRULE:RRULE:AnythingRandom;…` → only 2020-09-03,
    // 09:50–10:40, and a bad_rrule warning on the RRULE line (50). Line 68 (BusyMac's
    // RRULE with a parameter) starts and ends at 07:20 → zero_length.
    const brainBreak = timeEntries(sut).filter((r) => r.source.line === 26);
    expect(brainBreak).toHaveLength(20);
    expect(brainBreak.every((r) => r.hours === 10 / 60)).toBe(true);
    expect(timeEntries(sut).filter((r) => r.source.line === 47)).toEqual([
      expect.objectContaining({ date: '2020-09-03', hours: 50 / 60 }),
    ]);
    expect(sut.skipped).toEqual([
      { source: { file: 'nodeical_badRRULE.ics', line: 68 }, reason: 'zero_length' },
    ]);
    expect(sut.issues).toEqual([
      expect.objectContaining({
        line: 50,
        columnName: 'RRULE',
        code: 'bad_rrule',
        severity: 'warning',
      }),
    ]);
    expect(rows(sut)).toMatchSnapshot();
  });

  it('stops an open-ended series at the latest DTSTAMP without asOf, and says so', async () => {
    const sut = await importBytes('bad.ics', sharedFixture('ics/nodeical_badRRULE.ics'), {
      timezone: 'America/Denver',
    });
    // The latest DTSTAMP is 20201230T095550Z: Brain Break runs to Wed 2020-12-30.
    const brainBreak = timeEntries(sut).filter((r) => r.source.line === 26);
    expect(brainBreak.at(-1)?.date).toBe('2020-12-30');
    expect(brainBreak.map((r) => r.date)).not.toContain('2020-10-15');
    expect(sut.issues.map((i) => i.code)).toContain('open_ended_series');
  });

  it('applies a RECURRENCE-ID override in the Kiev zone (google-calendar-kiev-tz)', async () => {
    const sut = await both('nodeical_google-calendar-kiev-tz.ics', { timezone: 'Europe/Kiev' });
    // DAILY 14:00–15:00 Kiev from 2016-08-25 UNTIL 2016-08-28T11:00:00Z (= 14:00 EEST, so
    // the 28th is included); the 26th is the override on line 27, titled "bla bla".
    expect(rows(sut)).toEqual([
      ['2016-08-25', 1, 'repeated', '2016-08-25T11:00:00Z', 42],
      ['2016-08-26', 1, 'bla bla', '2016-08-26T11:00:00Z', 27],
      ['2016-08-27', 1, 'repeated', '2016-08-27T11:00:00Z', 42],
      ['2016-08-28', 1, 'repeated', '2016-08-28T11:00:00Z', 42],
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('skips the all-day birthdays calendar (google_birthday)', async () => {
    const sut = await both('icaljs_google_birthday.ics', { timezone: 'America/Los_Angeles' });
    // Four VEVENTs, all VALUE=DATE (one with `RDATE:20131210Z`): no hours to count.
    expect(sut.records).toEqual([]);
    expect(sut.skipped.map((s) => [s.source.line, s.reason])).toEqual([
      [8, 'all_day'],
      [27, 'all_day'],
      [48, 'all_day'],
      [69, 'all_day'],
    ]);
    expect(sut.issues).toEqual([]);
  });

  it('skips an all-day series moved over the Berlin DST change', async () => {
    const sut = await both('nodeical_whole_day_moved_over_dst_change_berlin.ics', {
      timezone: 'Europe/Berlin',
    });
    expect(sut.records).toEqual([]);
    expect(sut.skipped.map((s) => s.reason)).toEqual(['all_day', 'all_day']);
  });

  it('reads DURATION instead of DTEND (duration_instead_of_dtend)', async () => {
    const sut = await both('icaljs_duration_instead_of_dtend.ics', {
      timezone: 'America/Los_Angeles',
    });
    // DTSTART 2012-06-30 06:00 Los Angeles + DURATION:P1D = 24 h: the longest entry kept.
    expect(rows(sut)).toEqual([['2012-06-30', 24, 'Really long event name thing', '', 25]]);
    expect(timeEntries(sut)[0]?.externalId).toBe('dn4vrfmfn5p05roahsopg57h48@example.com');
    expect(sut).toMatchSnapshot();
  });
});

describe('iCalendar import: Exchange and Outlook', () => {
  it('maps OWA display names with no VTIMEZONE (Office-2012-owa)', async () => {
    const sut = await both('nodeical_Office-2012-owa.ics', { timezone: 'America/New_York' });
    // "(GMT+10:00) Canberra, Melbourne, Sydney" → Australia/Sydney: 2020-10-28 13:30 AEDT
    // = 02:30Z = 22:30 on the 27th in New York. "(UTC-05:00) Eastern Time (US & Canada)"
    // → America/New_York. TEST2: Mon 2020-11-02 (DTSTART, not a Thu/Fri) then every Thu
    // and Fri until 2021-08-28T14:00Z: 43 + 43 + 1 = 87. No UIDs: content ids. SUMMARY
    // keeps no leading space.
    const entries = timeEntries(sut);
    expect(entries.slice(0, 3).map((r) => [r.date, r.hours, r.attributes.title])).toEqual([
      ['2020-10-27', 1.5, 'TEST Syd'],
      ['2020-10-28', 1.5, 'TEST'],
      ['2020-11-02', 1.5, 'TEST 3'],
    ]);
    const test2 = entries.filter((r) => r.attributes.title === 'TEST2');
    expect(test2).toHaveLength(87);
    expect(test2.at(-1)?.date).toBe('2021-08-27');
    // 13:30 Eastern is 18:30Z in winter and 17:30Z in summer.
    expect(test2[0]?.externalId).toMatch(/^ics:.+#2020-11-02T18:30:00Z$/);
    expect(test2.at(-1)?.externalId).toMatch(/#2021-08-27T17:30:00Z$/);
    expect(sut.issues).toEqual([]);
    expect(rows(sut)).toMatchSnapshot();
  });

  it('reads Windows zone names through the file VTIMEZONEs (ms_timezones)', async () => {
    const sut = await both('nodeical_ms_timezones.ics', { timezone: 'Europe/Berlin' });
    // `W. Europe Standard Time` 2020-09-10 09:00–09:30; `Pacific Standard Time`
    // 2020-09-15 08:30–09:30 PDT = 17:30 in Berlin. The two TRANSP:TRANSPARENT (FREE)
    // series are skipped as free_time — one has the broken quoted
    // `TZID="W. Europe Standard Time:20200609T090000"`, repaired without a warning.
    expect(rows(sut)).toEqual([
      ['2020-09-10', 0.5, 'test', '', 122],
      ['2020-09-15', 1, 'Not the actual summary 1', '', 170],
    ]);
    expect(sut.skipped.map((s) => [s.source.line, s.reason])).toEqual([
      [145, 'free_time'],
      [192, 'free_time'],
    ]);
    expect(sut.issues).toEqual([]);
    expect(sut).toMatchSnapshot();
  });

  it('skips a whole-day series and its moved instance as all-day (exchange_whole_day_moved_recurrence)', async () => {
    const sut = await both('nodeical_exchange_whole_day_moved_recurrence.ics', {
      timezone: 'Europe/Berlin',
    });
    // The master is DTSTART;VALUE=DATE; the exception's RECURRENCE-ID is a DATE-TIME with a
    // TZID and its DTSTART a DATE: both all-day, no hours.
    expect(sut.records).toEqual([]);
    expect(sut.skipped.map((s) => [s.source.line, s.reason])).toEqual([
      [34, 'all_day'],
      [59, 'all_day'],
    ]);
    expect(sut.issues).toEqual([]);
  });
});

describe('iCalendar import: Apple and Zimbra', () => {
  it('skips cancelled events and keeps tentative ones (tentative-apple-calendar)', async () => {
    const sut = await both('nodeical_tentative-apple-calendar.ics', {
      timezone: 'America/Vancouver',
    });
    // 23:00Z–23:50Z on Jul 4 = 16:00 PDT: 50 min, tentative; Jul 5 09–10; the CANCELLED
    // event on line 44 is skipped; "No Status" Jul 7 09–10.
    expect(rows(sut)).toEqual([
      ['2022-07-04', 50 / 60, 'Tentative', '', 8],
      ['2022-07-05', 1, 'Confirmed', '', 26],
      ['2022-07-07', 1, 'No Status', '', 62],
    ]);
    expect(timeEntries(sut)[0]?.attributes.status).toBe('tentative');
    expect(sut.skipped).toEqual([
      { source: { file: 'nodeical_tentative-apple-calendar.ics', line: 44 }, reason: 'cancelled' },
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('combines RRULE, RDATE (with PERIOD), EXDATE and overrides (recur_instances)', async () => {
    const sut = await both('icaljs_recur_instances.ics', {
      timezone: 'America/Los_Angeles',
      asOf: '2013-06-30',
    });
    // In time order. Monthly on the 1st Tuesday from 2012-10-02 10:00 LA, read to asOf: Oct 2 (moved to
    // 15:00 by line 59), Nov 6, Dec 4 (EXDATE), Jan 1, Feb 5 (EXDATE), Mar 5, Apr 2
    // (EXDATE), May 7, Jun 4. RDATEs: Nov 5 (moved to Nov 6 20:00 by line 79, whose
    // RECURRENCE-ID is 20121105T180000Z), Nov 10, Nov 30, and 2023-11-23 09:00Z and the
    // PERIOD 2023-11-25 09:00Z–12:30Z (3.5 h), which are explicit, so not cut by asOf.
    expect(rows(sut)).toEqual([
      ['2012-10-02', 0.5, 'Crazy Event Thingy!', '2012-10-02T17:00:00Z', 59],
      ['2012-11-06', 0.5, 'Crazy Event Thingy!', '2012-11-06T18:00:00Z', 24],
      ['2012-11-06', 0.5, 'Crazy Event Thingy!', '2012-11-05T18:00:00Z', 79],
      ['2012-11-10', 0.5, 'Crazy Event Thingy!', '2012-11-10T18:00:00Z', 24],
      ['2012-11-30', 0.5, 'Crazy Event Thingy!', '2012-11-30T18:00:00Z', 24],
      ['2013-01-01', 0.5, 'Crazy Event Thingy!', '2013-01-01T18:00:00Z', 24],
      ['2013-03-05', 0.5, 'Crazy Event Thingy!', '2013-03-05T18:00:00Z', 24],
      ['2013-05-07', 0.5, 'Crazy Event Thingy!', '2013-05-07T17:00:00Z', 24],
      ['2013-06-04', 0.5, 'Crazy Event Thingy!', '2013-06-04T17:00:00Z', 24],
      ['2023-11-23', 0.5, 'Crazy Event Thingy!', '2023-11-23T09:00:00Z', 24],
      ['2023-11-25', 3.5, 'Crazy Event Thingy!', '2023-11-25T09:00:00Z', 24],
    ]);
    // ATTENDEE lines folded inside a word (`CN=Sahaja\n  Lal`, `CN=ja\n mes@…`).
    expect(timeEntries(sut).find((r) => r.source.line === 24)?.attributes.attendees).toBe(
      'calmozilla1@gmail.com, james@lightsofapollo.com, iam.revelation@gmail.com',
    );
    expect(timeEntries(sut)[0]?.attributes.description).toBe('I HAZ CHANGED!');
    expect(sut.issues).toEqual([]);
    expect(sut).toMatchSnapshot();
  });
});

describe('iCalendar import: our edge cases', () => {
  it('dates an event at 03:00Z on the previous day in New York', async () => {
    const ny = await importBytes('edge.ics', local('ics/edge_cases.ics'), {
      timezone: 'America/New_York',
    });
    const tokyo = await importBytes('edge.ics', local('ics/edge_cases.ics'), {
      timezone: 'Asia/Tokyo',
    });
    const call = (r: typeof ny) => timeEntries(r).find((e) => e.externalId === 'late-utc@test');
    expect(call(ny)?.date).toBe('2024-03-04');
    expect(call(tokyo)?.date).toBe('2024-03-05');
  });

  it('reads zones, escapes, duplicates and bad events', async () => {
    const sut = await importBytes('edge.ics', local('ics/edge_cases.ics'), {
      timezone: 'America/New_York',
    });
    const byId = new Map(timeEntries(sut).map((r) => [r.externalId, r]));
    // Floating 09:00–10:30 read in the practice zone; TEXT escapes undone.
    expect(byId.get('floating@test')).toMatchObject({
      date: '2024-03-06',
      hours: 1.5,
      attributes: {
        location: 'Room 3, 2nd floor',
        description: 'Bring\nslides; and notes \\ handouts',
        categories: 'Workshop, Clients',
      },
    });
    // 00:00 EST → 04:00 EDT across the spring-forward hour is 3 real hours.
    expect(byId.get('dst@test')?.hours).toBe(3);
    // Unquoted OWA TZID with a colon: Berlin 09:00 CET = 04:00 EDT, same day.
    expect(byId.get('owa-unquoted@test')).toMatchObject({ date: '2024-03-12', hours: 1 });
    // Unknown display name: its own +05:45 → 03:15Z → the 12th in New York.
    expect(byId.get('owa-unknown@test')).toMatchObject({ date: '2024-03-12', hours: 0.75 });
    expect(byId.get('mozilla-path@test')).toMatchObject({ date: '2024-03-14', hours: 0.5 });
    // Same UID twice: the higher SEQUENCE wins.
    expect(byId.get('dup@test')?.attributes.title).toBe('New version');
    // Two identical events without UID both survive, with distinct content ids.
    const noUid = timeEntries(sut).filter((r) => r.attributes.title === 'No UID');
    expect(noUid.map((r) => r.externalId.slice(-2))).toEqual(['#1', '#2']);
    expect(sut.skipped.map((s) => [s.source.line, s.reason])).toEqual([
      [21, 'over_24h'],
      [27, 'invalid_event'],
      [33, 'invalid_event'],
      [72, 'duplicate'],
      [92, 'all_day'],
    ]);
    expect(sut.issues.map((i) => [i.line, i.code, i.columnName, i.severity])).toEqual([
      [35, 'bad_date', 'DTSTART', 'warning'],
      [27, 'bad_end', 'DTEND', 'warning'],
      [33, 'missing_start', 'DTSTART', 'warning'],
      [38, 'unknown_timezone', 'TZID', 'warning'],
      [50, 'approximate_timezone', 'TZID', 'warning'],
    ]);
    expect(sut).toMatchSnapshot();
  });

  it('skips invitations the owner declined, known from X-WR-CALNAME', async () => {
    const sut = await importBytes('inv.ics', local('ics/google_declined_invitation.ics'), {
      timezone: 'Europe/Lisbon',
    });
    // Line 8: ana.lima@… (the calendar's name) declined → skipped. Line 23: a guest
    // declined, the owner did not → kept. Weekly sync ×3 from 2024-03-11; the override on
    // line 52 (Mar 18) carries the owner's DECLINED → skipped and that instance removed.
    expect(rows(sut)).toEqual([
      ['2024-03-06', 1, 'Coaching session – Carla', '', 23],
      ['2024-03-11', 1, 'Weekly sync', '2024-03-11T09:00:00Z', 38],
      ['2024-03-25', 1, 'Weekly sync', '2024-03-25T09:00:00Z', 38],
    ]);
    expect(sut.skipped.map((s) => [s.source.line, s.reason])).toEqual([
      [8, 'declined'],
      [52, 'declined'],
    ]);
  });

  it('skips a declined Outlook invitation only when told the owner', async () => {
    const bytes = local('ics/outlook_declined.ics');
    const unknown = await importBytes('o.ics', bytes, { timezone: 'Europe/Berlin' });
    expect(unknown.records).toHaveLength(1);
    const known = await importBytes('o.ics', bytes, {
      timezone: 'Europe/Berlin',
      ownerEmails: ['ana.lima@EXAMPLE.test'],
    });
    expect(known.records).toEqual([]);
    expect(known.skipped.map((s) => s.reason)).toEqual(['declined']);
  });

  it('refuses a file cut short but reports what it read', async () => {
    const sut = await importBytes('cut.ics', local('ics/truncated.ics'), { timezone: 'UTC' });
    expect(rows(sut)).toEqual([['2024-03-05', 1, 'Complete event', '', 4]]);
    expect(sut.skipped).toEqual([{ source: { file: 'cut.ics', line: 10 }, reason: 'truncated' }]);
    expect(sut.issues).toEqual([
      expect.objectContaining({ line: 13, code: 'truncated_file', severity: 'error' }),
    ]);
  });

  it('reads text folded inside multi-byte characters, detected from its bytes', async () => {
    const sut = await importBytes('folded.ics', local('ics/folded_multibyte.ics'), {
      timezone: 'Europe/Paris',
    });
    // 10:00–11:30 Paris; SUMMARY folded inside `é` and `–`, DESCRIPTION inside `東`.
    expect(sut.format).toBe('ics');
    expect(timeEntries(sut)).toEqual([
      expect.objectContaining({
        date: '2024-03-05',
        hours: 1.5,
        attributes: {
          title: 'Séance de coaching – Zoé (東京)',
          description: 'Préparation 東京',
          calendar: 'Agenda',
        },
      }),
    ]);
    expect(sut.issues).toEqual([]);
  });

  it('skips an instance whose RECURRENCE-ID cannot be read, keeping the series', async () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:s@test',
      'DTSTART:20240101T100000Z',
      'DTEND:20240101T110000Z',
      'RRULE:FREQ=DAILY;COUNT=2',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:s@test',
      'SEQUENCE:3',
      'RECURRENCE-ID:2024-01-02',
      'DTSTART:20240102T150000Z',
      'DTEND:20240102T160000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const sut = await importBytes('r.ics', Buffer.from(text), { timezone: 'UTC' });
    expect(rows(sut).map((r) => r[3])).toEqual(['2024-01-01T10:00:00Z', '2024-01-02T10:00:00Z']);
    expect(sut.skipped).toEqual([{ source: { file: 'r.ics', line: 8 }, reason: 'invalid_event' }]);
    expect(sut.issues.map((i) => [i.line, i.code])).toEqual([[11, 'bad_date']]);
  });

  it('gives the same external ids when the same file is read again', async () => {
    const read = async () =>
      (
        await importBytes('owa.ics', sharedFixture('ics/nodeical_Office-2012-owa.ics'), {
          timezone: 'UTC',
        })
      ).records.map((r) => r.externalId);
    const first = await read();
    expect(await read()).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('refuses text that is not a calendar', async () => {
    const sut = await importBytes('x.ics', Buffer.from('BEGIN:VCALENDAR\n'), { format: 'ics' });
    expect(sut.issues.map((i) => [i.code, i.severity])).toEqual([['truncated_file', 'error']]);
    const other = await importBytes('y.ics', Buffer.from('hello\n'), { format: 'ics' });
    expect(other.issues.map((i) => [i.code, i.severity])).toEqual([['not_calendar', 'error']]);
  });
});
