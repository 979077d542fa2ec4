/**
 * Running the business: software subscriptions (one billed in EUR), insurance and tax
 * preparation, the Night Shift Circle community fee, weekly admin, and the scheduling
 * and invoicing that hourly 1:1 billing costs each month.
 */
import { dayNumber, lastDayOfMonth } from '../dates.ts';
import type { Ledger } from './ledger.ts';
import { DEMO_OFFER_IDS } from './offers.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { iso, monthStart } from './timeline.ts';

interface Subscription {
  name: string;
  amount: (m: number) => number;
  from: (tl: Timeline) => number;
  currency?: string;
  offerId?: string;
  dayOfMonth: number;
}

const SUBSCRIPTIONS: Subscription[] = [
  { name: 'Zoom', amount: () => 1599, from: (tl) => tl.start, dayOfMonth: 0 },
  { name: 'Acuity Scheduling', amount: () => 2000, from: (tl) => tl.start, dayOfMonth: 0 },
  {
    name: 'Google Workspace',
    amount: (m) => (m < 15 ? 720 : 840),
    from: (tl) => tl.start,
    dayOfMonth: 1,
  },
  { name: 'Canva Pro', amount: () => 1499, from: (tl) => monthStart(tl, 2), dayOfMonth: 8 },
  {
    name: 'ConvertKit',
    amount: (m) => (m < 10 ? 2900 : m < 22 ? 5900 : 8900),
    from: (tl) => monthStart(tl, 1),
    dayOfMonth: 11,
  },
  {
    name: 'Plausible Analytics',
    amount: () => 900,
    currency: 'EUR',
    from: (tl) => monthStart(tl, 3),
    dayOfMonth: 14,
  },
  {
    name: 'Circle community',
    amount: () => 4900,
    offerId: DEMO_OFFER_IDS.group,
    from: (tl) => (tl.cohorts[0] ?? tl.end + 1) - 40,
    dayOfMonth: 17,
  },
];

function costs(tl: Timeline, ledger: Ledger, rng: Rng): void {
  for (let m = 0; monthStart(tl, m) <= tl.end; m++) {
    const first = monthStart(tl, m);
    for (const s of SUBSCRIPTIONS) {
      const day = first + s.dayOfMonth;
      if (day < s.from(tl)) continue;
      ledger.cost({
        day,
        amount: s.amount(m),
        currency: s.currency,
        offerId: s.offerId,
        category: 'software',
      });
    }
    if (m % 12 === 0)
      ledger.cost({ day: first + 6, amount: rng.money(420, 480, 1), category: 'insurance' });
    if (iso(first).endsWith('-03-01'))
      ledger.cost({ day: first + 20, amount: rng.money(650, 800, 25), category: 'accounting' });
  }
}

function admin(tl: Timeline, ledger: Ledger, rng: Rng): void {
  // Counted back from the end, so the last day of the story always has an entry.
  for (let day = tl.end; day >= tl.start; day -= 7) {
    const note = rng.pick([
      'Bookkeeping + inbox',
      'Weekly review + planning',
      'Email + scheduling',
    ]);
    ledger.time({ day, hours: rng.hours(1, 2), activity: 'admin', note });
  }
  const perMonth = new Map<string, number>();
  for (const t of ledger.timeEntries) {
    if (t.offerId !== DEMO_OFFER_IDS.coaching || t.activity !== 'delivery') continue;
    const month = iso(t.day).slice(0, 7);
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  for (const [month, sessions] of [...perMonth].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const day = Math.min(tl.end, dayNumber(lastDayOfMonth(`${month}-01`)));
    const hours = Math.max(0.25, Math.round(sessions * 0.15 * 4) / 4);
    ledger.time({
      day,
      hours,
      activity: 'admin',
      offerId: DEMO_OFFER_IDS.coaching,
      note: 'Invoicing, reminders + rescheduling (1:1)',
    });
  }
}

export function runOverhead(tl: Timeline, ledger: Ledger, rng: Rng): void {
  costs(tl, ledger, rng.fork('costs'));
  admin(tl, ledger, rng.fork('admin'));
}
