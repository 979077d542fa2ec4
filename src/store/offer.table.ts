/** The `offers` table: what the practice sells, keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { Offer } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface OfferTable {
  practiceId: number;
  id: string;
  /** Insertion order within the practice; export lists records in this order. */
  position: number;
  name: string;
  kind: string;
  /** Minor units of the practice currency. */
  price: number | null;
  launchedOn: string | null;
}

export type OfferRow = Selectable<OfferTable>;
export type NewOfferRow = Insertable<OfferTable>;

export const OFFER_COLUMNS = columnList<Offer>({
  id: true,
  name: true,
  kind: true,
  price: true,
  launchedOn: true,
});
