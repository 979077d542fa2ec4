/**
 * Anchoring calendar times to instants. A TZID is resolved, in this order, by:
 * 1. a VTIMEZONE of the file with that TZID (its offsets are authoritative; ical.js
 *    reads its rules, including Exchange's blocks that start in 1601);
 * 2. an IANA name the runtime knows (`America/Denver`, `US/Central`, also after a path
 *    prefix such as `/mozilla.org/…/Europe/Berlin`);
 * 3. a Windows id or OWA display name through the windowsZones table, or the fixed
 *    offset an unknown display name states (warning `approximate_timezone`);
 * 4. otherwise the practice zone (warning `unknown_timezone`).
 * UTC times are instants already; floating times and dates are read in the practice zone.
 */
import ICAL from 'ical.js';
import { instantFromWallClock, isTimeZone } from '../../domain/dates.ts';
import type { Component } from './content.ts';
import { type IcsTime, type WallClock, wallAsUtc } from './values.ts';
import { windowsZone } from './windows-zones.ts';

type ToInstant = (wall: WallClock) => number;

export type ZoneWarning = (line: number, code: string, message: string) => void;

function fromVtimezone(component: Component): ToInstant | null {
  try {
    const parsed = new ICAL.Component(ICAL.parse(component.text));
    const rules = [
      ...parsed.getAllSubcomponents('standard'),
      ...parsed.getAllSubcomponents('daylight'),
    ];
    if (!rules.some((rule) => rule.hasProperty('tzoffsetto'))) return null;
    const tz = new ICAL.Timezone(parsed);
    const toInstant: ToInstant = (wall) =>
      wallAsUtc(wall) - tz.utcOffset(ICAL.Time.fromData({ ...wall, isDate: false })) * 1000;
    toInstant({ year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
    return toInstant;
  } catch {
    return null;
  }
}

function ianaName(tzid: string): string | null {
  if (isTimeZone(tzid)) return tzid;
  const parts = tzid.split('/').filter(Boolean);
  for (let n = Math.min(3, parts.length - 1); n >= 2; n--) {
    const candidate = parts.slice(-n).join('/');
    if (isTimeZone(candidate)) return candidate;
  }
  return null;
}

export class ZoneBook {
  private readonly vtimezones = new Map<string, Component>();
  private readonly resolved = new Map<string, ToInstant>();

  constructor(
    vtimezones: readonly Component[],
    private readonly practiceZone: string,
    private readonly warn: ZoneWarning,
  ) {
    for (const component of vtimezones) {
      const tzid = component.props.find((p) => p.name === 'TZID')?.value.trim();
      if (tzid && !this.vtimezones.has(tzid)) this.vtimezones.set(tzid, component);
    }
  }

  /** The instant (ms since epoch) a time stands for; `line` locates a zone warning. */
  instant(time: IcsTime, line: number): number {
    if (time.kind === 'utc') return wallAsUtc(time.wall);
    if (time.kind === 'zoned') return this.zone(time.tzid, line)(time.wall);
    return instantFromWallClock(time.wall, this.practiceZone);
  }

  private zone(rawTzid: string, line: number): ToInstant {
    const tzid = rawTzid.replace(/^"|"$/g, '').trim();
    let toInstant = this.resolved.get(tzid);
    if (!toInstant) {
      toInstant = this.resolve(tzid, line);
      this.resolved.set(tzid, toInstant);
    }
    return toInstant;
  }

  private resolve(tzid: string, line: number): ToInstant {
    const vtimezone = this.vtimezones.get(tzid);
    const fromFile = vtimezone ? fromVtimezone(vtimezone) : null;
    if (fromFile) return fromFile;
    const iana = ianaName(tzid);
    if (iana) return (wall) => instantFromWallClock(wall, iana);
    const windows = windowsZone(tzid);
    if (windows && 'iana' in windows) {
      const zone = windows.iana;
      return (wall) => instantFromWallClock(wall, zone);
    }
    if (windows) {
      const minutes = windows.offsetMinutes;
      this.warn(
        line,
        'approximate_timezone',
        `unknown time zone "${tzid}": read at its stated offset, without daylight saving`,
      );
      return (wall) => wallAsUtc(wall) - minutes * 60_000;
    }
    this.warn(
      line,
      'unknown_timezone',
      `unknown time zone "${tzid}": its times are read in ${this.practiceZone}`,
    );
    const zone = this.practiceZone;
    return (wall) => instantFromWallClock(wall, zone);
  }
}
