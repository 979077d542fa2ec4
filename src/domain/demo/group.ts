/**
 * Night Shift Circle: two cohorts a year of eight weekly 90-minute calls. Newcomers and
 * alumni of 1:1 and package work enrol in the weeks before each start; the curriculum
 * is written before the first cohort and every cohort has its own launch push.
 */
import type { Arrival } from './clients.ts';
import type { History } from './engagements.ts';
import type { Ledger } from './ledger.ts';
import { DEMO_OFFER_IDS, PRICES } from './offers.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { workday } from './timeline.ts';

const offerId = DEMO_OFFER_IDS.group;

function curriculum(ledger: Ledger, rng: Rng, firstCohort: number): void {
  const topics = [
    'Program outline',
    'Week-by-week curriculum',
    'Worksheets',
    'Slides',
    'Circle community setup',
  ];
  topics.forEach((topic, i) => {
    ledger.time({
      day: workday(firstCohort - 90 + i * 9),
      hours: rng.hours(3, 5),
      activity: 'creation',
      offerId,
      note: `Night Shift Circle: ${topic}`,
    });
  });
}

function cohortWork(ledger: Ledger, rng: Rng, n: number, first: number): void {
  ledger.time({
    day: workday(first - 21),
    hours: rng.hours(2.5, 3.5),
    activity: 'marketing',
    offerId,
    channel: 'instagram',
    note: `Free masterclass for cohort ${n}`,
  });
  ledger.time({
    day: workday(first - 14),
    hours: rng.hours(1.25, 2),
    activity: 'marketing',
    offerId,
    note: `Cohort ${n} launch emails`,
  });
  ledger.time({
    day: workday(first - 2),
    hours: 1,
    activity: 'admin',
    offerId,
    note: `Cohort ${n} onboarding + Circle invites`,
  });
  for (let w = 0; w < 8; w++) {
    const day = first + 7 * w;
    ledger.time({
      day: day - 1,
      hours: 0.5,
      activity: 'delivery',
      offerId,
      note: `Cohort ${n} week ${w + 1} prep`,
    });
    ledger.time({
      day,
      hours: 1.5,
      activity: 'delivery',
      offerId,
      note: `Cohort ${n} week ${w + 1} call`,
    });
    ledger.time({
      day: day + 3,
      hours: rng.hours(0.5, 1),
      activity: 'maintenance',
      offerId,
      note: 'Circle community moderation',
    });
  }
}

export function runCohorts(
  tl: Timeline,
  arrivals: readonly Arrival[],
  histories: History[],
  ledger: Ledger,
  rng: Rng,
): void {
  const first = tl.cohorts[0];
  if (first !== undefined) curriculum(ledger, rng, first);
  tl.cohorts.forEach((start, i) => {
    const tier = i < 2 ? 0 : 1;
    const enrol = (clientId: string, cur: 'USD' | 'EUR', day: number) => {
      const price = PRICES.group[cur][tier];
      const parts = rng.chance(0.5) ? 2 : 1;
      for (let k = 0; k < parts; k++) {
        const note = parts === 1 ? 'paid in full' : `payment ${k + 1} of 2`;
        ledger.payment({
          day: day + 30 * k,
          amount: price / parts,
          currency: cur,
          clientId,
          offerId,
          note: `Night Shift Circle, cohort ${i + 1} (${note})`,
        });
      }
    };
    for (const a of arrivals) {
      if (a.offer !== 'group' || a.cohort !== i) continue;
      const day = Math.min(start - 1, a.day + rng.int(0, 4));
      enrol(a.client.id, a.currency, day);
      histories.push({
        clientId: a.client.id,
        currency: a.currency,
        firstDay: day,
        lastDay: start + 49,
      });
    }
    const alumni = histories.filter((h) => h.lastDay < start - 7 && h.firstDay < start - 60);
    for (let n = Math.min(alumni.length, rng.int(3, 6)); n > 0; n--) {
      const h = alumni.splice(rng.int(0, alumni.length - 1), 1)[0]!;
      enrol(h.clientId, h.currency, start - rng.int(3, 28));
      h.lastDay = Math.max(h.lastDay, start + 49);
    }
    cohortWork(ledger, rng, i + 1, start);
  });
}
