/**
 * The practice's history as the forecast reads it: whole calendar months up to the last
 * full month on or before `asOf`, every amount converted into the practice currency at
 * its own date (minor units), split into what follows a client (their payments and
 * delivery hours, month by month) and what does not (payments without a client, hours
 * without a client, all non-delivery work), plus conversations and marketing hours.
 */
import type { IsoDate } from '../dates.ts';
import { OFFER_KINDS, type PracticeData } from '../model.ts';
import { RateTable } from '../rates.ts';
import { ForecastError } from './errors.ts';
import { lastDayOf, lastFullMonth, monthIndex } from './months.ts';

/** Offer kinds in a fixed order, then `unassigned` (no offer, or an unknown one). */
export const KIND_KEYS = [...OFFER_KINDS, 'unassigned'] as const;
export type KindKey = (typeof KIND_KEYS)[number];
export const KINDS = KIND_KEYS.length;
const UNASSIGNED = KINDS - 1;

/** One client: the month they arrived and everything they paid and took, by month. */
export interface ClientTrack {
  id: string;
  /** Month index of their first payment above 0 or first delivery hour, whichever is first. */
  arrival: number;
  firstOfferId: string | null;
  /** The client's source, trimmed and lower-cased, or null. */
  source: string | null;
  payments: { month: number; kind: number; amount: number }[];
  delivery: { month: number; kind: number; hours: number }[];
}

/** Monthly series, each of length `months` (index 0 = month `from`). */
export interface PracticeHistory {
  currency: string;
  capacityHoursPerWeek: number | null;
  /** First and last full month (month indices, inclusive). */
  from: number;
  to: number;
  months: number;
  /** Records dated after the last full month: not used. */
  unusedRecords: number;
  clients: ClientTrack[];
  /** Payments with no client (or a client who never paid above 0 nor took hours), month × kind. */
  looseRevenue: Float64Array;
  /** Delivery hours naming no client, month × kind. */
  looseDelivery: Float64Array;
  /** Sales, marketing, creation, maintenance and admin hours. */
  otherHours: Float64Array;
  salesHours: Float64Array;
  /** Sales conversations (any outcome), and those that ended enrolled or declined. */
  conversations: Int32Array;
  enrolled: Int32Array;
  declined: Int32Array;
  /** Marketing hours by channel (trimmed, lower-cased). */
  marketing: Map<string, Float64Array>;
  /** Practice totals: revenue (minor units) and hours. */
  revenue: Float64Array;
  hours: Float64Array;
}

const normal = (name: string | null | undefined) => {
  const text = name?.trim().toLowerCase() ?? '';
  return text === '' ? null : text;
};

/** The latest date of a payment, time entry, cost or conversation, or null. */
export function latestRecordDate(data: PracticeData): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const list of [data.payments, data.timeEntries, data.costs, data.conversations]) {
    for (const r of list) if (latest === null || r.date > latest) latest = r.date;
  }
  return latest;
}

/**
 * Reads the history the forecast is fitted on. Throws `no_data` with fewer than 3 full
 * months of records, `missing_rate` for a payment that cannot be converted.
 * @example extractHistory(generateDemo(), '2026-10-31').months // 37
 */
export function extractHistory(data: PracticeData, asOf: IsoDate): PracticeHistory {
  const to = lastFullMonth(asOf);
  const last = lastDayOf(to);
  let first: IsoDate | null = null;
  let unusedRecords = 0;
  for (const list of [data.payments, data.timeEntries, data.costs, data.conversations]) {
    for (const r of list) {
      if (r.date > last) unusedRecords++;
      else if (first === null || r.date < first) first = r.date;
    }
  }
  const from = first === null ? to + 1 : monthIndex(first);
  const months = to - from + 1;
  if (months < 3) {
    throw new ForecastError(
      'no_data',
      `the forecast needs at least 3 full months of records up to ${last}; there ${
        months === 1 ? 'is 1' : `are ${Math.max(0, months)}`
      }`,
      { asOf, months: Math.max(0, months) },
    );
  }
  const kindOf = new Map(data.offers.map((o) => [o.id, OFFER_KINDS.indexOf(o.kind)]));
  const kind = (offerId: string | null) =>
    (offerId === null ? undefined : kindOf.get(offerId)) ?? UNASSIGNED;
  const h: PracticeHistory = {
    currency: data.practice.currency,
    capacityHoursPerWeek: data.practice.weeklyCapacityHours,
    from,
    to,
    months,
    unusedRecords,
    clients: [],
    looseRevenue: new Float64Array(months * KINDS),
    looseDelivery: new Float64Array(months * KINDS),
    otherHours: new Float64Array(months),
    salesHours: new Float64Array(months),
    conversations: new Int32Array(months),
    enrolled: new Int32Array(months),
    declined: new Int32Array(months),
    marketing: new Map(),
    revenue: new Float64Array(months),
    hours: new Float64Array(months),
  };
  const tracks = new Map<string, ClientTrack>();
  const firstDates = new Map<string, IsoDate>();
  const track = (id: string) => {
    let t = tracks.get(id);
    if (!t) {
      t = { id, arrival: 0, firstOfferId: null, source: null, payments: [], delivery: [] };
      tracks.set(id, t);
    }
    return t;
  };
  const arrive = (t: ClientTrack, date: IsoDate, offerId: string | null) => {
    const seen = firstDates.get(t.id);
    if (seen === undefined || date < seen) {
      firstDates.set(t.id, date);
      t.firstOfferId = offerId;
    }
  };

  const table = new RateTable(data.rates, data.practice.currency);
  for (const p of data.payments) {
    if (p.date > last) continue;
    const amount = table.convert(p.amount, p.currency, p.date);
    if (amount === null) {
      throw new ForecastError(
        'missing_rate',
        `payment "${p.id}" (${p.date}, ${p.currency}): no rate from ${p.currency} to ${h.currency} on or before ${p.date}`,
        { id: p.id, date: p.date, currency: p.currency },
      );
    }
    const month = monthIndex(p.date);
    h.revenue[month - from]! += amount;
    if (p.clientId === null) {
      h.looseRevenue[(month - from) * KINDS + kind(p.offerId)]! += amount;
      continue;
    }
    const t = track(p.clientId);
    t.payments.push({ month, kind: kind(p.offerId), amount });
    if (amount > 0) arrive(t, p.date, p.offerId);
  }
  for (const e of data.timeEntries) {
    if (e.date > last) continue;
    const i = monthIndex(e.date) - from;
    h.hours[i]! += e.hours;
    if (e.activity !== 'delivery') {
      h.otherHours[i]! += e.hours;
      if (e.activity === 'sales') h.salesHours[i]! += e.hours;
      const channel = e.activity === 'marketing' ? normal(e.channel) : null;
      if (channel !== null) {
        const series = h.marketing.get(channel) ?? new Float64Array(months);
        h.marketing.set(channel, series);
        series[i]! += e.hours;
      }
    } else if (e.clientId === null) {
      h.looseDelivery[i * KINDS + kind(e.offerId)]! += e.hours;
    } else {
      const t = track(e.clientId);
      t.delivery.push({ month: i + from, kind: kind(e.offerId), hours: e.hours });
      arrive(t, e.date, e.offerId);
    }
  }
  for (const c of data.conversations) {
    if (c.date > last) continue;
    const i = monthIndex(c.date) - from;
    h.conversations[i]!++;
    if (c.outcome === 'enrolled') h.enrolled[i]!++;
    else if (c.outcome === 'declined') h.declined[i]!++;
  }

  const sourceOf = new Map(data.clients.map((c) => [c.id, normal(c.source)]));
  for (const t of tracks.values()) {
    const firstDate = firstDates.get(t.id);
    if (firstDate === undefined) {
      // Never paid above 0 nor took an hour (a refund alone): nobody to follow.
      for (const p of t.payments) h.looseRevenue[(p.month - from) * KINDS + p.kind]! += p.amount;
      continue;
    }
    t.arrival = monthIndex(firstDate);
    t.source = sourceOf.get(t.id) ?? null;
    h.clients.push(t);
  }
  h.clients.sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return h;
}
