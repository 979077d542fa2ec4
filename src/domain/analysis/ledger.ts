/**
 * The practice's books for one report, in one pass per record type: revenue, costs
 * (fees + costs) and hours by activity, per offer in P and over its lifetime (every
 * date ≤ to), plus the practice totals and what has no offer ("unassigned").
 */
import type { Activity, Offer, OfferKind } from '../model.ts';
import { ACTIVITIES } from '../model.ts';
import type { Context } from './context.ts';
import type { ConvertedCost, ConvertedPayment } from './convert.ts';
import type { MeasuredEntry } from './hours.ts';
import { inPeriod } from './period.ts';

/** Integer practice minor units and integer hour units (see hours.ts). */
export interface Sums {
  revenue: number;
  costs: number;
  hours: Record<Activity, bigint>;
}

export interface StreamLedger {
  offer: Offer;
  period: Sums;
  lifetime: Sums;
}

export interface Ledger {
  streams: StreamLedger[];
  /** Every record in P. */
  totals: Sums;
  /** Records in P with no offer (or naming an offer the data does not have). */
  unassigned: Sums;
}

function emptySums(): Sums {
  const hours = {} as Record<Activity, bigint>;
  for (const a of ACTIVITIES) hours[a] = 0n;
  return { revenue: 0, costs: 0, hours };
}

/**
 * hours.total of a Sums, in hour units.
 * @example totalUnits(ledger.totals) // 2325n (23.25 h at scale 2)
 */
export function totalUnits(s: Sums): bigint {
  let total = 0n;
  for (const a of ACTIVITIES) total += s.hours[a];
  return total;
}

/**
 * net = revenue − costs, minor units.
 * @example netOf({ revenue: 230000, costs: 7500, hours }) // 222500
 */
export function netOf(s: Sums): number {
  return s.revenue - s.costs;
}

type Add<R> = (s: Sums, record: R) => void;

function addPayment(s: Sums, p: ConvertedPayment): void {
  s.revenue += p.amount;
  s.costs += p.fee;
}

function addCost(s: Sums, k: ConvertedCost): void {
  s.costs += k.amount;
}

function addTime(s: Sums, t: MeasuredEntry): void {
  s.hours[t.record.activity] += t.units;
}

/**
 * Adds up the books. Linear in the number of records.
 * @example buildLedger(ctx).streams[0].period.revenue // 840000 (USD cents)
 */
export function buildLedger(ctx: Context): Ledger {
  const totals = emptySums();
  const unassigned = emptySums();
  const byOffer = new Map<string, StreamLedger>();
  const streams = ctx.offers.map((offer) => {
    const stream = { offer, period: emptySums(), lifetime: emptySums() };
    byOffer.set(offer.id, stream);
    return stream;
  });
  // A record goes into its stream's lifetime (when its offer exists) and, when dated in
  // P, into the totals and its stream's period (or unassigned). `add` is a module-level
  // function, so booking a record allocates nothing.
  const book = <R>(offerId: string | null, date: string, record: R, add: Add<R>) => {
    const stream = offerId === null ? undefined : byOffer.get(offerId);
    if (stream) add(stream.lifetime, record);
    if (!inPeriod(date, ctx.period)) return;
    add(totals, record);
    add(stream ? stream.period : unassigned, record);
  };
  for (const p of ctx.payments) book(p.record.offerId, p.record.date, p, addPayment);
  for (const k of ctx.costs) book(k.record.offerId, k.record.date, k, addCost);
  for (const t of ctx.time) book(t.record.offerId, t.record.date, t, addTime);
  return { streams, totals, unassigned };
}

/**
 * Revenue in P of the streams whose kind passes `test`, minor units.
 * @example revenueOfKinds(ledger, isServiceKind) // S, the service revenue
 */
export function revenueOfKinds(ledger: Ledger, test: (kind: OfferKind) => boolean): number {
  let sum = 0;
  for (const s of ledger.streams) if (test(s.offer.kind)) sum += s.period.revenue;
  return sum;
}

/**
 * Hours in P of the streams whose kind passes `test`, hour units.
 * @example hoursOfKinds(ledger, isProductKind) // 500n
 */
export function hoursOfKinds(ledger: Ledger, test: (kind: OfferKind) => boolean): bigint {
  let sum = 0n;
  for (const s of ledger.streams) if (test(s.offer.kind)) sum += totalUnits(s.period);
  return sum;
}
