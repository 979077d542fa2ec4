/**
 * Harbor Light Coaching's offers, climbing the leverage ladder over three years: hourly
 * 1:1 coaching, a 3-month package, a cohort program, an info product, a high-ticket VIP
 * package, and paid talks (`other`). Prices are minor units.
 */
import type { Offer } from '../model.ts';
import type { Timeline } from './timeline.ts';
import { iso } from './timeline.ts';

export const DEMO_OFFER_IDS = {
  coaching: 'o1',
  package: 'o2',
  group: 'o3',
  course: 'o4',
  vip: 'o5',
  speaking: 'o6',
} as const;

export type OfferKey = keyof typeof DEMO_OFFER_IDS;

export const PRICES = {
  coaching: { USD: [15000, 17500], EUR: [14000, 16000] },
  package: { USD: 120000, EUR: 108000 },
  vip: { USD: 300000, EUR: 270000 },
  group: { USD: [60000, 65000], EUR: [55000, 60000] },
  course: { launch: 14700, list: 19700 },
} as const;

export type Currency = 'USD' | 'EUR';

/** The 1:1 session price on `day` for a client who started on `firstDay`. */
export function coachingRate(tl: Timeline, currency: Currency, day: number, firstDay: number) {
  const [before, after] = PRICES.coaching[currency];
  const grandfathered = firstDay < tl.rateRaise && day < tl.rateRaise + 60;
  return day < tl.rateRaise || grandfathered ? before : after;
}

export function buildOffers(tl: Timeline): Offer[] {
  const ids = DEMO_OFFER_IDS;
  return [
    {
      id: ids.coaching,
      name: '1:1 Career Coaching',
      kind: 'one_to_one',
      price: PRICES.coaching.USD[1],
      launchedOn: tl.startedOn,
    },
    {
      id: ids.package,
      name: 'Shift Change: 3-Month Coaching Package',
      kind: 'package',
      price: PRICES.package.USD,
      launchedOn: iso(tl.packageLaunch),
    },
    {
      id: ids.group,
      name: 'Night Shift Circle (group program)',
      kind: 'group_program',
      price: PRICES.group.USD[1],
      launchedOn: iso((tl.cohorts[0] ?? tl.end) - 35),
    },
    {
      id: ids.course,
      name: 'Charting Confidence (online course)',
      kind: 'info_product',
      price: PRICES.course.list,
      launchedOn: iso(tl.courseLaunch),
    },
    {
      id: ids.vip,
      name: 'Charge Nurse VIP Intensive',
      kind: 'package',
      price: PRICES.vip.USD,
      launchedOn: iso(tl.vipLaunch),
    },
    {
      id: ids.speaking,
      name: 'Speaking & hospital workshops',
      kind: 'other',
      price: null,
      launchedOn: iso(tl.firstPaidTalk),
    },
  ];
}
