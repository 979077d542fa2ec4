/**
 * Readiness for products (spec/analysis.md, "Readiness for products"): the five
 * foundation criteria measured from the data, whether all are met, the stage and the
 * products_before_foundation warning.
 */
import { addMonths, daysBetween, type IsoDate, lastDayOfMonth } from '../dates.ts';
import { isProductKind, isServiceKind } from '../model.ts';
import { minorDigits } from '../money.ts';
import type { ClientFacts } from './clients.ts';
import type { Context } from './context.ts';
import {
  ceilFraction,
  cmp,
  div,
  type Fraction,
  frac,
  fromDecimal,
  max,
  mul,
  roundFraction,
  sub,
  ZERO,
} from './exact.ts';
import { hoursOfKinds, type Ledger, revenueOfKinds } from './ledger.ts';
import { minorPerMajor } from './output.ts';
import { inPeriod } from './period.ts';
import type { Criterion, Readiness, Stage, Warning } from './report.ts';
import { addTo, normalName } from './segments.ts';

const LABELS: Record<Criterion['id'], string> = {
  years_in_business: 'Years in business',
  buyers: 'Buyers',
  niche: 'Niche share of service revenue',
  service_income: 'Monthly service income',
  sales_experience: 'Sales conversations',
};

interface Measured {
  id: Criterion['id'];
  unit: Criterion['unit'];
  /** Exact value, in the unit of the target (major units for money). */
  value: Fraction;
  /** The target as the practice set it. */
  target: number;
  /** Decimals of the output: years 2, shares 4, money the currency's, counts 0. */
  places: number;
  detail: Criterion['detail'];
  /** A further condition of `met` (sales_experience: at least one enrolled). */
  also?: boolean;
}

/**
 * A criterion: the value rounded for output, `met` decided on the exact value, the gap
 * rounded up so that an unmet criterion never shows a gap of 0 (a value that rounds
 * to its target shows a gap of one last digit).
 */
function criterion(m: Measured): Criterion {
  const target = fromDecimal(m.target);
  return {
    id: m.id,
    value: roundFraction(m.value, m.places),
    target: m.target,
    met: cmp(m.value, target) >= 0 && (m.also ?? true),
    label: LABELS[m.id],
    unit: m.unit,
    gap: ceilFraction(max(ZERO, sub(target, m.value)), m.places),
    detail: m.detail,
  };
}

/** years_in_business: (to − startedOn) / 365.25, from the earliest payment without startedOn. */
function yearsInBusiness(ctx: Context) {
  let since: IsoDate | null = ctx.practice.startedOn;
  if (since === null) {
    for (const p of ctx.payments)
      if (since === null || p.record.date < since) since = p.record.date;
  }
  // days / 365.25 = 4·days / 1461; no start date and no payment: 0 years.
  const value = since === null ? ZERO : frac(4 * daysBetween(since, ctx.period.to), 1461);
  return { value, since };
}

/**
 * niche: service revenue in P of clients in the niche segment ÷ all service revenue in
 * P. Without practice.niche, the segment with the most service revenue (ties: first
 * by name). 0 when service revenue is ≤ 0.
 */
function nicheShare(ctx: Context, serviceRevenue: number) {
  const bySegment = new Map<string, number>();
  // A client's segment, read once per client (by its number) rather than once per payment.
  const segmentOf: (string | null | undefined)[] = new Array(ctx.clientCount).fill(undefined);
  for (let i = 0; i < ctx.payments.length; i++) {
    const { record: p, amount } = ctx.payments[i]!;
    const n = ctx.paymentClients[i]!;
    if (p.offerId === null || n < 0 || !inPeriod(p.date, ctx.period)) continue;
    const offer = ctx.offerById.get(p.offerId);
    if (!offer || !isServiceKind(offer.kind)) continue;
    let segment = segmentOf[n];
    if (segment === undefined) {
      segment = normalName(ctx.clients[n]?.segment);
      segmentOf[n] = segment;
    }
    if (segment !== null) addTo(bySegment, segment, amount);
  }
  const segment = normalName(ctx.practice.niche) ?? largestSegment(bySegment);
  const inNiche = segment === null ? 0 : (bySegment.get(segment) ?? 0);
  const value = serviceRevenue > 0 ? frac(inNiche, serviceRevenue) : ZERO;
  return { value, segment, fromPractice: normalName(ctx.practice.niche) !== null };
}

/** The segment with the most service revenue; ties go to the first by name. */
function largestSegment(bySegment: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const [name, sum] of bySegment) {
    const top = best === null ? undefined : bySegment.get(best);
    if (top === undefined || sum > top || (sum === top && name < (best as string))) best = name;
  }
  return best;
}

/**
 * The three full calendar months service_income looks at: ending with to's month when
 * `to` is its last day, else with the month before.
 * @example incomeWindow('2024-06-30') // { from: '2024-04-01', to: '2024-06-30' }
 * @example incomeWindow('2024-06-29') // { from: '2024-03-01', to: '2024-05-31' }
 */
export function incomeWindow(to: IsoDate): { from: IsoDate; to: IsoDate } {
  const lastMonth = addMonths(to, to === lastDayOfMonth(to) ? 0 : -1);
  return { from: addMonths(lastMonth, -2), to: lastDayOfMonth(lastMonth) };
}

/** service_income: service revenue in the window ÷ 3, in major units, exact. */
function serviceIncome(ctx: Context) {
  const window = incomeWindow(ctx.period.to);
  let sum = 0;
  for (const { record: p, amount } of ctx.payments) {
    if (p.offerId === null || p.date < window.from || p.date > window.to) continue;
    const offer = ctx.offerById.get(p.offerId);
    if (offer && isServiceKind(offer.kind)) sum += amount;
  }
  return { value: div(frac(sum, 3), minorPerMajor(ctx.currency)), window };
}

/**
 * The readiness section of the report.
 * @example readiness(ctx, ledger, facts).stage // 'building'
 */
export function readiness(ctx: Context, ledger: Ledger, facts: ClientFacts): Readiness {
  const t = ctx.targets;
  const c = ctx.currency;
  const serviceRevenue = revenueOfKinds(ledger, isServiceKind);
  const years = yearsInBusiness(ctx);
  const niche = nicheShare(ctx, serviceRevenue);
  const income = serviceIncome(ctx);
  const { enrolled, declined } = ctx.outcomes;
  const criteria: Criterion[] = [
    criterion({
      id: 'years_in_business',
      unit: 'years',
      value: years.value,
      target: t.yearsInBusiness,
      places: 2,
      detail: { since: years.since },
    }),
    criterion({
      id: 'buyers',
      unit: 'clients',
      value: frac(facts.buyers),
      target: t.buyers,
      places: 0,
      detail: {},
    }),
    criterion({
      id: 'niche',
      unit: 'share',
      value: niche.value,
      target: t.nicheShare,
      places: 4,
      detail: { segment: niche.segment, segmentFrom: niche.fromPractice ? 'practice' : 'largest' },
    }),
    criterion({
      id: 'service_income',
      unit: 'money',
      value: income.value,
      target: t.monthlyServiceIncome,
      places: minorDigits(c),
      detail: income.window,
    }),
    criterion({
      id: 'sales_experience',
      unit: 'conversations',
      value: frac(enrolled + declined),
      target: t.conversations,
      places: 0,
      detail: { enrolled, declined },
      also: enrolled >= 1,
    }),
  ];
  const ready = criteria.every((x) => x.met);
  const productRevenue = revenueOfKinds(ledger, isProductKind);
  const productHours = hoursOfKinds(ledger, isProductKind);
  let stage: Stage;
  // service_income < 0.5 × target ⇔ 2 × value < target, exact.
  if (cmp(mul(income.value, frac(2)), fromDecimal(t.monthlyServiceIncome)) < 0)
    stage = 'foundation';
  else if (!ready) stage = 'building';
  else stage = productRevenue > 0 ? 'leveraging' : 'ready';
  const warnings: Warning[] = [];
  if (!ready && (productRevenue > 0 || productHours > 0n))
    warnings.push('products_before_foundation');
  return { ready, stage, warnings, criteria };
}
