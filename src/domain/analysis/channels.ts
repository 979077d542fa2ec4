/**
 * The best_channel lever (spec/analysis.md, "Levers" 2): what each acquisition channel
 * yielded per marketing hour in P, and what moving the worst measured channel's hours
 * to the best one would be worth in a year.
 */
import type { ClientFacts } from './clients.ts';
import type { Context } from './context.ts';
import { cmp, type Fraction, max, mul, sub, ZERO } from './exact.ts';
import { explainBestChannel } from './explain.ts';
import { hoursOf } from './hours.ts';
import { hours, minorPerMajor, money, moneyOf, nullable, perHour, rate } from './output.ts';
import { inPeriod } from './period.ts';
import type { ChannelFigures, Lever } from './report.ts';
import { addTo, normalName } from './segments.ts';

/** One channel's figures, exact: money in minor units, hours in hour units. */
export interface ChannelRow {
  name: string;
  newClients: number;
  revenue: number;
  marketingUnits: bigint;
  marketingCosts: number;
  /** (revenue − marketingCosts) ÷ marketingHours, major units per hour; null without hours. */
  yieldPerHour: Fraction | null;
}

/**
 * Every channel with a new client, marketing hours or marketing costs in P, by name.
 * @example channelRows(ctx, facts)[0] // { name: 'podcast', newClients: 2, … }
 */
export function channelRows(ctx: Context, facts: ClientFacts): ChannelRow[] {
  const newClients = new Map<string, number>();
  const revenue = new Map<string, number>();
  const costs = new Map<string, number>();
  const units = new Map<string, bigint>();
  for (const { client, paidInPeriod } of facts.newClients) {
    const name = normalName(client?.source);
    if (name === null) continue;
    addTo(newClients, name, 1);
    addTo(revenue, name, paidInPeriod);
  }
  for (const { record: t, units: u } of ctx.time) {
    if (t.activity !== 'marketing' || !inPeriod(t.date, ctx.period)) continue;
    const name = normalName(t.channel);
    if (name !== null) units.set(name, (units.get(name) ?? 0n) + u);
  }
  for (const { record: k, amount } of ctx.costs) {
    const name = normalName(k.channel);
    if (name !== null && inPeriod(k.date, ctx.period)) addTo(costs, name, amount);
  }
  const names = [...new Set([...newClients.keys(), ...units.keys(), ...costs.keys()])].sort();
  return names.map((name) => {
    const row = {
      name,
      newClients: newClients.get(name) ?? 0,
      revenue: revenue.get(name) ?? 0,
      marketingUnits: units.get(name) ?? 0n,
      marketingCosts: costs.get(name) ?? 0,
    };
    const net = row.revenue - row.marketingCosts;
    const yieldPerHour = perHour(net, hoursOf(row.marketingUnits, ctx.hourScale), ctx.currency);
    return { ...row, yieldPerHour };
  });
}

type Measured = ChannelRow & { yieldPerHour: Fraction };

/**
 * best = the highest yield among measured channels (ties: first by name); worst = the
 * lowest yield among the others (ties: fewer marketing hours, the smaller claim, then
 * first by name).
 */
function pickChannels(rows: readonly ChannelRow[]) {
  const measured = rows.filter((r): r is Measured => r.yieldPerHour !== null && r.newClients >= 1);
  let best: Measured | null = null;
  for (const r of measured)
    if (best === null || cmp(r.yieldPerHour, best.yieldPerHour) > 0) best = r;
  let worst: Measured | null = null;
  for (const r of measured) {
    if (r === best) continue;
    const c = worst === null ? -1 : cmp(r.yieldPerHour, worst.yieldPerHour);
    if (worst === null || c < 0 || (c === 0 && r.marketingUnits < worst.marketingUnits)) worst = r;
  }
  return { best, worst };
}

/**
 * The best_channel lever: (yield(best) − yield(worst)) × marketingHours(worst) × f with
 * at least two measured channels, else 0.
 * @example bestChannel(ctx, facts).details.best // 'podcast'
 */
export function bestChannel(ctx: Context, facts: ClientFacts): Lever {
  const rows = channelRows(ctx, facts);
  const { best, worst } = pickChannels(rows);
  const c = ctx.currency;
  let impact: Fraction = ZERO;
  if (best !== null && worst !== null) {
    const gain = sub(best.yieldPerHour, worst.yieldPerHour);
    const perYear = mul(gain, hoursOf(worst.marketingUnits, ctx.hourScale), ctx.f);
    impact = max(ZERO, mul(perYear, minorPerMajor(c)));
  }
  // fromEntries defines own keys, so even a channel called "__proto__" is kept as data.
  const channels: Record<string, ChannelFigures> = Object.fromEntries(
    rows.map((r) => [
      r.name,
      {
        newClients: r.newClients,
        revenue: money(r.revenue, c),
        marketingHours: hours(hoursOf(r.marketingUnits, ctx.hourScale)),
        marketingCosts: money(r.marketingCosts, c),
        yieldPerHour: nullable(r.yieldPerHour, rate),
      },
    ]),
  );
  return {
    id: 'best_channel',
    annualImpact: moneyOf(impact, c),
    assumptions: {},
    details: { best: best?.name ?? null, worst: worst?.name ?? null, channels },
    explanation: explainBestChannel({ ctx, best, worst, impact }),
  };
}
