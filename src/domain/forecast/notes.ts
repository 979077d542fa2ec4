/**
 * The model described in plain sentences for the document's `model.notes`: which
 * history was read, which method (bootstrap or fitted) and why, where new clients come
 * from, the capacity, and what the forecast cannot know.
 */
import type { PracticeHistory } from './history.ts';
import type { ForecastModel } from './model.ts';
import { lastDayOf, monthLabel, monthWeeks } from './months.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function historyNote(m: ForecastModel): string[] {
  const { history: h, window: w } = m;
  const notes = [
    `History: ${monthLabel(h.from)} to ${monthLabel(h.to)} (${plural(h.months, 'full month')}); fitted on the last ${plural(w.months, 'month')}, ${monthLabel(w.from)} to ${monthLabel(h.to)}.`,
  ];
  if (h.unusedRecords > 0) {
    notes.push(
      `${plural(h.unusedRecords, 'record')} dated after ${lastDayOf(h.to)} ${h.unusedRecords === 1 ? 'is' : 'are'} not used: their month is not over.`,
    );
  }
  return notes;
}

function methodNote(m: ForecastModel): string {
  const w = m.window.months;
  if (m.method === 'block_bootstrap') {
    return `Method: block bootstrap. Each run strings together blocks of about 3 consecutive history months (their new clients, and what the practice earned and worked apart from those clients), after first resampling the ${w} months themselves, so runs also differ in their averages as much as another ${w} months could have; each drawn month is then moved a little toward or away from another month (a smoothed bootstrap), because ${w} months seen understate how far the next one can land.`;
  }
  let clients = 0;
  for (const n of m.arrivals) clients += n;
  return `Method: fitted distributions, because ${plural(w, 'month')} of history is too short to resample: new clients a month are Poisson with a rate drawn from what ${plural(clients, 'new client')} in ${plural(w, 'month')} allow, and each month's other revenue and hours are normal with a mean and spread drawn from their uncertainty. Short histories give wide bands, rightly.`;
}

function clientNote(m: ForecastModel): string[] {
  const { pool, inflight, span } = m;
  if (pool.count === 0) {
    return [
      'No client has paid or taken delivery hours yet: every month is taken whole, and scenarios that add clients add none.',
    ];
  }
  const notes = [
    `A new client pays and takes hours like one of the ${plural(pool.count, 'client')} who arrived in those months, over their first ${plural(span, 'month')}; a client still inside them is continued, in each run, by a past client who began with the same offer and was as active at that age, and so are the ${plural(inflight.count, 'client')} in flight at the start. Repeat purchases after a pause past those months, and payments without a client, are part of each resampled month.`,
  ];
  const { continued, stopped, pooled } = m.tails;
  if (continued + stopped > 0) {
    const rate = Math.round((continued / (continued + stopped)) * 100);
    notes.push(
      `A client still active at the end of their first ${plural(span, 'month')} carries on month by month with a chance of about ${rate}% (${continued} of ${continued + stopped} such months in the history${pooled ? ', at any age: too few clients have reached that age' : ''}), at the level of their last three months; each run draws its own chance around it.`,
    );
  }
  if (pool.censored) {
    notes.push(
      `No client has a complete first ${plural(span, 'month')} yet, so templates of clients still inside them stay incomplete: their later payments are missing and revenue is understated.`,
    );
  }
  return notes;
}

function capacityNote(m: ForecastModel, h: PracticeHistory): string[] {
  const weekly = m.capacityHoursPerWeek;
  if (weekly === null) {
    return [
      'No weekly capacity is set, so nothing caps delivery; set one to let the forecast refuse work beyond it.',
    ];
  }
  let over = 0;
  for (let i = m.window.from - h.from; i < h.months; i++) {
    if (h.hours[i]! > weekly * monthWeeks(h.from + i)) over++;
  }
  const notes = [
    `Capacity: ${weekly} h a week: a new client or sale whose delivery hours do not fit beside the month's other work is not sold.`,
  ];
  if (over > 0) {
    notes.push(
      `In ${over} of the ${m.window.months} history months the hours logged exceeded that capacity; the forecast does not sell work beyond it.`,
    );
  }
  return notes;
}

function looseDeliveryNote(m: ForecastModel, h: PracticeHistory): string[] {
  let loose = 0;
  for (let i = 0; i < m.restDelivery.length; i++) loose += m.restDelivery[i]!;
  let all = 0;
  for (let i = m.window.from - h.from; i < h.months; i++) all += h.hours[i]! - h.otherHours[i]!;
  const share = all > 0 ? loose / all : 0;
  if (share < 0.25) return [];
  return [
    `${Math.round(share * 100)}% of delivery hours name no client (or a client past their first ${m.span} months): they are taken month by month as logged and do not grow or shrink with the number of new clients.`,
  ];
}

/** The notes of a fitted model. */
export function describeModel(m: ForecastModel, h: PracticeHistory): string[] {
  const { enrolled, declined } = m.sales;
  const ended = enrolled + declined;
  return [
    ...historyNote(m),
    methodNote(m),
    ...clientNote(m),
    ...(ended > 0
      ? [
          `Close rate in the window: ${Math.round((enrolled / ended) * 100)}% (${enrolled} of ${plural(ended, 'conversation')} that ended); each run draws its own close rate around it.`,
        ]
      : []),
    ...capacityNote(m, h),
    ...looseDeliveryNote(m, h),
    `Costs and processor fees are not forecast: the hourly rate is revenue ÷ hours worked, before costs (the report's rate is net of them). Refunds count, as negative revenue.`,
    `What it cannot know: trends (the months ahead are drawn from the months behind), prices, offers, markets or habits changing other than by a scenario, and seasonality beyond what blocks of consecutive months carry.`,
  ];
}
