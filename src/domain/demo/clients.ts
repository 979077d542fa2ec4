/**
 * Who became a client, when, through which channel and for which offer. New clients
 * arrive month by month (1:1 early, packages and the VIP intensive later, newcomers
 * before each cohort); each arrival is the day of their discovery call.
 */
import type { Client } from '../model.ts';
import type { Currency } from './offers.ts';
import type { NameBook } from './people.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { monthStart, progress } from './timeline.ts';

export type ServiceKey = 'coaching' | 'package' | 'vip' | 'group';

export interface Arrival {
  client: Client;
  /** Day of the discovery call that enrolled them. */
  day: number;
  offer: ServiceKey;
  currency: Currency;
  /** Index of the cohort a group newcomer joins, else null. */
  cohort: number | null;
}

export const CHANNELS = ['referral', 'linkedin', 'instagram', 'podcast', 'speaking'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where clients come from on `day`: LinkedIn and Instagram early, podcasts and referrals later. */
export function channelWeights(tl: Timeline, day: number): [Channel, number][] {
  const t = progress(tl, day);
  const podcast = day >= monthStart(tl, 5) ? 0.1 + 0.25 * t : 0;
  return [
    ['referral', 0.22 + 0.12 * t],
    ['linkedin', 0.25 - 0.13 * t],
    ['instagram', 0.28 - 0.12 * t],
    ['podcast', podcast],
    ['speaking', 0.08 + 0.08 * t],
  ];
}

/** Mean new clients a month per offer, in month `m` (0-based from the start). */
function monthlyMeans(tl: Timeline, m: number, day: number) {
  const t = m / (tl.months - 1);
  return {
    coaching: 2.0 - 0.8 * t,
    package: day >= tl.packageLaunch ? 0.85 + 0.25 * t : 0,
  };
}

interface Draft {
  day: number;
  offer: ServiceKey;
  cohort: number | null;
  eur: boolean;
}

function draftArrivals(tl: Timeline, rng: Rng): Draft[] {
  const last = tl.end - 12;
  const drafts: Draft[] = [];
  for (let m = 0; m < tl.months; m++) {
    const from = monthStart(tl, m);
    const days = monthStart(tl, m + 1) - from;
    const means = monthlyMeans(tl, m, from);
    for (const offer of ['coaching', 'package'] as const) {
      // Steadier than Poisson: a solo coach's pipeline is fairly regular month to month.
      for (let n = Math.floor(means[offer] + rng.next()); n > 0; n--) {
        const day = from + rng.int(0, days - 1);
        if (day >= tl.start && day <= last) drafts.push({ day, offer, cohort: null, eur: false });
      }
    }
  }
  // High-ticket sales come every few months, not in bunches.
  for (let day = tl.vipLaunch + rng.int(0, 30); day <= last; day += rng.int(80, 130)) {
    drafts.push({ day, offer: 'vip', cohort: null, eur: false });
  }
  tl.cohorts.forEach((first, cohort) => {
    for (let n = rng.int(4, 7); n > 0; n--) {
      const day = first - rng.int(6, 35);
      if (day >= tl.start && day <= last) drafts.push({ day, offer: 'group', cohort, eur: false });
    }
  });
  drafts.sort((a, b) => a.day - b.day);
  // A few nurses from Ireland and the Netherlands pay in EUR; the story always has two.
  const eligible = drafts.filter(
    (d) => d.offer !== 'group' && d.offer !== 'vip' && d.day > tl.start + 90 && d.day < tl.end - 60,
  );
  for (const d of eligible) d.eur = rng.chance(0.05);
  if (eligible.filter((d) => d.eur).length < 2) {
    for (const k of [1, 2]) {
      const d = eligible[Math.floor((eligible.length * k) / 3)];
      if (d) d.eur = true;
    }
  }
  return drafts;
}

export function generateArrivals(tl: Timeline, rng: Rng, names: NameBook): Arrival[] {
  const arrivals: Arrival[] = [];
  for (const d of draftArrivals(tl, rng)) {
    const segment = d.eur
      ? 'nurses'
      : rng.weighted([
          ['nurses', 0.78],
          ['allied health', 0.14],
          ['physicians', 0.08],
        ] as const);
    const source = rng.weighted(channelWeights(tl, d.day));
    const person = names.person(d.eur, segment === 'nurses');
    const earlier = arrivals.length > 0 && rng.chance(0.88) ? rng.pick(arrivals) : null;
    const client: Client = {
      id: `c${String(arrivals.length + 1).padStart(3, '0')}`,
      name: person.name,
      email: person.email,
      segment,
      source,
      referredBy: source === 'referral' && earlier ? earlier.client.id : null,
    };
    arrivals.push({
      client,
      day: d.day,
      offer: d.offer,
      currency: d.eur ? 'EUR' : 'USD',
      cohort: d.cohort,
    });
  }
  return arrivals;
}
