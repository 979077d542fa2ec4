/**
 * The levers (spec/analysis.md, "Levers"): raise_rates, referrals and
 * more_conversations here, best_channel in channels.ts; each with its yearly value in
 * practice currency (rounded to the minor unit, never below 0), its assumptions, its
 * intermediate figures and a one-line explanation. Listed worth most first.
 */
import { isServiceKind } from '../model.ts';
import { bestChannel } from './channels.ts';
import type { ClientFacts } from './clients.ts';
import type { Context } from './context.ts';
import { add, cmp, div, type Fraction, frac, fromDecimal, max, mul, sub, ZERO } from './exact.ts';
import { explainMoreConversations, explainRaiseRates, explainReferrals } from './explain.ts';
import { hoursOf } from './hours.ts';
import { type Ledger, revenueOfKinds, totalUnits } from './ledger.ts';
import { hours, money, moneyOf, nullable, ratio } from './output.ts';
import type { Lever } from './report.ts';
import { normalName } from './segments.ts';

const ONE = frac(1);

/**
 * raise_rates: raise × S × f, S = service revenue in P (a negative S counts as 0);
 * breakEvenClientLoss = raise / (1 + raise).
 * @example raiseRates(ctx, ledger).annualImpact // 8400 for S = 84,000 over 365 days
 */
export function raiseRates(ctx: Context, ledger: Ledger): Lever {
  const service = revenueOfKinds(ledger, isServiceKind);
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
export function referrals(ctx: Context, facts: ClientFacts): Lever {
  const referred = referredNew(facts);
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
      newClients: facts.newClients.length,
    },
    explanation: explainReferrals({ ctx, facts, referred, referralRate, uplift, impact }),
  };
}

/** The capacity arithmetic of more_conversations, exact (hours a year). */
function capacityCap(
  ctx: Context,
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
 * @example moreConversations(ctx, ledger, facts).details.capped // true
 */
export function moreConversations(ctx: Context, ledger: Ledger, facts: ClientFacts): Lever {
  const { enrolled, declined } = ctx.outcomes;
  const closeRate = enrolled + declined === 0 ? null : frac(enrolled, enrolled + declined);
  const extraPerYear = mul(frac(52), fromDecimal(ctx.assumptions.extraPerWeek));
  const newCount = facts.newClients.length;
  const deliveryPerNew =
    newCount === 0
      ? ZERO
      : div(hoursOf(facts.newClientDeliveryUnits, ctx.hourScale), frac(newCount));
  const extraHours = closeRate === null ? null : mul(extraPerYear, closeRate, deliveryPerNew);
  const uncapped =
    closeRate === null ? ZERO : mul(extraPerYear, closeRate, facts.avgNewClientRevenue);
  const totalHours = hoursOf(totalUnits(ledger.totals), ctx.hourScale);
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
 * All four levers, worth most first.
 * @example levers(ctx, ledger, facts).map((l) => l.id) // ['raise_rates', 'referrals', …]
 */
export function levers(ctx: Context, ledger: Ledger, facts: ClientFacts): Lever[] {
  return sortLevers([
    raiseRates(ctx, ledger),
    bestChannel(ctx, facts),
    referrals(ctx, facts),
    moreConversations(ctx, ledger, facts),
  ]);
}
