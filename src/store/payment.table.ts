/** The `payments` table: money received (refunds negative), keyed by (practice id, bundle id). */
import type { Insertable, Selectable } from 'kysely';
import type { Payment } from '../domain/model.ts';
import { columnList } from './columns.ts';

export interface PaymentTable {
  practiceId: number;
  id: string;
  position: number;
  /** `YYYY-MM-DD`, text on both engines: lexical order is date order. */
  date: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  fee: number | null;
  clientId: string | null;
  offerId: string | null;
  /** The processor's id; unique within a practice when present. */
  externalId: string | null;
  note: string | null;
}

export type PaymentRow = Selectable<PaymentTable>;
export type NewPaymentRow = Insertable<PaymentTable>;

export const PAYMENT_COLUMNS = columnList<Payment>({
  id: true,
  date: true,
  amount: true,
  currency: true,
  fee: true,
  clientId: true,
  offerId: true,
  externalId: true,
  note: true,
});
