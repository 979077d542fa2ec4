/** The `list_snapshots` table: mailing-list size on a date, keyed by (practice id, date). */
import type { Insertable, Selectable } from 'kysely';
import type { ListSnapshot } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface ListSnapshotTable {
  practiceId: number;
  date: string;
  position: number;
  subscribers: number;
}

export type ListSnapshotRow = Selectable<ListSnapshotTable>;
export type NewListSnapshotRow = Insertable<ListSnapshotTable>;

export const LIST_SNAPSHOT_COLUMNS = columnList<ListSnapshot>({ date: true, subscribers: true });
