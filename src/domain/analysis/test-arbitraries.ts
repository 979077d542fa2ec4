/**
 * fast-check arbitraries of valid PracticeData (model.ts): ids that resolve, hours in
 * (0, 24], costs > 0, fees ≥ 0, and a rate for every foreign amount unless asked not to.
 */
import fc from 'fast-check';
import { dayNumber, fromDayNumber, type IsoDate } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { ACTIVITIES, OFFER_KINDS, OUTCOMES } from '../model.ts';

export const FIRST_DAY = dayNumber('2023-01-01');
export const LAST_DAY = dayNumber('2024-12-31');

export const dateArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY }).map(fromDayNumber);

const hoursArb = fc.oneof(
  fc.integer({ min: 1, max: 96 }).map((q) => q / 4),
  fc.double({ min: 0.01, max: 24, noNaN: true }),
  fc.constantFrom(0.1, 0.2, 1 / 3, 7.5),
);

export interface PracticeOptions {
  /** Payments and costs may be in EUR (with a EUR→USD rate before every date). */
  foreign?: boolean;
  /** EUR records may predate the first rate (so analyze may throw missing_rate). */
  gaps?: boolean;
  /**
   * Many records alike: dates, amounts, fees and hours drawn from a few values, so that
   * records fall into the same groups (groups.ts) while periods cut between them.
   */
  dense?: boolean;
}

/** A few dates two weeks apart, around the two years of `dateArb`. */
const denseDateArb = fc.integer({ min: 0, max: 47 }).map((i) => fromDayNumber(FIRST_DAY + i * 15));

/**
 * Valid practice data in USD.
 * @example fc.assert(fc.property(practiceArb(), (data) => …))
 */
export function practiceArb(options: PracticeOptions = {}): fc.Arbitrary<PracticeData> {
  const currencyArb = options.foreign ? fc.constantFrom('USD', 'EUR') : fc.constant('USD');
  const dense = options.dense === true;
  const recordDateArb = dense ? denseDateArb : dateArb;
  const length = dense ? 80 : 30;
  return fc
    .record({
      offerKinds: fc.array(fc.constantFrom(...OFFER_KINDS), { maxLength: 5 }),
      prices: fc.array(fc.option(fc.integer({ min: 0, max: 500000 })), {
        minLength: 5,
        maxLength: 5,
      }),
      clients: fc.array(
        fc.record({
          segment: fc.constantFrom(null, 'nurses', 'Nurses ', 'teachers'),
          source: fc.constantFrom(
            null,
            '',
            'podcast',
            ' Podcast',
            'referral',
            'instagram',
            'Instagram',
          ),
          referred: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      payments: fc.array(
        fc.record({
          date: recordDateArb,
          amount: dense
            ? fc.constantFrom(-45000, -4500, 0, 1, 4500, 12345)
            : fc.integer({ min: -50000, max: 200000 }),
          fee: dense ? fc.constantFrom(null, 0, 333) : fc.option(fc.integer({ min: 0, max: 5000 })),
          currency: currencyArb,
          client: fc.nat(),
          offer: fc.nat(),
        }),
        { maxLength: length, size: 'medium' },
      ),
      time: fc.array(
        fc.record({
          date: recordDateArb,
          hours: dense ? fc.constantFrom(0.25, 1, 1.5, 0.1, 1 / 3) : hoursArb,
          // Marketing and delivery weigh more: they feed best_channel and the capacity cap.
          activity: fc.constantFrom(...ACTIVITIES, 'marketing', 'marketing', 'delivery'),
          channel: fc.constantFrom(
            null,
            'podcast',
            'Instagram ',
            'instagram',
            'youtube',
            'referral',
          ),
          client: fc.nat(),
          offer: fc.nat(),
        }),
        { maxLength: length, size: 'medium' },
      ),
      costs: fc.array(
        fc.record({
          date: recordDateArb,
          amount: dense ? fc.constantFrom(999, 5000) : fc.integer({ min: 1, max: 100000 }),
          currency: currencyArb,
          channel: fc.constantFrom(null, 'podcast', 'instagram'),
          offer: fc.nat(),
        }),
        { maxLength: 10 },
      ),
      conversations: fc.array(
        fc.record({ date: recordDateArb, outcome: fc.constantFrom(...OUTCOMES) }),
        {
          maxLength: 15,
          size: 'medium',
        },
      ),
      rate: fc.integer({ min: 50, max: 200 }).map((r) => r / 100),
      inverse: fc.boolean(),
      startedOn: fc.option(dateArb),
      niche: fc.constantFrom(null, 'nurses', 'dentists'),
      capacity: fc.option(fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(0.5, 2.5))),
      liveSessions: fc.boolean(),
      targets: fc.record(
        {
          monthlyServiceIncome: fc.constantFrom(100, 1000, 10000),
          yearsInBusiness: fc.constantFrom(0, 1, 3),
          buyers: fc.integer({ min: 0, max: 5 }),
          nicheShare: fc.constantFrom(0, 0.3, 0.6),
          conversations: fc.integer({ min: 0, max: 3 }),
          highTicketPrice: fc.constantFrom(100, 2000),
        },
        { requiredKeys: [] },
      ),
      rateDate: options.gaps ? dateArb : fc.constant<IsoDate>('2022-12-31'),
    })
    .map((g): PracticeData => {
      const offers = g.offerKinds.map((kind, i) => ({
        id: `o${i}`,
        name: `offer ${i}`,
        kind,
        price: g.prices[i] ?? null,
        launchedOn: null,
      }));
      const clients = g.clients.map((c, i) => ({
        id: `c${i}`,
        name: `client ${i}`,
        email: null,
        segment: c.segment,
        source: c.source,
        referredBy: c.referred && i > 0 ? `c${i - 1}` : null,
      }));
      // n mod (count + 1): the last choice is "none".
      const pick = (n: number, ids: readonly { id: string }[]) =>
        ids[n % (ids.length + 1)]?.id ?? null;
      return {
        rules: [],
        practice: {
          name: 'Generated',
          currency: 'USD',
          timezone: 'UTC',
          startedOn: g.startedOn,
          niche: g.niche,
          weeklyCapacityHours: g.capacity,
          liveSessions: g.liveSessions,
          targets: g.targets,
        },
        offers,
        clients,
        payments: g.payments.map((p, i) => ({
          id: `p${i}`,
          date: p.date,
          amount: p.amount,
          currency: p.currency,
          fee: p.fee,
          clientId: pick(p.client, clients),
          offerId: pick(p.offer, offers),
          externalId: null,
          note: null,
        })),
        timeEntries: g.time.map((t, i) => ({
          id: `t${i}`,
          date: t.date,
          hours: t.hours,
          activity: t.activity,
          offerId: pick(t.offer, offers),
          clientId: pick(t.client, clients),
          channel: t.channel,
          note: null,
        })),
        costs: g.costs.map((k, i) => ({
          id: `k${i}`,
          date: k.date,
          amount: k.amount,
          currency: k.currency,
          offerId: pick(k.offer, offers),
          channel: k.channel,
          category: null,
        })),
        conversations: g.conversations.map((v, i) => ({
          id: `v${i}`,
          date: v.date,
          prospect: null,
          channel: null,
          offerId: null,
          outcome: v.outcome,
          clientId: null,
        })),
        listSnapshots: [],
        rates: [
          g.inverse
            ? { date: g.rateDate, from: 'USD', to: 'EUR', rate: g.rate }
            : { date: g.rateDate, from: 'EUR', to: 'USD', rate: g.rate },
        ],
      };
    });
}

/** True when the data has at least one payment, time entry, cost or conversation. */
export function hasRecords(d: PracticeData): boolean {
  return d.payments.length + d.timeEntries.length + d.costs.length + d.conversations.length > 0;
}
