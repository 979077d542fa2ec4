/**
 * Facts about clients the readiness and the levers share (spec/analysis.md, "Levers"):
 * first payments, new and active clients, buyers, and what new clients paid and took.
 */
import type { IsoDate } from '../dates.ts';
import type { Context } from './context.ts';
import { type Fraction, frac, ZERO } from './exact.ts';
import { inPeriod } from './period.ts';
import { addTo } from './segments.ts';

export interface ClientFacts {
  /** Clients whose first payment (earliest with amount > 0) is dated in P. */
  newClients: ReadonlySet<string>;
  /** Clients with a payment of amount > 0 dated in P. */
  activeClients: ReadonlySet<string>;
  /** Clients whose payments dated ≤ to sum to more than 0 in practice currency. */
  buyers: number;
  /** Each client's payments dated in P, practice minor units. */
  paidInPeriod: ReadonlyMap<string, number>;
  /** Payments in P of new clients, minor units. */
  newClientRevenue: number;
  /** avgNewClientRevenue: newClientRevenue ÷ new clients (0 if none), minor units. */
  avgNewClientRevenue: Fraction;
  /** Delivery hours in P on new clients, hour units. */
  newClientDeliveryUnits: bigint;
}

/** A client's payments dated ≤ to: their sum and the date of the earliest with amount > 0. */
interface PaymentFacts {
  toDate: number;
  first: IsoDate | undefined;
}

/**
 * Reads the client facts from the payments and time entries up to `to`. A payment's
 * sign is its own (a refund is < 0 in any currency), so "amount > 0" is read on the
 * recorded amount, before conversion.
 * @example clientFacts(ctx).newClients // Set { 'c2', 'c5' }
 */
export function clientFacts(ctx: Context): ClientFacts {
  // One entry per client, found once per payment (a client has many payments).
  const byClient = new Map<string, PaymentFacts>();
  const paidInPeriod = new Map<string, number>();
  const activeClients = new Set<string>();
  for (const { record: p, amount } of ctx.payments) {
    const id = p.clientId;
    if (id === null) continue;
    let facts = byClient.get(id);
    if (facts === undefined) {
      facts = { toDate: 0, first: undefined };
      byClient.set(id, facts);
    }
    facts.toDate += amount;
    if (p.amount > 0 && (facts.first === undefined || p.date < facts.first)) facts.first = p.date;
    if (!inPeriod(p.date, ctx.period)) continue;
    addTo(paidInPeriod, id, amount);
    if (p.amount > 0) activeClients.add(id);
  }
  const newClients = new Set<string>();
  for (const [id, { first }] of byClient) {
    if (first !== undefined && inPeriod(first, ctx.period)) newClients.add(id);
  }
  let newClientRevenue = 0;
  for (const id of newClients) newClientRevenue += paidInPeriod.get(id) ?? 0;
  let newClientDeliveryUnits = 0n;
  for (const { record: t, units } of ctx.time) {
    if (t.activity !== 'delivery' || t.clientId === null || !newClients.has(t.clientId)) continue;
    if (inPeriod(t.date, ctx.period)) newClientDeliveryUnits += units;
  }
  let buyers = 0;
  for (const { toDate } of byClient.values()) if (toDate > 0) buyers++;
  return {
    newClients,
    activeClients,
    buyers,
    paidInPeriod,
    newClientRevenue,
    avgNewClientRevenue: newClients.size === 0 ? ZERO : frac(newClientRevenue, newClients.size),
    newClientDeliveryUnits,
  };
}
