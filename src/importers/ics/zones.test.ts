/** Zone resolution: Windows names, OWA display names, VTIMEZONE blocks from 1601, IANA. */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import { instantFromWallClock, isTimeZone } from '../../domain/dates.ts';
import { readComponents } from './content.ts';
import { type WallClock, wallAsUtc } from './values.ts';
import { mappedZones, windowsZone } from './windows-zones.ts';
import { ZoneBook } from './zones.ts';

const wall = (iso: string): WallClock => {
  const [y, mo, d, h, mi] = iso.split(/[-T:]/).map(Number) as number[];
  return { year: y!, month: mo!, day: d!, hour: h!, minute: mi!, second: 0 };
};

function book(text: string | Uint8Array, warnings: string[] = []) {
  const calendar = readComponents(text).roots[0];
  const zones = calendar?.children.filter((c) => c.name === 'VTIMEZONE') ?? [];
  return new ZoneBook(zones, 'UTC', (line, code, message) =>
    warnings.push(`${line} ${code} ${message}`),
  );
}

describe('windowsZone', () => {
  it('maps Windows ids and OWA display names, whatever the case and spacing', () => {
    expect(windowsZone('W. Europe Standard Time')).toEqual({ iana: 'Europe/Berlin' });
    expect(windowsZone('pacific standard  time')).toEqual({ iana: 'America/Los_Angeles' });
    expect(windowsZone('(UTC-05:00) Eastern Time (US & Canada)')).toEqual({
      iana: 'America/New_York',
    });
    expect(windowsZone('(GMT+10:00) Canberra, Melbourne, Sydney')).toEqual({
      iana: 'Australia/Sydney',
    });
    expect(windowsZone('(UTC+05:45) Somewhere New')).toEqual({ offsetMinutes: 345 });
    expect(windowsZone('(UTC-03:30) Somewhere Else')).toEqual({ offsetMinutes: -210 });
    expect(windowsZone('Mars Standard Time')).toBeNull();
  });

  it('names only zones this runtime knows', () => {
    expect(mappedZones().filter((zone) => !isTimeZone(zone))).toEqual([]);
  });
});

describe('ZoneBook', () => {
  it("reads Exchange's VTIMEZONEs from 1601 like the IANA zones they stand for (ms_timezones)", () => {
    const zones = book(sharedFixture('ics/nodeical_ms_timezones.ics'));
    const cases: [string, string][] = [
      ['W. Europe Standard Time', 'Europe/Berlin'],
      ['Pacific Standard Time', 'America/Los_Angeles'],
      ['GMT Standard Time', 'Europe/London'],
      ['Eastern Standard Time', 'America/New_York'],
      ['Central Standard Time', 'America/Chicago'],
      ['US Mountain Standard Time', 'America/Phoenix'],
      ['Jordan Standard Time', 'Asia/Amman'],
      ['UTC', 'UTC'],
    ];
    for (const [tzid, iana] of cases) {
      for (const at of ['2020-01-15T12:00', '2020-07-15T12:00', '2020-09-10T09:00']) {
        const expected = instantFromWallClock(wall(at), iana);
        expect([tzid, at, zones.instant({ kind: 'zoned', wall: wall(at), tzid }, 1)]).toEqual([
          tzid,
          at,
          expected,
        ]);
      }
    }
  });

  it('maps the OWA names of a file without VTIMEZONE (Office-2012-owa)', () => {
    const warnings: string[] = [];
    const zones = book(sharedFixture('ics/nodeical_Office-2012-owa.ics'), warnings);
    const eastern = '(UTC-05:00) Eastern Time (US & Canada)';
    // 13:30 on 2020-10-28 is EDT (−4), on 2020-11-02 EST (−5).
    expect(zones.instant({ kind: 'zoned', wall: wall('2020-10-28T13:30'), tzid: eastern }, 1)).toBe(
      Date.UTC(2020, 9, 28, 17, 30),
    );
    expect(zones.instant({ kind: 'zoned', wall: wall('2020-11-02T13:30'), tzid: eastern }, 1)).toBe(
      Date.UTC(2020, 10, 2, 18, 30),
    );
    expect(warnings).toEqual([]);
  });

  it("prefers the file's VTIMEZONE over the IANA zone of the same name", () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'END:STANDARD',
      'END:VTIMEZONE',
      'END:VCALENDAR',
    ].join('\r\n');
    const zones = book(text);
    const at = wall('2024-07-01T12:00');
    expect(zones.instant({ kind: 'zoned', wall: at, tzid: 'Europe/Berlin' }, 1)).toBe(
      wallAsUtc(at) - 330 * 60_000,
    );
  });

  it('reads an unknown zone in the practice zone, warning once', () => {
    const warnings: string[] = [];
    const zones = book('BEGIN:VCALENDAR\nEND:VCALENDAR', warnings);
    const at = wall('2024-03-11T09:00');
    zones.instant({ kind: 'zoned', wall: at, tzid: 'Nowhere/Special' }, 7);
    expect(zones.instant({ kind: 'zoned', wall: at, tzid: 'Nowhere/Special' }, 9)).toBe(
      wallAsUtc(at),
    );
    expect(warnings).toEqual([
      '7 unknown_timezone unknown time zone "Nowhere/Special": its times are read in UTC',
    ]);
  });
});
