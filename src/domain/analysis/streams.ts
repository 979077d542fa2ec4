/**
 * Streams (spec/analysis.md, "Streams"): each offer's revenue, costs, net, hours,
 * hidden hours, effective hourly rate, lifetime figures, leverage against the 1:1
 * baseline and the passive-revenue myth test; and the practice totals.
 */
import type { OfferKind } from '../model.ts';
import { ACTIVITIES, isProductKind, isServiceKind } from '../model.ts';
import type { Context } from './context.ts';
import { cmp, div, type Fraction, sign } from './exact.ts';
import { hoursOf } from './hours.ts';
import { type Ledger, netOf, type StreamLedger, type Sums, totalUnits } from './ledger.ts';
import { hours, money, nullable, perHour, rate, ratio } from './output.ts';
import type { HoursByActivity, Report, StreamReport } from './report.ts';

/** Net per hour of a Sums (major units per hour), exact; null when it has no hours. */
function rateOf(s: Sums, ctx: Context): Fraction | null {
  return perHour(netOf(s), hoursOf(totalUnits(s), ctx.hourScale), ctx.currency);
}

function pooledRate(ledger: Ledger, ctx: Context, test: (kind: OfferKind) => boolean) {
  let net = 0;
  let units = 0n;
  for (const s of ledger.streams) {
    if (!test(s.offer.kind)) continue;
    net += netOf(s.period);
    units += totalUnits(s.period);
  }
  return units === 0n ? null : perHour(net, hoursOf(units, ctx.hourScale), ctx.currency);
}

/**
 * The baseline hourly rate: net of all one_to_one streams ÷ their hours in P; with no
 * one_to_one hours, the same over all service kinds; else null.
 * @example baselineRate(ledger, ctx) // 150 $/h as a fraction, or null
 */
export function baselineRate(ledger: Ledger, ctx: Context): Fraction | null {
  return (
    pooledRate(ledger, ctx, (kind) => kind === 'one_to_one') ??
    pooledRate(ledger, ctx, isServiceKind)
  );
}

function hoursReport(s: Sums, ctx: Context): HoursByActivity {
  const out = {} as HoursByActivity;
  for (const a of ACTIVITIES) out[a] = hours(hoursOf(s.hours[a], ctx.hourScale));
  out.total = hours(hoursOf(totalUnits(s), ctx.hourScale));
  return out;
}

function hiddenHours(s: Sums, ctx: Context): number {
  return hours(hoursOf(totalUnits(s) - s.hours.delivery, ctx.hourScale));
}

/** leverage = rate ÷ baseline; null if either is null or the baseline is ≤ 0. */
function leverageOf(value: Fraction | null, baseline: Fraction | null): Fraction | null {
  if (value === null || baseline === null || sign(baseline) <= 0) return null;
  return div(value, baseline);
}

/** beatsBaseline: product kinds only, lifetime rate ≥ baseline; null if either is null. */
function beatsBaseline(
  stream: StreamLedger,
  lifetimeRate: Fraction | null,
  baseline: Fraction | null,
): boolean | null {
  if (!isProductKind(stream.offer.kind) || lifetimeRate === null || baseline === null) return null;
  return cmp(lifetimeRate, baseline) >= 0;
}

/**
 * One stream as the report shows it.
 * @example presentStream(ledger.streams[0], baseline, ctx).effectiveHourlyRate // 142.5
 */
export function presentStream(
  stream: StreamLedger,
  baseline: Fraction | null,
  ctx: Context,
): StreamReport {
  const { period: p, lifetime: l, offer } = stream;
  const periodRate = rateOf(p, ctx);
  const lifetimeRate = rateOf(l, ctx);
  const c = ctx.currency;
  return {
    offerId: offer.id,
    name: offer.name,
    kind: offer.kind,
    revenue: money(p.revenue, c),
    costs: money(p.costs, c),
    net: money(netOf(p), c),
    hours: hoursReport(p, ctx),
    hiddenHours: hiddenHours(p, ctx),
    effectiveHourlyRate: nullable(periodRate, rate),
    leverage: nullable(leverageOf(periodRate, baseline), ratio),
    lifetime: {
      revenue: money(l.revenue, c),
      costs: money(l.costs, c),
      net: money(netOf(l), c),
      hours: hours(hoursOf(totalUnits(l), ctx.hourScale)),
      hiddenHours: hiddenHours(l, ctx),
      effectiveHourlyRate: nullable(lifetimeRate, rate),
    },
    beatsBaseline: beatsBaseline(stream, lifetimeRate, baseline),
  };
}

/**
 * The practice totals over P.
 * @example presentTotals(ledger, ctx).effectiveHourlyRate // 100.17
 */
export function presentTotals(ledger: Ledger, ctx: Context): Report['totals'] {
  const { totals: t, unassigned: u } = ledger;
  const c = ctx.currency;
  return {
    revenue: money(t.revenue, c),
    costs: money(t.costs, c),
    net: money(netOf(t), c),
    hours: hours(hoursOf(totalUnits(t), ctx.hourScale)),
    effectiveHourlyRate: nullable(rateOf(t, ctx), rate),
    unassigned: {
      revenue: money(u.revenue, c),
      costs: money(u.costs, c),
      hours: hours(hoursOf(totalUnits(u), ctx.hourScale)),
    },
  };
}
