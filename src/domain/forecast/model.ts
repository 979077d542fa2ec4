/**
 * The fitted forecast model: plain data and typed arrays (so it can be posted to a Web
 * Worker and simulated again and again as scenarios are edited). It holds
 * - the fit window: the last months of history, each with its count of new clients and
 *   its "rest" (what the practice earned and worked that month apart from clients in
 *   their first `span` months);
 * - the client templates: recent clients' first `span` months of payments (by offer
 *   kind) and delivery hours, so a new client pays and works like a recent one;
 * - the clients in flight at the start, each with the past clients that match them, and
 *   the continuation of clients past their first `span` months (tails.ts);
 * - close rate, hours per conversation, marketing hours and new clients by channel.
 */
import type { IsoDate } from '../dates.ts';
import type { PracticeHistory } from './history.ts';
import { KINDS } from './history.ts';
import { describeModel } from './notes.ts';
import { activeMonths, fitTails, runEnd, type Tails } from './tails.ts';
import { buildTemplates, type ClientPool, type Inflight } from './templates.ts';

export type ForecastMethod = 'block_bootstrap' | 'fitted';

/** Months of history that make the method a block bootstrap rather than fitted distributions. */
export const BOOTSTRAP_MIN_MONTHS = 12;
/** Mean length, in months, of the resampled blocks. */
export const MEAN_BLOCK = 3;
/**
 * The smoothing of the bootstrap: each resampled month's figures (new clients, the rest's
 * revenue and hours) move by e × (that month − another month), e normal with standard
 * deviation SMOOTHING / √(window months). Without it a future month can only repeat one
 * of the W months seen, and the P10–P90 of W values holds a new one only about
 * 0.8 (W − 1) / (W + 1) of the time (74% for 24 months): the bands were too narrow, the
 * more so the shorter the window. 2.5 brings the calibration sets to 79–81% coverage
 * for windows of 12, 24 and 60 months (docs/forecast.md, Calibration).
 */
export const SMOOTHING = 2.5;

export type { ClientPool } from './templates.ts';

export interface ForecastModel {
  currency: string;
  asOf: IsoDate;
  /** First forecast month (month index): the month after the last full month of history. */
  start: number;
  method: ForecastMethod;
  /** Months of a client followed by the templates. */
  span: number;
  capacityHoursPerWeek: number | null;
  history: { from: number; to: number; months: number; unusedRecords: number };
  window: { from: number; months: number };
  /** Per window month: new clients, rest revenue (× KINDS), rest delivery (× KINDS), other hours. */
  arrivals: Int32Array;
  restRevenue: Float64Array;
  restDelivery: Float64Array;
  restOther: Float64Array;
  pool: ClientPool;
  inflight: Inflight;
  /** Continuation after the first `span` months, counted on the history (see tails.ts). */
  tails: Omit<Tails, 'old'>;
  /** Clients past their first `span` months, on an unbroken run at the start: monthly level. */
  old: Tails['old'];
  sales: { enrolled: number; declined: number; conversations: number; hours: number };
  channels: { names: string[]; hours: Float64Array; clients: Int32Array };
  notes: string[];
}

function spanFor(months: number): number {
  return months >= 24 ? 12 : Math.max(1, Math.min(12, Math.floor(months / 2)));
}

/**
 * Fits the model on a history: the last `windowMonths` months (default 24) are the fit
 * window; the templates are the clients who arrived in it (templates.ts).
 * @example fitModel(extractHistory(data, '2026-10-31'), '2026-10-31').method // 'block_bootstrap'
 */
export function fitModel(h: PracticeHistory, asOf: IsoDate, windowMonths = 24): ForecastModel {
  const span = spanFor(h.months);
  const months = Math.min(h.months, windowMonths);
  const wFrom = h.to - months + 1;
  const arrivals = new Int32Array(months);
  const restRevenue = new Float64Array(months * KINDS);
  const restDelivery = new Float64Array(months * KINDS);
  const restOther = h.otherHours.slice(wFrom - h.from, wFrom - h.from + months);
  for (let w = 0; w < months; w++) {
    const i = wFrom - h.from + w;
    for (let k = 0; k < KINDS; k++) {
      restRevenue[w * KINDS + k] = h.looseRevenue[i * KINDS + k]!;
      restDelivery[w * KINDS + k] = h.looseDelivery[i * KINDS + k]!;
    }
  }
  const names = new Set(h.marketing.keys());
  for (const c of h.clients) {
    if (c.arrival >= wFrom) {
      arrivals[c.arrival - wFrom]!++;
      if (c.source !== null) names.add(c.source);
    }
    // Outside a client's first `span` months and their unbroken run after them (both
    // modelled per client), what they pay or take is part of the month's rest.
    const end = runEnd(c, activeMonths(c), span);
    const rest = (month: number) =>
      month >= wFrom && (month < c.arrival || (month >= c.arrival + span && month >= end));
    for (const p of c.payments) {
      if (rest(p.month)) restRevenue[(p.month - wFrom) * KINDS + p.kind]! += p.amount;
    }
    for (const d of c.delivery) {
      if (rest(d.month)) restDelivery[(d.month - wFrom) * KINDS + d.kind]! += d.hours;
    }
  }
  const channelNames = [...names].sort();
  const channel = new Map(channelNames.map((n, i) => [n, i]));
  const channels = {
    names: channelNames,
    hours: new Float64Array(channelNames.length),
    clients: new Int32Array(channelNames.length),
  };
  for (const [name, series] of h.marketing) {
    let sum = 0;
    for (let i = wFrom - h.from; i < h.months; i++) sum += series[i]!;
    channels.hours[channel.get(name)!] = sum;
  }
  for (const c of h.clients) {
    if (c.arrival >= wFrom && c.source !== null) channels.clients[channel.get(c.source)!]!++;
  }

  const { pool, inflight } = buildTemplates(h, span, wFrom, channel);
  const { old, ...tails } = fitTails(h, span);
  const sales = { enrolled: 0, declined: 0, conversations: 0, hours: 0 };
  for (let i = wFrom - h.from; i < h.months; i++) {
    sales.enrolled += h.enrolled[i]!;
    sales.declined += h.declined[i]!;
    sales.conversations += h.conversations[i]!;
    sales.hours += h.salesHours[i]!;
  }
  const model: ForecastModel = {
    currency: h.currency,
    asOf,
    start: h.to + 1,
    method: months >= BOOTSTRAP_MIN_MONTHS ? 'block_bootstrap' : 'fitted',
    span,
    capacityHoursPerWeek: h.capacityHoursPerWeek,
    history: { from: h.from, to: h.to, months: h.months, unusedRecords: h.unusedRecords },
    window: { from: wFrom, months },
    arrivals,
    restRevenue,
    restDelivery,
    restOther,
    pool,
    inflight,
    tails,
    old,
    sales,
    channels,
    notes: [],
  };
  model.notes = describeModel(model, h);
  return model;
}
