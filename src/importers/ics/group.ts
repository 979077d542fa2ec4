/**
 * The events of one UID in one calendar → entries and skips. The master (the VEVENT
 * without RECURRENCE-ID; the highest SEQUENCE when there are several) is expanded
 * (recurrence.ts); each modified instance (same UID + RECURRENCE-ID, anywhere in the
 * file, possibly moved to another day) replaces the occurrence it names — matched by
 * instant, or by date when one side is a DATE or floating (Exchange all-day series) —
 * and is judged on its own (a cancelled or declined instance removes the occurrence).
 */
import { dateInZone, type IsoDate } from '../../domain/dates.ts';
import type { ContentIds, ImportEvent } from '../format.ts';
import { lengthVerdict } from '../time-entries.ts';
import type { ImportOptions } from '../types.ts';
import { calendarOwners, eventAttributes, skipReason } from './decide.ts';
import type { IcsEvent } from './event.ts';
import { expandSeries, isOpenEnded, type Occurrence, recurrenceKey } from './recurrence.ts';
import { dateOfWall, type IcsTime } from './values.ts';
import type { ZoneBook } from './zones.ts';

/** At most this many occurrences of one series are read. */
export const MAX_OCCURRENCES = 5000;

export interface Context {
  file: string;
  options: ImportOptions;
  out: ImportEvent[];
  ids: ContentIds;
  warn(line: number, code: string, message: string, property?: string): void;
}

export interface Group {
  uid: string;
  masters: IcsEvent[];
  overrides: IcsEvent[];
}

/** The latest of some events: a higher SEQUENCE wins, then the later in the file. */
function latest(events: IcsEvent[]): IcsEvent | undefined {
  return events.reduce<IcsEvent | undefined>(
    (best, e) => (!best || e.sequence >= best.sequence ? e : best),
    undefined,
  );
}

const anchored = (time: IcsTime) => time.kind === 'utc' || time.kind === 'zoned';

export class GroupReader {
  private horizonDate: IsoDate | null | undefined;
  private readonly owners: ReadonlySet<string>;

  constructor(
    private readonly ctx: Context,
    private readonly zones: ZoneBook,
    private readonly calendarName: string,
    private readonly events: readonly IcsEvent[],
  ) {
    this.owners = calendarOwners(ctx.options.ownerEmails, calendarName);
  }

  read(group: Group): void {
    const master = latest(group.masters);
    for (const other of group.masters) if (other !== master) this.skip(other, 'duplicate');
    const occurrences = master ? this.occurrencesOf(master) : [];
    const byKey = new Map(occurrences.map((o) => [o.key, o]));
    const overrides = new Map<string, IcsEvent>();
    for (const override of group.overrides) {
      const key = this.matchOverride(override, master, occurrences);
      const previous = overrides.get(key);
      if (previous && previous.sequence > override.sequence) this.skip(override, 'duplicate');
      else {
        if (previous) this.skip(previous, 'duplicate');
        overrides.set(key, override);
      }
      byKey.delete(key);
    }
    const items: { ms: number; event: IcsEvent; occurrence: Occurrence; key: string | null }[] = [];
    if (master) {
      const recurring = master.rrules.length > 0 || master.rdates.length > 0;
      for (const o of byKey.values())
        items.push({ ms: o.startMs, event: master, occurrence: o, key: recurring ? o.key : null });
    }
    for (const [key, override] of overrides) {
      if (this.skipped(override)) continue;
      const span = this.spanOf(override);
      if (span) items.push({ ms: span.startMs, event: override, occurrence: span, key });
    }
    items.sort((a, b) => a.ms - b.ms);
    for (const { event, occurrence, key } of items) {
      this.emit(event, occurrence, key === null ? group.uid : `${group.uid}#${key}`);
    }
  }

  /** The occurrences a master contributes (none when it is skipped). */
  private occurrencesOf(master: IcsEvent): Occurrence[] {
    if (this.skipped(master)) return [];
    const span = this.spanOf(master);
    if (!span || !master.start) return [];
    if (!master.rrules.length && !master.rdates.length) return [span];
    const horizon = isOpenEnded(master.rrules) ? this.horizon() : null;
    return expandSeries(
      {
        line: master.line,
        start: master.start,
        seconds: (span.endMs - span.startMs) / 1000,
        rrules: master.rrules,
        rdates: master.rdates,
        exdates: master.exdates,
      },
      this.zones,
      { horizon, zone: this.ctx.options.timezone, cap: MAX_OCCURRENCES },
      this.ctx.warn,
    );
  }

  /** The recurrence id an override replaces: its own, or the master's occurrence on that date. */
  private matchOverride(
    override: IcsEvent,
    master: IcsEvent | undefined,
    occurrences: readonly Occurrence[],
  ): string {
    const rid = override.recurrenceId as IcsTime;
    const key = recurrenceKey(rid, this.zones.instant(rid, override.line));
    if (occurrences.some((o) => o.key === key) || !master?.start) return key;
    const start = master.start;
    if (rid.kind === 'date' || start.kind === 'date' || anchored(rid) !== anchored(start)) {
      const date = dateOfWall(rid.wall);
      const sameDay = occurrences.find((o) => dateOfWall(o.start.wall) === date);
      if (sameDay) return sameDay.key;
    }
    return key;
  }

  /** Skips an event that is not work (decide.ts) and says so. */
  private skipped(event: IcsEvent): boolean {
    const reason = skipReason(event, this.owners);
    if (reason) this.skip(event, reason);
    return reason !== null;
  }

  /** Start and end of a timed event, or null after skipping it as invalid or by length. */
  private spanOf(event: IcsEvent): Occurrence | null {
    const { start } = event;
    if (!start) {
      this.ctx.warn(event.line, 'missing_start', 'an event without a readable DTSTART', 'DTSTART');
      this.skip(event, 'invalid_event');
      return null;
    }
    const startMs = this.zones.instant(start, event.line);
    const endMs = event.end
      ? this.zones.instant(event.end, event.line)
      : startMs + (event.duration ?? 0) * 1000;
    if (endMs < startMs) {
      this.ctx.warn(event.line, 'bad_end', 'the event ends before it starts', 'DTEND');
      this.skip(event, 'invalid_event');
      return null;
    }
    const verdict = lengthVerdict((endMs - startMs) / 3_600_000);
    if (verdict) {
      this.skip(event, verdict);
      return null;
    }
    return { start, startMs, endMs, key: recurrenceKey(start, startMs) };
  }

  private emit(event: IcsEvent, occurrence: Occurrence, externalId: string): void {
    const hours = (occurrence.endMs - occurrence.startMs) / 3_600_000;
    const verdict = lengthVerdict(hours);
    if (verdict) {
      this.skip(event, verdict);
      return;
    }
    this.ctx.out.push({
      type: 'record',
      record: {
        kind: 'time',
        externalId,
        date: dateInZone(occurrence.startMs, this.ctx.options.timezone),
        hours,
        attributes: eventAttributes(event, this.calendarName),
        source: { file: this.ctx.file, line: event.line },
      },
    });
  }

  private skip(event: IcsEvent, reason: string): void {
    this.ctx.out.push({
      type: 'skip',
      skipped: { source: { file: this.ctx.file, line: event.line }, reason },
    });
  }

  /**
   * Where open-ended series stop: `options.asOf`, else the calendar's latest DTSTAMP
   * (Google stamps every event with the export time), with a warning saying so.
   */
  private horizon(): IsoDate | null {
    if (this.horizonDate !== undefined) return this.horizonDate;
    const asOf = this.ctx.options.asOf;
    if (asOf) {
      this.horizonDate = asOf;
      return asOf;
    }
    let latestMs: number | null = null;
    for (const event of this.events) {
      const time = event.stamp ?? event.start;
      if (!time) continue;
      const ms = this.zones.instant(time, event.line);
      if (latestMs === null || ms > latestMs) latestMs = ms;
    }
    this.horizonDate = latestMs === null ? null : dateInZone(latestMs, this.ctx.options.timezone);
    this.ctx.warn(
      1,
      'open_ended_series',
      `recurring events without an end are read up to ${this.horizonDate ?? 'the occurrence cap'} (the calendar's latest DTSTAMP); pass asOf (today) to choose`,
    );
    return this.horizonDate;
  }
}
