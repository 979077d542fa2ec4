/**
 * What a client does after their first `span` months. A client still active in their
 * last template month carries on month after month with a continuation probability
 * measured on the history (clients past that age who stayed another month), paying and
 * working at the level of their last three template months. A client who pauses and
 * comes back later is a repeat purchase: those payments stay in the resampled months.
 * Clients already past their first `span` months and still on an unbroken run at the
 * start carry on the same way from their own last three months.
 */
import type { ClientTrack, PracticeHistory } from './history.ts';
import { KINDS } from './history.ts';

/** Months (indices) in which a client paid or refunded anything, or took delivery hours. */
export function activeMonths(c: ClientTrack): Set<number> {
  const months = new Set<number>();
  for (const p of c.payments) if (p.amount !== 0) months.add(p.month);
  for (const d of c.delivery) if (d.hours > 0) months.add(d.month);
  return months;
}

/**
 * The end (exclusive) of the client's unbroken run of active months that starts at age
 * `span − 1`, or −1 when they were not active at that age. Months from `arrival + span`
 * up to it are continuation, modelled by the tail rather than resampled.
 */
export function runEnd(c: ClientTrack, active: ReadonlySet<number>, span: number): number {
  let m = c.arrival + span - 1;
  if (!active.has(m)) return -1;
  while (active.has(m + 1)) m++;
  return m + 1;
}

export interface Tails {
  /** Observed months: an active client on the run stayed (continued) or stopped. */
  continued: number;
  stopped: number;
  /** True when too few clients reached the age and all ages were pooled instead. */
  pooled: boolean;
  /** Clients on an unbroken run through the last history month, past their first `span` months. */
  old: { count: number; revenue: Float64Array; hours: Float64Array; kinds: Int32Array };
}

/** Counts continuation on the history and collects the clients on a run at the start. */
export function fitTails(h: PracticeHistory, span: number): Tails {
  let continued = 0;
  let stopped = 0;
  let pooledContinued = 0;
  let pooledStopped = 0;
  const old: ClientTrack[] = [];
  for (const c of h.clients) {
    const active = activeMonths(c);
    for (const m of active) {
      if (m + 1 > h.to || m < c.arrival + 1) continue;
      if (active.has(m + 1)) pooledContinued++;
      else pooledStopped++;
    }
    const end = runEnd(c, active, span);
    if (end < 0) continue;
    if (end > h.to) {
      continued += end - (c.arrival + span);
      old.push(c);
    } else {
      continued += end - (c.arrival + span);
      stopped++;
    }
  }
  const pooled = continued + stopped < 10;
  const revenue = new Float64Array(old.length * KINDS);
  const hours = new Float64Array(old.length);
  const kinds = new Int32Array(old.length);
  const recent = Math.min(3, span);
  old.forEach((c, i) => {
    for (const p of c.payments) {
      if (p.month > h.to - recent) {
        revenue[i * KINDS + p.kind]! += p.amount / recent;
        kinds[i]! |= 1 << p.kind;
      }
    }
    for (const d of c.delivery) if (d.month > h.to - recent) hours[i]! += d.hours / recent;
  });
  return {
    continued: pooled ? pooledContinued : continued,
    stopped: pooled ? pooledStopped : stopped,
    pooled,
    old: { count: old.length, revenue, hours, kinds },
  };
}
