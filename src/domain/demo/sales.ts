/**
 * Discovery calls: one that enrolled each new client, the declined ones around them
 * (referrals close most often, Instagram least), a few still pending at the end, and
 * the sales hour each call took.
 */
import type { Outcome } from '../model.ts';
import type { Arrival, Channel, ServiceKey } from './clients.ts';
import { channelWeights } from './clients.ts';
import type { Ledger } from './ledger.ts';
import { DEMO_OFFER_IDS } from './offers.ts';
import type { NameBook } from './people.ts';
import type { Rng } from './random.ts';
import type { Timeline } from './timeline.ts';
import { workday } from './timeline.ts';

/** Mean declined calls for each enrolled one, by channel. */
const DECLINES: Record<Channel, number> = {
  referral: 0.8,
  podcast: 1.5,
  speaking: 1.4,
  linkedin: 2.1,
  instagram: 3.1,
};

const CALL_HOURS: Record<ServiceKey, number> = { coaching: 0.5, group: 0.5, package: 0.75, vip: 1 };

function offersOn(tl: Timeline, day: number): ServiceKey[] {
  const open: ServiceKey[] = ['coaching'];
  if (day >= tl.packageLaunch) open.push('package');
  if (day >= tl.vipLaunch) open.push('vip');
  if (tl.cohorts.some((c) => day >= c - 35 && day < c)) open.push('group');
  return open;
}

function call(
  ledger: Ledger,
  day: number,
  prospect: string,
  channel: string,
  offer: ServiceKey,
  outcome: Outcome,
  clientId: string | null = null,
): void {
  const offerId = DEMO_OFFER_IDS[offer];
  ledger.conversation({ day, prospect, channel, offerId, outcome, clientId });
  ledger.time({
    day,
    hours: CALL_HOURS[offer],
    activity: 'sales',
    offerId,
    channel,
    clientId,
    note: `Discovery call: ${prospect}`,
  });
}

export function runSales(
  tl: Timeline,
  arrivals: readonly Arrival[],
  ledger: Ledger,
  rng: Rng,
  names: NameBook,
): void {
  for (const a of arrivals) {
    const channel = (a.client.source ?? 'referral') as Channel;
    call(ledger, a.day, a.client.name, channel, a.offer, 'enrolled', a.client.id);
    for (let n = rng.poisson(DECLINES[channel]); n > 0; n--) {
      const day = Math.max(tl.start + 3, Math.min(tl.end - 15, workday(a.day + rng.int(-30, 20))));
      const open = offersOn(tl, day);
      const offer = rng.chance(0.7) && open.includes(a.offer) ? a.offer : rng.pick(open);
      call(ledger, day, names.prospect(), channel, offer, 'declined');
    }
  }
  for (let n = rng.int(3, 5); n > 0; n--) {
    const day = tl.end - rng.int(0, 13);
    const channel = rng.weighted(channelWeights(tl, day));
    call(ledger, day, names.prospect(), channel, rng.pick(offersOn(tl, day)), 'pending');
  }
}
