/**
 * Synthetic practices generated from a known process, for the forecast's calibration
 * test: new clients a month are Poisson, each client pays a lognormal monthly fee for a
 * geometric number of months and takes delivery hours each of them, a few refunds, a
 * product sold without a client, and overhead hours with normal noise. Pure and seeded.
 */
import { addMonths } from '../dates.ts';
import { Rng, toSeed } from '../demo/random.ts';
import type { Payment, PracticeData, TimeEntry } from '../model.ts';
import { normal, poisson } from './draws.ts';
import { monthDays, monthIndex } from './months.ts';

export interface SyntheticProcess {
  months: number;
  /** Mean new clients a month. */
  arrivals: number;
  /** Median monthly fee of a client (major units) and the lognormal sigma across clients. */
  fee: number;
  feeSigma: number;
  /** Mean months a client stays (geometric, at least 1). */
  stay: number;
  /** Mean delivery hours per client-month. */
  hoursPerClientMonth: number;
  /** Mean product sales a month (no client) and their price. */
  productSales: number;
  productPrice: number;
  /** Overhead (admin and marketing) hours a month: mean and standard deviation. */
  overhead: number;
  overheadSd: number;
  /** Share of clients whose first payment is refunded the month after. */
  refundRate: number;
  weeklyCapacityHours: number | null;
}

export const SYNTHETIC_DEFAULTS: SyntheticProcess = {
  months: 36,
  arrivals: 3,
  fee: 600,
  feeSigma: 0.5,
  stay: 4,
  hoursPerClientMonth: 4,
  productSales: 5,
  productPrice: 97,
  overhead: 25,
  overheadSd: 6,
  refundRate: 0.03,
  weeklyCapacityHours: null,
};

/**
 * A practice from the process, its first month `start` (`YYYY-MM`).
 * @example syntheticPractice(1, { ...SYNTHETIC_DEFAULTS, arrivals: 5 }).payments.length
 */
export function syntheticPractice(
  seed: number,
  process: SyntheticProcess = SYNTHETIC_DEFAULTS,
  start = '2022-01',
): PracticeData {
  const rng = new Rng(toSeed(seed));
  const payments: Payment[] = [];
  const timeEntries: TimeEntry[] = [];
  const clients: PracticeData['clients'] = [];
  const conversations: PracticeData['conversations'] = [];
  const dateIn = (m: number) => {
    const first = addMonths(`${start}-01`, m);
    const day = 1 + Math.floor(rng.next() * monthDays(monthIndex(first)));
    return `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
  };
  const pay = (m: number, amount: number, clientId: string | null, offerId: string) =>
    payments.push({
      id: `p${payments.length + 1}`,
      date: dateIn(m),
      amount: Math.round(amount * 100),
      currency: 'USD',
      fee: null,
      clientId,
      offerId,
      externalId: null,
      note: null,
    });
  const work = (
    m: number,
    hours: number,
    activity: TimeEntry['activity'],
    clientId: string | null,
  ) =>
    timeEntries.push({
      id: `t${timeEntries.length + 1}`,
      date: dateIn(m),
      hours: Math.max(0.25, Math.round(hours * 4) / 4),
      activity,
      offerId: activity === 'delivery' ? 'service' : null,
      clientId,
      channel: activity === 'marketing' ? 'linkedin' : null,
      note: null,
    });
  for (let m = 0; m < process.months; m++) {
    for (let n = poisson(rng, process.arrivals); n > 0; n--) {
      const id = `c${clients.length + 1}`;
      clients.push({
        id,
        name: id,
        email: null,
        segment: null,
        source: 'linkedin',
        referredBy: null,
      });
      conversations.push({
        id: `v${conversations.length + 1}`,
        date: dateIn(m),
        prospect: id,
        channel: 'linkedin',
        offerId: 'service',
        outcome: 'enrolled',
        clientId: id,
      });
      const fee = process.fee * Math.exp(process.feeSigma * normal(rng));
      let stay = 1;
      while (rng.next() > 1 / process.stay) stay++;
      for (let k = 0; k < stay && m + k < process.months; k++) {
        pay(m + k, fee, id, 'service');
        work(m + k, process.hoursPerClientMonth * (0.6 + 0.8 * rng.next()), 'delivery', id);
      }
      if (rng.next() < process.refundRate && m + 1 < process.months)
        pay(m + 1, -fee, id, 'service');
    }
    for (let n = poisson(rng, process.productSales); n > 0; n--)
      pay(m, process.productPrice, null, 'product');
    const overhead = Math.max(1, process.overhead + process.overheadSd * normal(rng));
    work(m, overhead / 2, 'admin', null);
    work(m, overhead / 2, 'marketing', null);
  }
  return {
    practice: {
      name: `Synthetic ${seed}`,
      currency: 'USD',
      timezone: 'UTC',
      startedOn: `${start}-01`,
      niche: null,
      weeklyCapacityHours: process.weeklyCapacityHours,
      liveSessions: true,
      targets: {},
    },
    offers: [
      { id: 'service', name: 'Coaching', kind: 'package', price: null, launchedOn: null },
      { id: 'product', name: 'Guide', kind: 'info_product', price: null, launchedOn: null },
    ],
    clients,
    payments,
    timeEntries,
    costs: [],
    conversations,
    listSnapshots: [],
    rates: [],
    rules: [],
  };
}
