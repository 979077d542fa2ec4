/**
 * Charting Confidence, the "passive" course: months of creation before launch, a launch
 * week at an early price, steady sales after, and the upkeep nobody counts (student
 * questions, fixes, promotion, a new module, the platform fee). Its lifetime hourly
 * rate ends up below plain 1:1 work, which is the point of the story.
 */
import type { History } from './engagements.ts';
import type { Ledger, PaymentDraft } from './ledger.ts';
import { DEMO_OFFER_IDS, PRICES } from './offers.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { monthStart, workday } from './timeline.ts';

const offerId = DEMO_OFFER_IDS.course;

const MODULES = [
  'SBAR handoffs',
  'Charting under time pressure',
  'Defensible documentation',
  'EHR shortcuts',
  'Incident reports',
];

function creation(tl: Timeline, ledger: Ledger, rng: Rng): void {
  const launch = tl.courseLaunch;
  let week = 0;
  for (let day = tl.courseWorkStart; day < launch - 14; day += 7, week++) {
    const topic = MODULES[Math.floor((week / 26) * MODULES.length) % MODULES.length]!;
    const phase = week < 4 ? 'outline' : week < 18 ? 'script + slides' : 'edit videos';
    for (const offset of [1, 3]) {
      if (rng.chance(0.9)) {
        ledger.time({
          day: day + offset,
          hours: rng.hours(1.5, 4),
          activity: 'creation',
          offerId,
          note: `Course ${phase}: ${topic}`,
        });
      }
    }
    if (week % 6 === 5) {
      ledger.time({
        day: day + 4,
        hours: rng.hours(5, 6.5),
        activity: 'creation',
        offerId,
        note: `Filming day: ${topic}`,
      });
    }
  }
  for (const [offset, note] of [
    [-40, 'Course platform setup'],
    [-33, 'Sales page + checkout'],
    [-26, 'Workbook design'],
    [-19, 'Email sequence + tech testing'],
  ] as const) {
    ledger.time({
      day: workday(launch + offset),
      hours: rng.hours(2, 4),
      activity: 'creation',
      offerId,
      note,
    });
  }
}

function launchPush(tl: Timeline, ledger: Ledger, rng: Rng): void {
  const pushes = [
    [-21, 'instagram', 'Launch: reels + countdown'],
    [-18, 'podcast', 'Launch: podcast guest spot'],
    [-15, null, 'Launch: email series'],
    [-11, 'linkedin', 'Launch: LinkedIn articles'],
    [-7, 'instagram', 'Launch: Instagram Lives'],
    [-3, null, 'Launch: free webinar'],
    [0, 'instagram', 'Launch week: DMs + stories'],
    [4, null, 'Cart-close emails'],
  ] as const;
  for (const [offset, channel, note] of pushes) {
    ledger.time({
      day: tl.courseLaunch + offset,
      hours: rng.hours(2, 4),
      activity: 'marketing',
      offerId,
      channel,
      note,
    });
  }
  ledger.cost({
    day: tl.courseLaunch - 10,
    amount: rng.money(450, 700, 10),
    offerId,
    channel: 'instagram',
    category: 'ads',
  });
}

function sale(
  ledger: Ledger,
  rng: Rng,
  histories: readonly History[],
  day: number,
  amount: number,
): PaymentDraft | null {
  const known = histories.filter((h) => h.firstDay < day);
  const buyer = known.length > 0 && rng.chance(0.1) ? rng.pick(known).clientId : null;
  return ledger.payment({
    day,
    amount,
    clientId: buyer,
    offerId,
    note: 'Charting Confidence, course sale',
  });
}

/** Course sales after launch; returns the launch-week sales (refund candidates). */
function sales(
  tl: Timeline,
  ledger: Ledger,
  rng: Rng,
  histories: readonly History[],
): PaymentDraft[] {
  const launchWeek: PaymentDraft[] = [];
  for (let n = rng.int(38, 55); n > 0; n--) {
    const offset = rng.weighted([
      [0, 5],
      [1, 3],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 2],
      [6, 4],
    ]);
    const p = sale(ledger, rng, histories, tl.courseLaunch + offset, PRICES.course.launch);
    if (p) launchWeek.push(p);
  }
  for (let day = tl.courseLaunch + 7, k = 0; day <= tl.end; day += 30, k++) {
    const mean = 4 + 5 * Math.exp(-k / 8);
    for (let n = rng.poisson(mean); n > 0; n--)
      sale(ledger, rng, histories, day + rng.int(0, 29), PRICES.course.list);
  }
  return launchWeek;
}

function upkeep(tl: Timeline, ledger: Ledger, rng: Rng): void {
  const notes = [
    'Student questions',
    'Fix broken video links',
    'Update workbook',
    'Platform updates',
  ];
  for (let day = tl.courseLaunch + 10; day <= tl.end; day += 30) {
    for (let n = rng.int(1, 2); n > 0; n--) {
      ledger.time({
        day: workday(day + rng.int(0, 25)),
        hours: rng.hours(1, 2.5),
        activity: 'maintenance',
        offerId,
        note: rng.pick(notes),
      });
    }
    for (let n = rng.int(1, 2); n > 0; n--) {
      const channel = rng.weighted<string | null>([
        ['instagram', 3],
        ['linkedin', 1],
        [null, 2],
      ]);
      ledger.time({
        day: workday(day + rng.int(0, 25)),
        hours: rng.hours(1, 2.5),
        activity: 'marketing',
        offerId,
        channel,
        note: 'Course promotion',
      });
    }
    if (rng.chance(0.4))
      ledger.cost({
        day: day + 5,
        amount: rng.money(80, 160, 5),
        offerId,
        channel: 'instagram',
        category: 'ads',
      });
  }
  const refresh = tl.end - 150;
  if (refresh > tl.courseLaunch + 90) {
    for (let i = 0; i < 5; i++) {
      ledger.time({
        day: workday(refresh + 6 * i),
        hours: rng.hours(2.5, 4),
        activity: 'creation',
        offerId,
        note: 'New module 6: night-shift handoffs',
      });
    }
  }
  for (let m = 0; monthStart(tl, m) <= tl.end; m++) {
    const day = monthStart(tl, m) + 2;
    if (day >= tl.courseLaunch - 45)
      ledger.cost({ day, amount: 11900, offerId, category: 'course platform' });
  }
}

export function runCourse(
  tl: Timeline,
  ledger: Ledger,
  rng: Rng,
  histories: readonly History[],
): PaymentDraft[] {
  creation(tl, ledger, rng);
  launchPush(tl, ledger, rng);
  const launchWeek = sales(tl, ledger, rng, histories);
  upkeep(tl, ledger, rng);
  return launchWeek;
}
