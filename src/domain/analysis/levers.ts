/**
 * The levers (spec/analysis.md, "Levers"): raise_rates, referrals and
 * more_conversations here, best_channel in channels.ts; each with its yearly value in
 * practice currency (rounded to the minor unit, never below 0), its assumptions, its
 * intermediate figures and a one-line explanation. Listed worth most first.
 *
 * The assumptions enter only here, so the levers are computed in two steps: `leverBasis`
 * reads what they need of the period's figures (small and plain JSON: the same under any
 * assumptions), and `leversOf` gives the levers of a basis under assumptions. A what-if
 * (the report under edited assumptions) keeps the basis and re-runs the second step
 * alone; the report itself runs both, so there is one definition of each lever.
 */
import { isServiceKind } from '../model.ts';
import type { Assumptions } from './assumptions.ts';
import { bestChannel } from './channels.ts';
import type { ClientFacts } from './clients.ts';
import type { Context, LeverContext } from './context.ts';
import {
  add,
  cmp,
  div,
  type Fraction,
  frac,
  fractionOfText,
  fractionText,
  fromDecimal,
  max,
  mul,
  sub,
  ZERO,
} from './exact.ts';
import { explainMoreConversations, explainRaiseRates, explainReferrals } from './explain.ts';
import { hoursOf } from './hours.ts';
import { type Ledger, revenueOfKinds, totalUnits } from './ledger.ts';
import { hours, money, moneyOf, nullable, ratio } from './output.ts';
import { annualFactor, type Period } from './period.ts';
import type { Lever } from './report.ts';
import { normalName } from './segments.ts';

/**
 * Everything the levers read besides the assumptions, as plain JSON (exact fractions
 * and BigInts as text, `fractionText`), so it can be kept and sent as it is.
 */
export interface LeverBasis {
  period: Period;
  currency: string;
  hourScale: number;
  weeklyCapacityHours: number | null;
  outcomes: { enrolled: number; declined: number };
  /** S: service revenue in P, minor units. */
  serviceRevenue: number;
  /** hours.total(P), hour units (BigInt as text). */
  totalUnits: string;
  /** The client facts the levers read (clients.ts). */
  clients: {
    newClients: number;
    referredNew: number;
    activeClients: number;
    /** avgNewClientRevenue, minor units (a fraction as text). */
    avgNewClientRevenue: string;
    /** Delivery hours in P on new clients, hour units (BigInt as text). */
    newClientDeliveryUnits: string;
  };
  /** best_channel reads no assumption: the lever itself. */
  bestChannel: Lever;
}

/** The client facts of a basis, exact again. */
interface BasisFacts {
  newClients: number;
  referredNew: number;
  activeClients: number;
  avgNewClientRevenue: Fraction;
  newClientDeliveryUnits: bigint;
}

const ONE = frac(1);

/**
 * raise_rates: raise × S × f, S = service revenue in P (a negative S counts as 0);
 * breakEvenClientLoss = raise / (1 + raise).
 * @example raiseRates(ctx, 84000_00).annualImpact // 8400 for S = 84,000 over 365 days
 */
export function raiseRates(ctx: LeverContext, service: number): Lever {
  const raise = fromDecimal(ctx.assumptions.raise);
  const impact = mul(raise, frac(Math.max(0, service)), ctx.f);
  const breakEven = div(raise, add(ONE, raise));
  return {
    id: 'raise_rates',
    annualImpact: moneyOf(impact, ctx.currency),
    assumptions: { raise: ctx.assumptions.raise },
    details: {
      breakEvenClientLoss: ratio(breakEven),
      serviceRevenue: money(service, ctx.currency),
    },
    explanation: explainRaiseRates({ ctx, raise, service, impact, breakEven }),
  };
}

/**
 * New clients with referredBy set or source "referral" (trimmed, any case).
 * @example referredNew(facts) // 2
 */
export function referredNew(facts: ClientFacts): number {
  let count = 0;
  for (const { client } of facts.newClients) {
    if (!client) continue;
    const referred = (client.referredBy ?? '') !== '' || normalName(client.source) === 'referral';
    if (referred) count++;
  }
  return count;
}

/**
 * referrals: uplift × activeClients × avgNewClientRevenue × f.
 * @example referrals(ctx, facts).details.referralRate // 0.25
 */
export function referrals(ctx: LeverContext, facts: BasisFacts): Lever {
  const referred = facts.referredNew;
  const active = facts.activeClients;
  const uplift = fromDecimal(ctx.assumptions.uplift);
  const impact = max(ZERO, mul(uplift, frac(active), facts.avgNewClientRevenue, ctx.f));
  const referralRate = active === 0 ? ZERO : frac(referred, active);
  return {
    id: 'referrals',
    annualImpact: moneyOf(impact, ctx.currency),
    assumptions: { uplift: ctx.assumptions.uplift },
    details: {
      referralRate: ratio(referralRate),
      referredNew: referred,
      activeClients: active,
      avgNewClientRevenue: moneyOf(facts.avgNewClientRevenue, ctx.currency),
      newClients: facts.newClients,
    },
    explanation: explainReferrals({ ctx, facts, referred, referralRate, uplift, impact }),
  };
}

/** The capacity arithmetic of more_conversations, exact (hours a year). */
function capacityCap(
  ctx: LeverContext,
  totalHoursInPeriod: Fraction,
  extraHours: Fraction,
): { spare: Fraction; binds: boolean } | null {
  const weekly = ctx.practice.weeklyCapacityHours;
  if (weekly === null) return null;
  const spare = sub(mul(fromDecimal(weekly), frac(52)), mul(totalHoursInPeriod, ctx.f));
  // With no extra delivery hours there is nothing for the cap to limit.
  return { spare, binds: extraHours.n > 0n && cmp(extraHours, spare) > 0 };
}

/**
 * more_conversations: 52 × extraPerWeek × closeRate × avgNewClientRevenue, scaled down
 * to the spare capacity when the extra clients' delivery hours exceed it.
 * @example moreConversations(ctx, totalUnits(ledger.totals), facts).details.capped // true
 */
export function moreConversations(
  ctx: LeverContext,
  totalHoursUnits: bigint,
  facts: BasisFacts,
): Lever {
  const { enrolled, declined } = ctx.outcomes;
  const closeRate = enrolled + declined === 0 ? null : frac(enrolled, enrolled + declined);
  const extraPerYear = mul(frac(52), fromDecimal(ctx.assumptions.extraPerWeek));
  const newCount = facts.newClients;
  const deliveryPerNew =
    newCount === 0
      ? ZERO
      : div(hoursOf(facts.newClientDeliveryUnits, ctx.hourScale), frac(newCount));
  const extraHours = closeRate === null ? null : mul(extraPerYear, closeRate, deliveryPerNew);
  const uncapped =
    closeRate === null ? ZERO : mul(extraPerYear, closeRate, facts.avgNewClientRevenue);
  const totalHours = hoursOf(totalHoursUnits, ctx.hourScale);
  const cap = capacityCap(ctx, totalHours, extraHours ?? ZERO);
  let impact = uncapped;
  const capped = cap !== null && extraHours !== null && cap.binds;
  if (capped) impact = div(mul(uncapped, max(ZERO, cap.spare)), extraHours);
  impact = max(ZERO, impact);
  const c = ctx.currency;
  const valuePerConversation = nullable(closeRate, (r) => mul(r, facts.avgNewClientRevenue));
  return {
    id: 'more_conversations',
    annualImpact: moneyOf(impact, c),
    assumptions: { extraPerWeek: ctx.assumptions.extraPerWeek },
    details: {
      closeRate: nullable(closeRate, ratio),
      valuePerConversation: nullable(valuePerConversation, (v) => moneyOf(v, c)),
      capped,
      enrolled,
      declined,
      uncappedImpact: moneyOf(max(ZERO, uncapped), c),
      extraHours: cap === null ? null : nullable(extraHours, hours),
      spareHours: cap === null ? null : hours(cap.spare),
      deliveryHoursPerNewClient: hours(deliveryPerNew),
    },
    explanation: explainMoreConversations({
      ctx,
      enrolled,
      declined,
      closeRate,
      avg: facts.avgNewClientRevenue,
      uncapped,
      impact,
      capped,
      extraHours,
      spare: cap?.spare ?? null,
      totalHours,
    }),
  };
}

/** Highest annualImpact first (as shown, to the minor unit), ties by id. */
function sortLevers(levers: Lever[]): Lever[] {
  return [...levers].sort(
    (a, b) => b.annualImpact - a.annualImpact || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * What the levers read of one analysis, the same under any assumptions.
 * @example leverBasis(ctx, ledger, facts).clients.referredNew // 2
 */
export function leverBasis(ctx: Context, ledger: Ledger, facts: ClientFacts): LeverBasis {
  return {
    period: ctx.period,
    currency: ctx.currency,
    hourScale: ctx.hourScale,
    weeklyCapacityHours: ctx.practice.weeklyCapacityHours,
    outcomes: { enrolled: ctx.outcomes.enrolled, declined: ctx.outcomes.declined },
    serviceRevenue: revenueOfKinds(ledger, isServiceKind),
    totalUnits: totalUnits(ledger.totals).toString(),
    clients: {
      newClients: facts.newClients.length,
      referredNew: referredNew(facts),
      activeClients: facts.activeClients,
      avgNewClientRevenue: fractionText(facts.avgNewClientRevenue),
      newClientDeliveryUnits: facts.newClientDeliveryUnits.toString(),
    },
    bestChannel: bestChannel(ctx, facts),
  };
}

/**
 * All four levers of a basis under `assumptions`, worth most first.
 * @example leversOf(basis, resolveAssumptions({ raise: 0.15 })).map((l) => l.id) // ['raise_rates', …]
 */
export function leversOf(basis: LeverBasis, assumptions: Assumptions): Lever[] {
  const ctx: LeverContext = {
    period: basis.period,
    f: annualFactor(basis.period),
    currency: basis.currency,
    hourScale: basis.hourScale,
    assumptions,
    outcomes: basis.outcomes,
    practice: { weeklyCapacityHours: basis.weeklyCapacityHours },
  };
  const c = basis.clients;
  const facts: BasisFacts = {
    newClients: c.newClients,
    referredNew: c.referredNew,
    activeClients: c.activeClients,
    avgNewClientRevenue: fractionOfText(c.avgNewClientRevenue),
    newClientDeliveryUnits: BigInt(c.newClientDeliveryUnits),
  };
  return sortLevers([
    raiseRates(ctx, basis.serviceRevenue),
    basis.bestChannel,
    referrals(ctx, facts),
    moreConversations(ctx, BigInt(basis.totalUnits), facts),
  ]);
}
