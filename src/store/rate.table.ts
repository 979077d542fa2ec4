/** The `rates` table: exchange rates, keyed by (practice id, date, from, to). */
import type { Insertable, Selectable } from 'kysely';
import type { Rate } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface RateTable {
  practiceId: number;
  date: string;
  from: string;
  to: string;
  position: number;
  /** 1 unit of `from` = `rate` units of `to`; double precision. */
  rate: number;
}

export type RateRow = Selectable<RateTable>;
export type NewRateRow = Insertable<RateTable>;

export const RATE_COLUMNS = columnList<Rate>({ date: true, from: true, to: true, rate: true });
