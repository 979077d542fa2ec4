/**
 * A believable demo practice, generated: "Harbor Light Coaching", a career coach for
 * nurses, over the three years before `endDate`. Pure and seeded: the same seed and end
 * date always give the same data (no clock, no Math.random), so it serves screenshots,
 * tests and first-run demos alike.
 *
 * The story: hourly 1:1 work first (rates raised once), a 3-month package, two cohorts a
 * year of a group program, an online course built over months before launch whose
 * lifetime hourly rate ends up below 1:1 work, then a high-ticket VIP intensive; service
 * income still short of $10k/month, so the analysis finds the practice "building".
 */
import type { IsoDate } from '../dates.ts';
import type { PracticeData } from '../model.ts';
import { generateArrivals } from './clients.ts';
import { runCourse } from './course.ts';
import { runEngagements } from './engagements.ts';
import { runExtras } from './extras.ts';
import { runCohorts } from './group.ts';
import { Ledger } from './ledger.ts';
import { eurRates, listSnapshots } from './market.ts';
import { runMarketing } from './marketing.ts';
import { buildOffers } from './offers.ts';
import { runOverhead } from './overhead.ts';
import { NameBook } from './people.ts';
import { Rng, toSeed } from './random.ts';
import { runSales } from './sales.ts';
import { makeTimeline } from './timeline.ts';

export { DEMO_OFFER_IDS } from './offers.ts';

export interface DemoOptions {
  /** Any number; default 1. */
  seed?: number;
  /** Last day of the story, `YYYY-MM-DD`; default 2026-10-31. The practice starts 36 months earlier. */
  endDate?: IsoDate;
  /** Practice name; default "Harbor Light Coaching". */
  name?: string;
}

export const DEMO_DEFAULTS = {
  seed: 1,
  endDate: '2026-10-31',
  name: 'Harbor Light Coaching',
} as const;

/**
 * Generates the demo practice.
 * @example
 * const data = generateDemo({ seed: 7, endDate: '2026-06-30' });
 * readBundle(dataToBundle(data)).ok // true
 * @throws RangeError when `endDate` is not a real `YYYY-MM-DD` date.
 */
export function generateDemo(options: DemoOptions = {}): PracticeData {
  const tl = makeTimeline(options.endDate ?? DEMO_DEFAULTS.endDate);
  const rng = new Rng(toSeed(options.seed ?? DEMO_DEFAULTS.seed));
  const ledger = new Ledger(tl.start, tl.end, rng.fork('ledger'));
  const names = new NameBook(rng.fork('names'));

  const arrivals = generateArrivals(tl, rng.fork('arrivals'), names);
  const histories = runEngagements(tl, arrivals, ledger, rng.fork('engagements'));
  runCohorts(tl, arrivals, histories, ledger, rng.fork('cohorts'));
  runSales(tl, arrivals, ledger, rng.fork('sales'), names);
  const launchWeek = runCourse(tl, ledger, rng.fork('course'), histories);
  runMarketing(tl, ledger, rng.fork('marketing'));
  runExtras(tl, ledger, rng.fork('extras'), histories, launchWeek);
  runOverhead(tl, ledger, rng.fork('overhead'));

  return {
    rules: [],
    practice: {
      name: options.name ?? DEMO_DEFAULTS.name,
      currency: 'USD',
      timezone: 'America/New_York',
      startedOn: tl.startedOn,
      niche: 'nurses',
      weeklyCapacityHours: 30,
      liveSessions: true,
      targets: {},
    },
    offers: buildOffers(tl),
    clients: arrivals.map((a) => a.client),
    ...ledger.finish(),
    listSnapshots: listSnapshots(tl, rng.fork('list')),
    rates: eurRates(tl, rng.fork('rates')),
  };
}
