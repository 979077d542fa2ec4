/**
 * Currency conversion at a record's own date (spec/analysis.md, "Period, currency,
 * rounding"): the latest `rates` entry dated on or before the date, in either
 * direction; a `to→from` entry is used as 1/rate; on the same date `from→to` wins.
 */
import type { IsoDate } from './dates.ts';
import type { Rate } from './model.ts';
import { convertMinor } from './money.ts';

export interface RateChoice {
  rate: number;
  /** True when the entry is `to→from` and is used as 1/rate. */
  inverse: boolean;
  date: IsoDate;
}

/** The rate that converts `from` into `to` on `date`, or null when none is on or before it. */
export function findRate(
  rates: readonly Rate[],
  from: string,
  to: string,
  date: IsoDate,
): RateChoice | null {
  let best: RateChoice | null = null;
  for (const r of rates) {
    if (r.date > date) continue;
    const direct = r.from === from && r.to === to;
    const inverse = r.from === to && r.to === from;
    if (!direct && !inverse) continue;
    if (best === null || r.date > best.date || (r.date === best.date && best.inverse && direct)) {
      best = { rate: r.rate, inverse: !direct, date: r.date };
    }
  }
  return best;
}

/** A rate table indexed for many look-ups (sorted entries per currency pair). */
export class RateTable {
  private readonly byPair = new Map<string, { date: IsoDate; rate: number; inverse: boolean }[]>();

  constructor(
    rates: readonly Rate[],
    readonly target: string,
  ) {
    for (const r of rates) {
      if (r.to === target && r.from !== target) this.push(r.from, r.date, r.rate, false);
      else if (r.from === target && r.to !== target) this.push(r.to, r.date, r.rate, true);
    }
    for (const list of this.byPair.values()) {
      // Oldest first; on the same date the direct (from→to) entry sorts last and wins.
      list.sort((a, b) =>
        a.date < b.date ? -1 : a.date > b.date ? 1 : Number(!a.inverse) - Number(!b.inverse),
      );
    }
  }

  private push(currency: string, date: IsoDate, rate: number, inverse: boolean) {
    let list = this.byPair.get(currency);
    if (!list) {
      list = [];
      this.byPair.set(currency, list);
    }
    list.push({ date, rate, inverse });
  }

  /** The choice for converting `currency` into the target on `date`, or null. */
  lookup(currency: string, date: IsoDate): RateChoice | null {
    const list = this.byPair.get(currency);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.date <= date) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? null : list[found]!;
  }

  /** Converts minor units of `currency` on `date` into target minor units, or null without a rate. */
  convert(amountMinor: number, currency: string, date: IsoDate): number | null {
    if (currency === this.target) return amountMinor;
    const choice = this.lookup(currency, date);
    if (!choice) return null;
    return convertMinor(amountMinor, currency, this.target, choice.rate, choice.inverse);
  }
}
