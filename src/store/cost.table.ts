/** The `costs` table: money spent, keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { Cost } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface CostTable {
  practiceId: number;
  id: string;
  position: number;
  date: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  offerId: string | null;
  channel: string | null;
  category: string | null;
}

export type CostRow = Selectable<CostTable>;
export type NewCostRow = Insertable<CostTable>;

export const COST_COLUMNS = columnList<Cost>({
  id: true,
  date: true,
  amount: true,
  currency: true,
  offerId: true,
  channel: true,
  category: true,
});
