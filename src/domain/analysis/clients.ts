/**
 * Facts about clients the readiness and the levers share (spec/analysis.md, "Levers"):
 * first payments, new and active clients, buyers, and what new clients paid and took.
 */
import type { IsoDate } from '../dates.ts';
import type { Context } from './context.ts';
import { type Fraction, frac, ZERO } from './exact.ts';
import type { AnalysisClient } from './input.ts';
import { inPeriod } from './period.ts';

/** A client whose first payment (earliest with amount > 0) is dated in P. */
export interface NewClient {
  /** The client's record; undefined when no client of the practice has the id. */
  client: AnalysisClient | undefined;
  /** Its payments dated in P, practice minor units. */
  paidInPeriod: number;
}

export interface ClientFacts {
  /** Clients whose first payment (earliest with amount > 0) is dated in P. */
  newClients: readonly NewClient[];
  /** How many clients have a payment of amount > 0 dated in P. */
  activeClients: number;
  /** Clients whose payments dated ≤ to sum to more than 0 in practice currency. */
  buyers: number;
  /** Payments in P of new clients, minor units. */
  newClientRevenue: number;
  /** avgNewClientRevenue: newClientRevenue ÷ new clients (0 if none), minor units. */
  avgNewClientRevenue: Fraction;
  /** Delivery hours in P on new clients, hour units. */
  newClientDeliveryUnits: bigint;
}

/**
 * Reads the client facts from the payments and time entries up to `to`. A payment's
 * sign is its own (a refund is < 0 in any currency), so "amount > 0" is read on the
 * recorded amount, before conversion. A client's payments dated ≤ to give their sum,
 * the date of the earliest with amount > 0, their sum in P and whether one in P has
 * amount > 0; these are kept per client number (`Context.clientNumber`), in arrays.
 * @example clientFacts(ctx).newClients.length // 2
 */
export function clientFacts(ctx: Context): ClientFacts {
  const { payments, paymentClients, clientCount } = ctx;
  // Sums of integers in minor units: doubles, exactly as the numbers they replace.
  const toDate = new Float64Array(clientCount);
  const inPeriodSum = new Float64Array(clientCount);
  const first: (IsoDate | undefined)[] = new Array(clientCount).fill(undefined);
  const PAID = 1;
  const ACTIVE = 2;
  const state = new Uint8Array(clientCount);
  for (let i = 0; i < payments.length; i++) {
    const n = paymentClients[i]!;
    if (n < 0) continue;
    const { record: p, amount } = payments[i]!;
    state[n]! |= PAID;
    toDate[n]! += amount;
    if (p.amount > 0) {
      const earliest = first[n];
      if (earliest === undefined || p.date < earliest) first[n] = p.date;
    }
    if (!inPeriod(p.date, ctx.period)) continue;
    inPeriodSum[n]! += amount;
    if (p.amount > 0) state[n]! |= ACTIVE;
  }
  const newClients: NewClient[] = [];
  const isNew = new Uint8Array(clientCount);
  let activeClients = 0;
  let newClientRevenue = 0;
  let buyers = 0;
  for (let n = 0; n < clientCount; n++) {
    if (state[n] === 0) continue;
    if (toDate[n]! > 0) buyers++;
    if (state[n]! & ACTIVE) activeClients++;
    const earliest = first[n];
    if (earliest === undefined || !inPeriod(earliest, ctx.period)) continue;
    isNew[n] = 1;
    newClients.push({ client: ctx.clients[n], paidInPeriod: inPeriodSum[n]! });
    newClientRevenue += inPeriodSum[n]!;
  }
  let newClientDeliveryUnits = 0n;
  for (const { record: t, units } of ctx.time) {
    if (t.activity !== 'delivery' || t.clientId === null) continue;
    const n = ctx.clientNumber.get(t.clientId);
    if (n === undefined || !isNew[n] || !inPeriod(t.date, ctx.period)) continue;
    newClientDeliveryUnits += units;
  }
  return {
    newClients,
    activeClients,
    buyers,
    newClientRevenue,
    avgNewClientRevenue: newClients.length === 0 ? ZERO : frac(newClientRevenue, newClients.length),
    newClientDeliveryUnits,
  };
}
