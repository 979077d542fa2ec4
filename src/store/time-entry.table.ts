/** The `time_entries` table: hours worked, keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { TimeEntry } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface TimeEntryTable {
  practiceId: number;
  id: string;
  position: number;
  date: string;
  /** Double precision on both engines. */
  hours: number;
  activity: string;
  offerId: string | null;
  clientId: string | null;
  channel: string | null;
  note: string | null;
}

export type TimeEntryRow = Selectable<TimeEntryTable>;
export type NewTimeEntryRow = Insertable<TimeEntryTable>;

export const TIME_ENTRY_COLUMNS = columnList<TimeEntry>({
  id: true,
  date: true,
  hours: true,
  activity: true,
  offerId: true,
  clientId: true,
  channel: true,
  note: true,
});
