/** The `practices` table: one row per practice (the tenant every record belongs to). */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface PracticeTable {
  id: Generated<number>;
  /** Unique across the database; a bundle finds its practice by name. */
  name: string;
  currency: string;
  timezone: string;
  startedOn: string | null;
  niche: string | null;
  weeklyCapacityHours: number | null;
  /** 0 or 1 (SQLite has no boolean; PostgreSQL uses the same integer). */
  liveSessions: number;
  /** JSON text of the targets the practice set, `{}` when none. */
  targets: string;
  /** ISO 8601 instants, UTC (`2026-11-25T09:00:00.000Z`). */
  createdAt: string;
  updatedAt: string;
}

export type PracticeRow = Selectable<PracticeTable>;
export type NewPracticeRow = Insertable<PracticeTable>;
export type PracticeRowUpdate = Updateable<PracticeTable>;
