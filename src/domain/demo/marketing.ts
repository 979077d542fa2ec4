/**
 * Marketing that is not tied to one offer, tagged with the channel it feeds: weekly
 * Instagram and LinkedIn posting, podcast guest spots, free talks, the newsletter; and
 * what those channels cost (ads, a podcast sponsorship, LinkedIn Premium, travel).
 */
import type { Ledger } from './ledger.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { monthStart, onOrAfter, progress, workday } from './timeline.ts';

const SHOWS = [
  'Scrubs & Strategy',
  'The Charge Nurse Hour',
  'Beyond the Bedside',
  'Nurse Career Reboot',
  'Shift Notes',
];
const VENUES = [
  'state nurses association chapter',
  'nursing school career night',
  'hospital new-grad residency',
  'regional ICU nurses meetup',
  'travel nurse conference',
];

function weekly(tl: Timeline, ledger: Ledger, rng: Rng): void {
  for (let week = onOrAfter(tl.start, 1); week <= tl.end; week += 7) {
    const t = progress(tl, week);
    if (rng.chance(0.85)) {
      const note = rng.pick([
        'Reels + captions',
        'Instagram Live Q&A',
        'Carousel: charting tips',
        'Stories + DMs',
      ]);
      ledger.time({
        day: week + rng.int(0, 3),
        hours: rng.hours(1.25, 2.75),
        activity: 'marketing',
        channel: 'instagram',
        note,
      });
    }
    if (rng.chance(0.75 - 0.35 * t)) {
      const note = rng.pick([
        'LinkedIn post',
        'Comments + DMs to nurse managers',
        'LinkedIn article',
      ]);
      ledger.time({
        day: week + rng.int(0, 4),
        hours: rng.hours(0.5, 1.25),
        activity: 'marketing',
        channel: 'linkedin',
        note,
      });
    }
    if (rng.chance(0.9)) {
      ledger.time({
        day: week + 3,
        hours: rng.hours(0.75, 1.25),
        activity: 'marketing',
        note: 'Weekly newsletter',
      });
    }
  }
}

function podcasts(tl: Timeline, ledger: Ledger, rng: Rng): void {
  for (let day = monthStart(tl, 5) + rng.int(0, 20); day <= tl.end; day += rng.int(30, 55)) {
    const show = rng.pick(SHOWS);
    ledger.time({
      day: workday(day),
      hours: rng.hours(3, 5),
      activity: 'marketing',
      channel: 'podcast',
      note: `Guest on "${show}" (prep, recording, promo)`,
    });
  }
  // Getting booked is work too: pitching hosts, one-sheets, follow-ups.
  for (let m = 5; monthStart(tl, m) <= tl.end; m++) {
    const day = workday(monthStart(tl, m) + rng.int(0, 20));
    ledger.time({
      day,
      hours: rng.hours(1, 2.5),
      activity: 'marketing',
      channel: 'podcast',
      note: 'Pitching podcast hosts',
    });
  }
  for (const m of [10, 16, 22, 31]) {
    const day = monthStart(tl, m) + rng.int(0, 14);
    ledger.cost({
      day,
      amount: rng.money(450, 750, 25),
      channel: 'podcast',
      category: 'sponsorship',
    });
  }
}

function talks(tl: Timeline, ledger: Ledger, rng: Rng): void {
  for (let day = monthStart(tl, 2) + rng.int(0, 30); day <= tl.end; day += rng.int(60, 100)) {
    const d = workday(day);
    ledger.time({
      day: d,
      hours: rng.hours(4, 7),
      activity: 'marketing',
      channel: 'speaking',
      note: `Free talk: ${rng.pick(VENUES)}`,
    });
    if (rng.chance(0.6))
      ledger.cost({
        day: d,
        amount: rng.money(60, 380, 1),
        channel: 'speaking',
        category: 'travel',
      });
  }
}

function channelCosts(tl: Timeline, ledger: Ledger, rng: Rng): void {
  for (let m = 0; monthStart(tl, m) <= tl.end; m++) {
    const first = monthStart(tl, m);
    ledger.cost({ day: first + 4, amount: 3999, channel: 'linkedin', category: 'software' });
    if ((m >= 7 && m <= 15) || (m >= 24 && m <= 29)) {
      ledger.cost({
        day: first + 27,
        amount: rng.money(150, 350, 5),
        channel: 'instagram',
        category: 'ads',
      });
    }
  }
}

export function runMarketing(tl: Timeline, ledger: Ledger, rng: Rng): void {
  weekly(tl, ledger, rng.fork('weekly'));
  podcasts(tl, ledger, rng.fork('podcasts'));
  talks(tl, ledger, rng.fork('talks'));
  channelCosts(tl, ledger, rng.fork('costs'));
}
