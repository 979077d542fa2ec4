/**
 * The records of one report summed as far as the figures allow (`GroupedData`), so a
 * store can do the summing in SQL and a large practice is not read record by record.
 *
 * Every figure of spec/analysis.md reads a record through a few facts only: its offer,
 * client, currency, activity and channel, the sign of a payment's amount, which side of
 * a handful of dates it lies (the period's start and end, the service-income window's
 * start and end), and sums of amounts, fees and hours. Records that agree on all of
 * these can be counted together without changing any figure:
 *
 * - money is summed in integer minor units, so any order gives the same sum;
 * - a record in another currency than the practice's is converted on its own, at its
 *   own date, and rounded once: those records are grouped only with records of the same
 *   date, amount and fee, so a group's value is count × one conversion, exactly;
 * - hours are summed exactly on a common decimal scale (hours.ts), so entries are
 *   grouped by their logged hours and a group is count × that value;
 * - each group keeps its earliest date, which lies on the same side of every tested
 *   date as all of its records and is the earliest date the client-facts read.
 *
 * `groupRecords` is the definition; a store that builds the groups in SQL (GROUP BY the
 * same keys, `groupBounds` giving the dates) must give the same groups, in any order.
 */
import type { IsoDate } from '../dates.ts';
import type {
  AnalysisData,
  ConversationGroup,
  CostGroup,
  GroupedData,
  PaymentGroup,
  TimeGroup,
} from './input.ts';
import type { Period } from './period.ts';
import { incomeWindow } from './readiness.ts';

/** The dates and the currency the grouping keys test. */
export interface GroupBounds {
  /** The period's first day: records before it are counted apart from those in it. */
  from: IsoDate;
  /** The period's last day: records after it are left out. */
  to: IsoDate;
  /** The service-income window (readiness), both days included. */
  windowFrom: IsoDate;
  windowTo: IsoDate;
  /** The practice currency: only records in other currencies are grouped by date and amount. */
  currency: string;
}

/**
 * The bounds of the groups of one period.
 * @example groupBounds({ from: '2024-01-01', to: '2024-12-31', days: 366 }, 'USD')
 * // { from: '2024-01-01', to: '2024-12-31', windowFrom: '2024-10-01', windowTo: '2024-12-31', currency: 'USD' }
 */
export function groupBounds(period: Period, currency: string): GroupBounds {
  const window = incomeWindow(period.to);
  return {
    from: period.from,
    to: period.to,
    windowFrom: window.from,
    windowTo: window.to,
    currency,
  };
}

/**
 * Which side of the tested dates a payment's date lies: bit 0 on or after `from`, bit 1
 * on or after the window's start, bit 2 after the window's end (dates after `to` are
 * left out before).
 */
export function paymentDateClass(date: IsoDate, b: GroupBounds): number {
  return (date >= b.from ? 1 : 0) + (date >= b.windowFrom ? 2 : 0) + (date > b.windowTo ? 4 : 0);
}

/** Adds a record to the group of `key`, creating it from `make` when new; keeps the earliest date. */
function addToGroup<G extends { date: IsoDate; count: number }>(
  groups: Map<string, G>,
  key: string,
  date: IsoDate,
  make: () => G,
): G | undefined {
  const group = groups.get(key);
  if (group === undefined) {
    groups.set(key, make());
    return undefined;
  }
  group.count++;
  if (date < group.date) group.date = date;
  return group;
}

// JSON keys: unambiguous whatever the ids and names contain (nulls stay null).
const keyOf = (parts: readonly unknown[]) => JSON.stringify(parts);

/**
 * The groups of `data` for `period` (see the module comment for the keys).
 * @example groupRecords(data, period).payments[0] // { date, amount: 45000, fee: 0, count: 3, … }
 */
export function groupRecords(data: AnalysisData, period: Period): GroupedData {
  const b = groupBounds(period, data.practice.currency);
  const payments = new Map<string, PaymentGroup>();
  for (const p of data.payments) {
    if (p.date > b.to) continue;
    const foreign = p.currency !== b.currency;
    const key = keyOf([
      p.clientId,
      p.offerId,
      p.currency,
      p.amount > 0,
      paymentDateClass(p.date, b),
      foreign ? p.date : null,
      foreign ? p.amount : null,
      foreign ? p.fee : null,
    ]);
    const fee = p.fee ?? 0;
    const group = addToGroup(payments, key, p.date, () => ({
      date: p.date,
      amount: p.amount,
      currency: p.currency,
      fee,
      clientId: p.clientId,
      offerId: p.offerId,
      count: 1,
    }));
    if (group) {
      group.amount += p.amount;
      group.fee += fee;
    }
  }
  const time = new Map<string, TimeGroup>();
  for (const t of data.timeEntries) {
    if (t.date > b.to) continue;
    const inP = t.date >= b.from;
    const clientId = inP && t.activity === 'delivery' ? t.clientId : null;
    const channel = inP && t.activity === 'marketing' ? t.channel : null;
    const key = keyOf([t.offerId, t.activity, t.hours, inP, clientId, channel]);
    addToGroup(time, key, t.date, () => ({
      date: t.date,
      hours: t.hours,
      activity: t.activity,
      offerId: t.offerId,
      clientId,
      channel,
      count: 1,
    }));
  }
  const costs = new Map<string, CostGroup>();
  for (const k of data.costs) {
    if (k.date > b.to) continue;
    const inP = k.date >= b.from;
    const foreign = k.currency !== b.currency;
    const channel = inP ? k.channel : null;
    const key = keyOf([
      k.offerId,
      k.currency,
      inP,
      channel,
      foreign ? k.date : null,
      foreign ? k.amount : null,
    ]);
    const group = addToGroup(costs, key, k.date, () => ({
      date: k.date,
      amount: k.amount,
      currency: k.currency,
      offerId: k.offerId,
      channel,
      count: 1,
    }));
    if (group) group.amount += k.amount;
  }
  const conversations = new Map<string, ConversationGroup>();
  for (const v of data.conversations) {
    if (v.date < b.from || v.date > b.to) continue;
    addToGroup(conversations, v.outcome, v.date, () => ({
      date: v.date,
      outcome: v.outcome,
      count: 1,
    }));
  }
  return {
    practice: data.practice,
    offers: data.offers,
    clients: data.clients,
    payments: [...payments.values()],
    timeEntries: [...time.values()],
    costs: [...costs.values()],
    conversations: [...conversations.values()],
    rates: data.rates,
  };
}
