/**
 * Everything the figures read, prepared once: the period, the records up to its end
 * converted and measured, the offers and clients indexed by id, the targets with
 * their defaults. Later steps only walk these arrays, never search them.
 */
import type { Offer, Outcome, Practice, Targets } from '../model.ts';
import { DEFAULT_TARGETS } from '../model.ts';
import type { Assumptions } from './assumptions.ts';
import { type ConvertedCost, type ConvertedPayment, convertGroups } from './convert.ts';
import type { Fraction } from './exact.ts';
import { type MeasuredEntry, measureUpTo } from './hours.ts';
import type { AnalysisClient, ConversationGroup, GroupedData } from './input.ts';
import { annualFactor, inPeriod, type Period } from './period.ts';

export interface Context {
  period: Period;
  /** f = 365 / days(P). */
  f: Fraction;
  currency: string;
  practice: Practice;
  targets: Targets;
  assumptions: Assumptions;
  offers: readonly Offer[];
  offerById: ReadonlyMap<string, Offer>;
  /** The practice's clients: a client's number is its index here. */
  clients: readonly AnalysisClient[];
  /**
   * The number of each client id a payment names: its client's index in `clients`, or
   * for an id no client has, a number from `clients.length` up. Numbers run below
   * `clientCount`, so facts per client can be kept in arrays.
   */
  clientNumber: ReadonlyMap<string, number>;
  clientCount: number;
  /** Payments dated ≤ to (in groups), in practice minor units. */
  payments: readonly ConvertedPayment[];
  /** The number of each payment's client (`clientNumber`), −1 for none; index as `payments`. */
  paymentClients: Int32Array;
  /** Costs dated ≤ to (in groups), in practice minor units. */
  costs: readonly ConvertedCost[];
  /** Time entries dated ≤ to (in groups), in units of 10^-hourScale hours. */
  time: readonly MeasuredEntry[];
  hourScale: number;
  /** Conversations dated in P, counted by outcome. */
  outcomes: Readonly<Record<Outcome, number>>;
}

/**
 * What the levers and their explanations read of a context (levers.ts): a what-if
 * rebuilds just this from a kept `LeverBasis`.
 */
export type LeverContext = Pick<
  Context,
  'period' | 'f' | 'currency' | 'hourScale' | 'assumptions'
> & {
  practice: Pick<Practice, 'weeklyCapacityHours'>;
  outcomes: { readonly enrolled: number; readonly declined: number };
};

/** The targets of the practice over the defaults, ignoring unset ones. */
function targetsOf(practice: Practice): Targets {
  const targets: Targets = { ...DEFAULT_TARGETS };
  for (const key of Object.keys(DEFAULT_TARGETS) as (keyof Targets)[]) {
    const value = practice.targets[key];
    if (typeof value === 'number' && Number.isFinite(value)) targets[key] = value;
  }
  return targets;
}

/** Conversations dated in the period, by outcome. */
function countOutcomes(
  conversations: readonly ConversationGroup[],
  period: Period,
): Record<Outcome, number> {
  const counts = { enrolled: 0, declined: 0, pending: 0 };
  for (const v of conversations) if (inPeriod(v.date, period)) counts[v.outcome] += v.count;
  return counts;
}

/**
 * Prepares the context of one analysis from the period's groups; throws `missing_rate`
 * (see convertGroups).
 * @example buildContext(data, { from: '2024-01-01', to: '2024-12-31', days: 366 }, ASSUMPTIONS)
 */
export function buildContext(data: GroupedData, period: Period, assumptions: Assumptions): Context {
  const { payments, costs } = convertGroups(data);
  const measured = measureUpTo(data.timeEntries, period.to);
  // One look-up per payment group here; the client facts then index arrays by number.
  const clientNumber = new Map<string, number>();
  for (let n = 0; n < data.clients.length; n++) clientNumber.set(data.clients[n]!.id, n);
  let clientCount = data.clients.length;
  const paymentClients = new Int32Array(payments.length);
  for (let i = 0; i < payments.length; i++) {
    const id = payments[i]!.record.clientId;
    let n = id === null ? -1 : clientNumber.get(id);
    if (n === undefined) {
      n = clientCount++;
      clientNumber.set(id as string, n);
    }
    paymentClients[i] = n;
  }
  return {
    period,
    f: annualFactor(period),
    currency: data.practice.currency,
    practice: data.practice,
    targets: targetsOf(data.practice),
    assumptions,
    offers: data.offers,
    offerById: new Map(data.offers.map((o) => [o.id, o])),
    clients: data.clients,
    clientNumber,
    clientCount,
    payments,
    paymentClients,
    costs,
    time: measured.entries,
    hourScale: measured.scale,
    outcomes: countOutcomes(data.conversations, period),
  };
}
