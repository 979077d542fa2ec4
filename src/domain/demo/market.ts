/**
 * The world around the practice: a monthly EUR→USD rate series (a gentle random walk
 * around 1.10) and the email list, counted at each month's end and always growing,
 * faster once podcasts and the course launch bring sign-ups.
 */
import type { ListSnapshot, Rate } from '../model.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { iso, monthStart } from './timeline.ts';

export function eurRates(tl: Timeline, rng: Rng): Rate[] {
  const rates: Rate[] = [];
  let rate = rng.between(1.06, 1.1);
  for (let m = 0; monthStart(tl, m) <= tl.end; m++) {
    rates.push({
      date: iso(monthStart(tl, m)),
      from: 'EUR',
      to: 'USD',
      rate: Math.round(rate * 10000) / 10000,
    });
    rate += (1.1 - rate) * 0.15 + rng.between(-0.018, 0.018);
    rate = Math.min(1.19, Math.max(1.02, rate));
  }
  return rates;
}

export function listSnapshots(tl: Timeline, rng: Rng): ListSnapshot[] {
  const snapshots: ListSnapshot[] = [];
  let subscribers = rng.int(30, 60);
  for (let m = 0; monthStart(tl, m) <= tl.end; m++) {
    const last = Math.min(tl.end, monthStart(tl, m + 1) - 1);
    subscribers += rng.int(15, 45) + 2 * m;
    if (m >= 5) subscribers += rng.int(0, 60);
    if (last >= tl.courseLaunch && last - 31 < tl.courseLaunch) subscribers += rng.int(280, 420);
    snapshots.push({ date: iso(last), subscribers });
  }
  return snapshots;
}
