/**
 * What each 1:1, package and VIP client bought and the hours it took: a payment per
 * weekly-ish 1:1 session, package instalments with biweekly sessions, the VIP day with
 * its follow-ups, and the occasional upgrade or renewal once an engagement ends.
 */
import type { Arrival } from './clients.ts';
import type { Ledger } from './ledger.ts';
import type { Currency } from './offers.ts';
import { coachingRate, DEMO_OFFER_IDS as O, PRICES } from './offers.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { workday } from './timeline.ts';

/** What the rest of the story needs to know about a client's service history. */
export interface History {
  clientId: string;
  currency: Currency;
  firstDay: number;
  lastDay: number;
}

interface Ctx {
  tl: Timeline;
  ledger: Ledger;
  rng: Rng;
}

type Kind = 'coaching' | 'package' | 'vip';

interface Sale {
  day: number;
  total: number;
  parts: number;
  cur: Currency;
  clientId: string;
  offerId: string;
  label: string;
}

/** A sale paid in full or in equal monthly instalments. */
function instalments(c: Ctx, s: Sale): void {
  for (let i = 0; i < s.parts; i++) {
    c.ledger.payment({
      day: s.day + 30 * i,
      amount: s.total / s.parts,
      currency: s.cur,
      clientId: s.clientId,
      offerId: s.offerId,
      note:
        s.parts === 1
          ? `${s.label} (paid in full)`
          : `${s.label}, instalment ${i + 1} of ${s.parts}`,
    });
  }
}

function coaching(c: Ctx, clientId: string, cur: Currency, from: number): number {
  const { rng, ledger } = c;
  const style = rng.weighted([
    ['short', 0.4],
    ['medium', 0.42],
    ['long', 0.18],
  ] as const);
  const count =
    style === 'short' ? rng.int(3, 6) : style === 'medium' ? rng.int(7, 14) : rng.int(14, 24);
  const gap = style === 'long' ? 14 : 7;
  let day = workday(from);
  let last = day;
  for (let k = 1; k <= count && day <= c.tl.end; k++) {
    ledger.payment({
      day,
      amount: coachingRate(c.tl, cur, day, from),
      currency: cur,
      clientId,
      offerId: O.coaching,
      note: `1:1 session ${k}`,
    });
    ledger.time({
      day,
      hours: rng.weighted([
        [1.25, 0.7],
        [1, 0.15],
        [1.5, 0.15],
      ]),
      activity: 'delivery',
      offerId: O.coaching,
      clientId,
      note: `1:1 session ${k} + notes`,
    });
    last = day;
    day = workday(day + gap + (rng.chance(0.18) ? 7 : 0));
  }
  return last;
}

function pkg(c: Ctx, clientId: string, cur: Currency, from: number): number {
  const { rng, ledger } = c;
  const start = workday(from);
  const price = PRICES.package[cur];
  const parts = rng.chance(0.45) ? 3 : 1;
  instalments(c, {
    day: start,
    total: price,
    parts,
    cur,
    clientId,
    offerId: O.package,
    label: 'Shift Change package',
  });
  ledger.time({
    day: start,
    hours: 0.25,
    activity: 'admin',
    offerId: O.package,
    clientId,
    note: 'Onboarding: welcome pack + scheduling',
  });
  let day = start;
  for (let k = 1; k <= 6; k++) {
    day = workday(start + 2 + 14 * (k - 1) + rng.int(0, 2));
    const hours = rng.weighted([
      [1, 0.75],
      [1.25, 0.25],
    ]);
    ledger.time({
      day,
      hours,
      activity: 'delivery',
      offerId: O.package,
      clientId,
      note: `Package session ${k} of 6`,
    });
  }
  for (let k = 1; k <= 3; k++) {
    const support = workday(start + 30 * k - 8);
    ledger.time({
      day: support,
      hours: rng.hours(0.25, 0.5),
      activity: 'delivery',
      offerId: O.package,
      clientId,
      note: 'Voxer support between sessions',
    });
  }
  return day;
}

function vip(c: Ctx, clientId: string, cur: Currency, from: number): number {
  const { rng, ledger } = c;
  const start = workday(from);
  const price = PRICES.vip[cur];
  const parts = rng.weighted([
    [1, 0.5],
    [3, 0.5],
  ] as const);
  instalments(c, {
    day: start,
    total: price,
    parts,
    cur,
    clientId,
    offerId: O.vip,
    label: 'VIP Intensive',
  });
  const intensive = workday(start + 14);
  ledger.time({
    day: workday(start + 9),
    hours: 1.5,
    activity: 'delivery',
    offerId: O.vip,
    clientId,
    note: 'Intensive prep: résumé + career map review',
  });
  ledger.time({
    day: intensive,
    hours: rng.hours(5.5, 6.5),
    activity: 'delivery',
    offerId: O.vip,
    clientId,
    note: 'VIP Intensive day (Zoom)',
  });
  let day = intensive;
  for (let k = 1; k <= 4; k++) {
    day = workday(intensive + 14 * k);
    ledger.time({
      day,
      hours: 1,
      activity: 'delivery',
      offerId: O.vip,
      clientId,
      note: `VIP follow-up call ${k} of 4`,
    });
  }
  return day;
}

const RUN: Record<Kind, (c: Ctx, id: string, cur: Currency, from: number) => number> = {
  coaching,
  package: pkg,
  vip,
};

/** After an engagement ends: maybe an upgrade or a renewal, starting some weeks later. */
function nextStep(c: Ctx, kind: Kind, day: number): Kind | null {
  const { rng, tl } = c;
  if (kind === 'coaching' && day >= tl.packageLaunch && rng.chance(0.12)) return 'package';
  if (kind === 'package' && day >= tl.vipLaunch && rng.chance(0.08)) return 'vip';
  if (kind === 'package' && rng.chance(0.2)) return 'package';
  if (kind === 'package' && rng.chance(0.12)) return 'coaching';
  return null;
}

/** Runs the 1:1, package and VIP engagements of every arrival (group newcomers excluded). */
export function runEngagements(
  tl: Timeline,
  arrivals: readonly Arrival[],
  ledger: Ledger,
  rng: Rng,
): History[] {
  const c: Ctx = { tl, ledger, rng };
  const histories: History[] = [];
  for (const a of arrivals) {
    if (a.offer === 'group') continue;
    const first = a.day + rng.int(2, 9);
    let kind: Kind | null = a.offer;
    let from = first;
    let last = first;
    for (let step = 0; kind && from <= tl.end && step < 3; step++) {
      last = RUN[kind](c, a.client.id, a.currency, from);
      kind = nextStep(c, kind, last);
      from = last + rng.int(10, 40);
    }
    histories.push({ clientId: a.client.id, currency: a.currency, firstDay: first, lastDay: last });
  }
  return histories;
}
