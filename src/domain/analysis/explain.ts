/**
 * One plain-English line per lever, for a coach: what the figure means and how it was
 * computed, with the actual numbers (spec/analysis.md asks for "words a coach would
 * use, each with a one-line explanation of how it was computed").
 */
import type { ChannelRow } from './channels.ts';
import type { LeverContext } from './context.ts';
import { type Fraction, frac, mul, sign } from './exact.ts';
import { formatHours, formatMoney, formatNumber, formatPercent } from './format.ts';
import { hoursOf } from './hours.ts';
import { minorPerMajor } from './output.ts';

const annualised = (ctx: LeverContext) => `365/${ctx.period.days}`;
const between = (ctx: LeverContext) => `between ${ctx.period.from} and ${ctx.period.to}`;
const perHourText = (major: Fraction, ctx: LeverContext) =>
  formatMoney(mul(major, minorPerMajor(ctx.currency)), ctx.currency);

/**
 * @example
 * // 'Raising rates 10% on $84,000.00 of service revenue over 365 days is worth
 * //  $8,400.00 a year (10% × $84,000.00 × 365/365); you could lose 9.1% of clients
 * //  before it costs you.'
 */
export function explainRaiseRates(x: {
  ctx: LeverContext;
  raise: Fraction;
  service: number;
  impact: Fraction;
  breakEven: Fraction;
}): string {
  const { ctx } = x;
  const c = ctx.currency;
  const pct = formatPercent(x.raise, 2);
  if (x.service <= 0) {
    return `Service revenue ${between(ctx)} is ${formatMoney(x.service, c)}, so raising rates ${pct} is worth ${formatMoney(0, c)} a year for now.`;
  }
  const s = formatMoney(x.service, c);
  return (
    `Raising rates ${pct} on ${s} of service revenue over ${ctx.period.days} days is worth ` +
    `${formatMoney(x.impact, c)} a year (${pct} × ${s} × ${annualised(ctx)}); you could lose ` +
    `${formatPercent(x.breakEven)} of clients before it costs you.`
  );
}

/** @example 'Your best channel, podcast, brought $160.00 of new-client revenue after costs per marketing hour and instagram $10.00; …' */
export function explainBestChannel(x: {
  ctx: LeverContext;
  best: (ChannelRow & { yieldPerHour: Fraction }) | null;
  worst: (ChannelRow & { yieldPerHour: Fraction }) | null;
  impact: Fraction;
}): string {
  const { ctx, best, worst } = x;
  const zero = formatMoney(0, ctx.currency);
  if (best === null) {
    return `No channel has both new clients and marketing hours ${between(ctx)} (give clients a source and marketing time a channel), so there is nothing to compare: ${zero} a year.`;
  }
  if (worst === null) {
    return `Only ${best.name} has both new clients and marketing hours ${between(ctx)} (${perHourText(best.yieldPerHour, ctx)} per marketing hour), so there is no second channel to compare it with: ${zero} a year.`;
  }
  const b = perHourText(best.yieldPerHour, ctx);
  const w = perHourText(worst.yieldPerHour, ctx);
  const h = formatHours(hoursOf(worst.marketingUnits, ctx.hourScale));
  return (
    `Your best channel, ${best.name}, brought ${b} of new-client revenue after costs per marketing ` +
    `hour and ${worst.name} ${w}; putting ${worst.name}'s ${h} of marketing into ${best.name} ` +
    `instead is worth ${formatMoney(x.impact, ctx.currency)} a year ` +
    `((${b} − ${w}) × ${h} × ${annualised(ctx)}).`
  );
}

/** @example '3 of your 24 active clients came new by referral (12.5%); 2.4 more referrals a year …' */
export function explainReferrals(x: {
  ctx: LeverContext;
  facts: { activeClients: number; avgNewClientRevenue: Fraction };
  referred: number;
  referralRate: Fraction;
  uplift: Fraction;
  impact: Fraction;
}): string {
  const { ctx, facts } = x;
  const c = ctx.currency;
  const active = facts.activeClients;
  if (active === 0) {
    return `No client paid ${between(ctx)}, so there is nobody to ask for referrals yet: ${formatMoney(0, c)} a year.`;
  }
  const avg = formatMoney(facts.avgNewClientRevenue, c);
  const more = formatNumber(mul(x.uplift, frac(active)));
  return (
    `${x.referred} of your ${active} active clients came new by referral (${formatPercent(x.referralRate)}); ` +
    `${more} more referrals a year (uplift ${formatPercent(x.uplift, 2)} × ${active} active clients) ` +
    `at ${avg} per new client are worth ${formatMoney(x.impact, c)} a year ` +
    `(${more} × ${avg} × ${annualised(ctx)}).`
  );
}

/** @example 'You enrolled 4 of 10 decided sales conversations (40%); 1 more a week …' */
export function explainMoreConversations(x: {
  ctx: LeverContext;
  enrolled: number;
  declined: number;
  closeRate: Fraction | null;
  avg: Fraction;
  uncapped: Fraction;
  impact: Fraction;
  capped: boolean;
  extraHours: Fraction | null;
  spare: Fraction | null;
  /** hours.total(P) of the practice. */
  totalHours: Fraction;
}): string {
  const { ctx } = x;
  const c = ctx.currency;
  if (x.closeRate === null) {
    return `No sales conversation ${between(ctx)} ended enrolled or declined, so there is no close rate to project from: ${formatMoney(0, c)} a year.`;
  }
  const extra = formatNumber(ctx.assumptions.extraPerWeek);
  const rate = formatPercent(x.closeRate);
  const avg = formatMoney(x.avg, c);
  const head =
    `You enrolled ${x.enrolled} of ${x.enrolled + x.declined} decided sales conversations (${rate}); ` +
    `${extra} more a week at ${avg} per new client`;
  const formula = `(52 × ${extra} × ${rate} × ${avg})`;
  if (x.extraHours === null || x.spare === null) {
    return `${head} is worth ${formatMoney(x.impact, c)} a year ${formula}.`;
  }
  if (!x.capped) {
    return (
      `${head} is worth ${formatMoney(x.impact, c)} a year ${formula}; the ` +
      `${formatHours(x.extraHours)} of delivery it needs fit in your ${formatHours(x.spare)} spare.`
    );
  }
  const need = formatHours(x.extraHours);
  const spare = formatHours(x.spare);
  const weekly = formatNumber(ctx.practice.weeklyCapacityHours ?? 0);
  const usable = sign(x.spare) > 0 ? spare : '0 h';
  return (
    `${head} would be worth ${formatMoney(x.uncapped, c)} a year ${formula}, but the new clients ` +
    `need ${need} of delivery a year and you have ${spare} spare (${weekly} h × 52 − ` +
    `${formatHours(x.totalHours)} × ${annualised(ctx)}), so it is capped at ` +
    `${formatMoney(x.impact, c)} (${formatMoney(x.uncapped, c)} × ${usable} ÷ ${need}).`
  );
}
