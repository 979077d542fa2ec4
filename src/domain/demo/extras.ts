/**
 * The odds and ends a real practice has: paid talks for hospitals (the `other` offer),
 * résumé reviews invoiced without an offer (unassigned income), and two refunds: a
 * course buyer using the 30-day guarantee and a 1:1 session cancelled by a shift change.
 */
import type { History } from './engagements.ts';
import type { Ledger, PaymentDraft } from './ledger.ts';
import { DEMO_OFFER_IDS } from './offers.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { workday } from './timeline.ts';

const HOSTS = [
  'Mercy General',
  "St. Luke's",
  'Bayview Medical Center',
  'Harborview Health',
  'Riverside Hospital',
];

function paidTalks(tl: Timeline, ledger: Ledger, rng: Rng): void {
  const offerId = DEMO_OFFER_IDS.speaking;
  for (let day = tl.firstPaidTalk; day <= tl.end; day += rng.int(90, 150)) {
    const d = workday(day);
    const host = rng.pick(HOSTS);
    ledger.time({
      day: d - 3,
      hours: rng.hours(2, 3),
      activity: 'delivery',
      offerId,
      note: `Workshop prep: ${host}`,
    });
    ledger.time({
      day: d,
      hours: rng.hours(2.5, 4),
      activity: 'delivery',
      offerId,
      note: `Career workshop at ${host}`,
    });
    ledger.payment({
      day: d + rng.int(14, 30),
      amount: rng.money(750, 2000, 50),
      offerId,
      note: `Honorarium: ${host}`,
    });
  }
}

function resumeReviews(
  tl: Timeline,
  ledger: Ledger,
  rng: Rng,
  histories: readonly History[],
): void {
  const done = histories.filter((h) => h.lastDay < tl.end - 30);
  for (let n = Math.min(done.length, rng.int(4, 6)); n > 0; n--) {
    const h = rng.pick(done);
    const day = workday(h.lastDay + rng.int(20, 120));
    ledger.payment({
      day,
      amount: 9500,
      currency: h.currency,
      clientId: h.clientId,
      note: 'Résumé review (invoiced by hand)',
    });
    ledger.time({
      day,
      hours: 1,
      activity: 'delivery',
      clientId: h.clientId,
      note: 'Résumé review',
    });
  }
}

function refunds(ledger: Ledger, rng: Rng, launchWeek: readonly PaymentDraft[]): void {
  const sale = launchWeek[Math.min(launchWeek.length - 1, 4)];
  if (sale) ledger.refund(sale, sale.day + rng.int(10, 20), 'course 30-day guarantee');
  const sessions = ledger.payments.filter(
    (p) => p.offerId === DEMO_OFFER_IDS.coaching && p.amount > 0,
  );
  const session = sessions[Math.floor(sessions.length * 0.6)];
  if (session)
    ledger.refund(session, session.day + rng.int(1, 3), 'session cancelled (shift change)');
}

export function runExtras(
  tl: Timeline,
  ledger: Ledger,
  rng: Rng,
  histories: readonly History[],
  launchWeek: readonly PaymentDraft[],
): void {
  paidTalks(tl, ledger, rng.fork('talks'));
  resumeReviews(tl, ledger, rng.fork('resumes'), histories);
  refunds(ledger, rng.fork('refunds'), launchWeek);
}
