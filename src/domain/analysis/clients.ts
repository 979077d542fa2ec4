/**
 * Facts about clients the readiness and the levers share (spec/analysis.md, "Levers"):
 * first payments, new and active clients, buyers, and what new clients paid and took.
 */
import type { IsoDate } from '../dates.ts';
import type { Context } from './context.ts';
import { type Fraction, frac, ZERO } from './exact.ts';
import { inPeriod } from './period.ts';

export interface ClientFacts {
  /** Clients whose first payment (earliest with amount > 0) is dated in P. */
  newClients: ReadonlySet<string>;
  /** Clients with a payment of amount > 0 dated in P. */
  activeClients: ReadonlySet<string>;
  /** Clients whose payments dated ≤ to sum to more than 0 in practice currency. */
  buyers: number;
  /** Each new client's payments dated in P, practice minor units. */
  paidInPeriod: ReadonlyMap<string, number>;
  /** Payments in P of new clients, minor units. */
  newClientRevenue: number;
  /** avgNewClientRevenue: newClientRevenue ÷ new clients (0 if none), minor units. */
  avgNewClientRevenue: Fraction;
  /** Delivery hours in P on new clients, hour units. */
  newClientDeliveryUnits: bigint;
}

/**
 * A client's payments dated ≤ to: their sum, the date of the earliest with amount > 0,
 * their sum in P and whether one in P has amount > 0.
 */
interface PaymentFacts {
  toDate: number;
  first: IsoDate | undefined;
  inPeriod: number;
  active: boolean;
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
  for (const { record: p, amount } of ctx.payments) {
    const id = p.clientId;
    if (id === null) continue;
    let facts = byClient.get(id);
    if (facts === undefined) {
      facts = { toDate: 0, first: undefined, inPeriod: 0, active: false };
      byClient.set(id, facts);
    }
    facts.toDate += amount;
    if (p.amount > 0 && (facts.first === undefined || p.date < facts.first)) facts.first = p.date;
    if (!inPeriod(p.date, ctx.period)) continue;
    facts.inPeriod += amount;
    if (p.amount > 0) facts.active = true;
  }
  const newClients = new Set<string>();
  const activeClients = new Set<string>();
  const paidInPeriod = new Map<string, number>();
  let newClientRevenue = 0;
  let buyers = 0;
  for (const [id, facts] of byClient) {
    if (facts.toDate > 0) buyers++;
    if (facts.active) activeClients.add(id);
    if (facts.first === undefined || !inPeriod(facts.first, ctx.period)) continue;
    newClients.add(id);
    paidInPeriod.set(id, facts.inPeriod);
    newClientRevenue += facts.inPeriod;
  }
  let newClientDeliveryUnits = 0n;
  for (const { record: t, units } of ctx.time) {
    if (t.activity !== 'delivery' || t.clientId === null || !newClients.has(t.clientId)) continue;
    if (inPeriod(t.date, ctx.period)) newClientDeliveryUnits += units;
  }
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
