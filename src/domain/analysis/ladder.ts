/**
 * The leverage ladder (spec/analysis.md, "The ladder"): the rung each offer stands on,
 * the rung the practice stands on now, and the nearest rung above it that fits its
 * readiness and constraints.
 */
import type { Offer } from '../model.ts';
import type { Context } from './context.ts';
import { fromDecimal, mul } from './exact.ts';
import type { Ledger } from './ledger.ts';
import { minorPerMajor } from './output.ts';
import type { Candidate, Ladder, Readiness } from './report.ts';

/** What each rung is, in a coach's words. */
export const RUNG_LABELS: Readonly<Record<number, string>> = {
  0: 'no main stream yet',
  1: 'hourly 1:1 work',
  2: 'packages and retainers',
  3: 'high-ticket packages',
  4: 'group programs and workshops',
  5: 'products and memberships',
  6: 'beyond your own hours: team delivery and licensing',
};

/**
 * The rung of an offer, or null for `other`. Packages and retainers priced at or above
 * highTicketPrice stand on rung 3; without a price, on rung 2.
 * @example rungOf({ kind: 'package', price: 250000, … }, 200000) // 3
 */
export function rungOf(offer: Offer, highTicketMinor: number): number | null {
  switch (offer.kind) {
    case 'one_to_one':
      return 1;
    case 'package':
    case 'retainer':
      return offer.price !== null && offer.price >= highTicketMinor ? 3 : 2;
    case 'group_program':
    case 'workshop':
      return 4;
    case 'info_product':
    case 'membership':
      return 5;
    case 'team_delivered':
    case 'licensing':
      return 6;
    default:
      return null;
  }
}

/**
 * The ladder section: current = the highest rung among offers with revenue in P of at
 * least 10% of total revenue in P (0 when none, or when total revenue is not > 0);
 * candidates = every rung above it; recommended = the nearest eligible one.
 * @example ladder(ctx, ledger, readiness) // { current: 1, recommended: 2, candidates: [...] }
 */
export function ladder(ctx: Context, ledger: Ledger, readiness: Readiness): Ladder {
  const highTicket = mul(fromDecimal(ctx.targets.highTicketPrice), minorPerMajor(ctx.currency));
  // Prices are whole minor units, so price ≥ target ⇔ price ≥ ⌈target⌉.
  const highTicketMinor = Number((highTicket.n + highTicket.d - 1n) / highTicket.d);
  const total = ledger.totals.revenue;
  let current = 0;
  for (const s of ledger.streams) {
    const rung = rungOf(s.offer, highTicketMinor);
    // revenue ≥ 10% of total ⇔ 10 × revenue ≥ total, exact in minor units.
    if (rung !== null && total > 0 && 10 * s.period.revenue >= total && rung > current) {
      current = rung;
    }
  }
  const unmet = readiness.criteria.filter((c) => !c.met).map((c) => c.id);
  const candidates: Candidate[] = [];
  for (let rung = current + 1; rung <= 6; rung++) {
    const reasons: string[] = [];
    if ((rung === 5 || rung === 6) && !readiness.ready) reasons.push(...unmet);
    if ((rung === 1 || rung === 4) && !ctx.practice.liveSessions) reasons.push('live_sessions');
    candidates.push({
      rung,
      distance: rung - current,
      eligible: reasons.length === 0,
      reasons,
      label: RUNG_LABELS[rung] ?? '',
    });
  }
  const recommended = candidates.find((c) => c.eligible)?.rung ?? null;
  return { current, recommended, candidates };
}
