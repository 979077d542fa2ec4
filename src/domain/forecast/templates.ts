/**
 * Client templates: what a new client pays (by offer kind) and the delivery hours they
 * take, month by month over their first `span` months. Every client who arrived in the
 * fit window is a template, so the mix of offers and prices is the recent one. A client
 * still inside their first `span` months is continued, each time a run draws them, by
 * the later months of a past client (a "source", drawn anew each time) who began with
 * the same offer and was as active at the same age; the clients in flight at the start
 * continue the same way.
 */
import type { ClientTrack, PracticeHistory } from './history.ts';
import { KINDS } from './history.ts';

export interface ClientPool {
  /** Templates new clients are drawn from (indices 0 … count − 1). */
  count: number;
  /** All entries: the templates, then past clients used only to continue templates and clients in flight. */
  entries: number;
  /** entries × span × KINDS, minor units. */
  revenue: Float64Array;
  /** entries × span. */
  hours: Float64Array;
  /** Index into the model's channel names, or −1. */
  source: Int32Array;
  /** Bit k set when the entry paid anything to offer kind k. */
  kinds: Int32Array;
  /** 1 when the entry is active in its last month, so it may carry on (see tails.ts). */
  tail: Uint8Array;
  /** Monthly level of a carrying-on entry: its last three months' mean (× KINDS; hours). */
  tailRevenue: Float64Array;
  tailHours: Float64Array;
  /** Ages observed per entry: `span` for a complete one, fewer for a client still inside them. */
  seen: Int32Array;
  /** One past the last age at which the entry paid, refunded or took hours (0: never). */
  activeEnd: Int32Array;
  /** Sources that may continue entry t: contCandidates[contOffsets[t] … contOffsets[t + 1]). */
  contOffsets: Int32Array;
  contCandidates: Int32Array;
  /** True when templates had to stay incomplete: no past client has complete months. */
  censored: boolean;
}

/** Clients who arrived in the last `span − 1` months: age at the start, matching pool entries. */
export interface Inflight {
  count: number;
  age: Int32Array;
  /** Candidates of client i are candidates[offsets[i] … offsets[i + 1]). */
  offsets: Int32Array;
  candidates: Int32Array;
}

interface Dense {
  track: ClientTrack;
  revenue: Float64Array;
  hours: Float64Array;
}

function dense(c: ClientTrack, span: number): Dense {
  const revenue = new Float64Array(span * KINDS);
  const hours = new Float64Array(span);
  for (const p of c.payments) {
    const age = p.month - c.arrival;
    if (age >= 0 && age < span) revenue[age * KINDS + p.kind]! += p.amount;
  }
  for (const d of c.delivery) {
    const age = d.month - c.arrival;
    if (age >= 0 && age < span) hours[age]! += d.hours;
  }
  return { track: c, revenue, hours };
}

function activeAt(d: Dense, age: number): boolean {
  if (d.hours[age]! > 0) return true;
  for (let k = 0; k < KINDS; k++) if (d.revenue[age * KINDS + k] !== 0) return true;
  return false;
}

/** Sources that began with the same offer and match `active` at `age`; else the same offer; else all. */
function matching(sources: readonly Dense[], offerId: string | null, age: number, active: boolean) {
  const sameOffer = sources.flatMap((s, j) => (s.track.firstOfferId === offerId ? [j] : []));
  const alike = sameOffer.filter((j) => activeAt(sources[j]!, age) === active);
  return alike.length > 0 ? alike : sameOffer.length > 0 ? sameOffer : sources.map((_, j) => j);
}

/**
 * Builds the templates (clients arriving from `wFrom` on) and the clients in flight.
 * @example buildTemplates(history, 12, monthIndex('2024-11'), channels).pool.count // 98
 */
export function buildTemplates(
  h: PracticeHistory,
  span: number,
  wFrom: number,
  channel: ReadonlyMap<string, number>,
): { pool: ClientPool; inflight: Inflight } {
  const lowest = Math.max(h.from, wFrom - span);
  const sources = h.clients
    .filter((c) => c.arrival >= lowest && c.arrival + span - 1 <= h.to)
    .map((c) => dense(c, span));
  const members = h.clients.filter((c) => c.arrival >= wFrom).map((c) => dense(c, span));
  // Sources that are not templates themselves are appended, to continue the others.
  const extra = sources.filter((s) => s.track.arrival < wFrom);
  const entries = [...members, ...extra];
  const sourceIndex = sources.map((s) =>
    s.track.arrival < wFrom
      ? members.length + extra.indexOf(s)
      : members.findIndex((m) => m.track === s.track),
  );
  const pool: ClientPool = {
    count: members.length,
    entries: entries.length,
    revenue: new Float64Array(entries.length * span * KINDS),
    hours: new Float64Array(entries.length * span),
    source: new Int32Array(entries.length).fill(-1),
    kinds: new Int32Array(entries.length),
    tail: new Uint8Array(entries.length),
    tailRevenue: new Float64Array(entries.length * KINDS),
    tailHours: new Float64Array(entries.length),
    seen: new Int32Array(entries.length),
    activeEnd: new Int32Array(entries.length),
    contOffsets: new Int32Array(entries.length + 1),
    contCandidates: new Int32Array(0),
    censored: false,
  };
  const candidates: number[] = [];
  const recent = Math.min(3, span);
  entries.forEach((e, t) => {
    const seen = Math.min(span, h.to - e.track.arrival + 1);
    pool.seen[t] = seen;
    for (let age = span - 1; age >= 0; age--) {
      if (activeAt(e, age)) {
        pool.activeEnd[t] = age + 1;
        break;
      }
    }
    pool.revenue.set(e.revenue, t * span * KINDS);
    pool.hours.set(e.hours, t * span);
    for (let i = 0; i < span * KINDS; i++)
      if (e.revenue[i] !== 0) pool.kinds[t]! |= 1 << (i % KINDS);
    if (e.track.source !== null) pool.source[t] = channel.get(e.track.source) ?? -1;
    if (seen < span) {
      if (sources.length === 0) pool.censored = true;
      else {
        const list = matching(sources, e.track.firstOfferId, seen - 1, activeAt(e, seen - 1));
        for (const j of list) candidates.push(sourceIndex[j]!);
      }
    }
    pool.contOffsets[t + 1] = candidates.length;
    if (seen < span || !activeAt(e, span - 1)) return;
    pool.tail[t] = 1;
    for (let age = span - recent; age < span; age++) {
      for (let k = 0; k < KINDS; k++) {
        pool.tailRevenue[t * KINDS + k]! += e.revenue[age * KINDS + k]! / recent;
      }
      pool.tailHours[t]! += e.hours[age]! / recent;
    }
  });
  pool.contCandidates = Int32Array.from(candidates);
  return { pool, inflight: inflightOf(h, span, sources, sourceIndex, members.length) };
}

function inflightOf(
  h: PracticeHistory,
  span: number,
  sources: readonly Dense[],
  sourceIndex: readonly number[],
  members: number,
): Inflight {
  const start = h.to + 1;
  const clients = h.clients.filter((c) => start - c.arrival < span);
  const usable = sources.length > 0 || members > 0 ? clients : [];
  const age = new Int32Array(usable.length);
  const offsets = new Int32Array(usable.length + 1);
  const candidates: number[] = [];
  usable.forEach((c, i) => {
    const a = start - c.arrival;
    age[i] = a;
    if (sources.length === 0) {
      // No complete past client: continue like any template (their later months may be empty).
      for (let t = 0; t < members; t++) candidates.push(t);
    } else {
      const active =
        c.payments.some((p) => p.month === h.to) || c.delivery.some((d) => d.month === h.to);
      for (const j of matching(sources, c.firstOfferId, a - 1, active)) {
        candidates.push(sourceIndex[j]!);
      }
    }
    offsets[i + 1] = candidates.length;
  });
  return { count: usable.length, age, offsets, candidates: Int32Array.from(candidates) };
}

/**
 * The source that continues entry `t` past the months it was seen, picked by a uniform
 * draw `u` among its candidates, or −1 when it needs none (or none is known).
 */
export function continuationOf(pool: ClientPool, t: number, u: number): number {
  const from = pool.contOffsets[t]!;
  const size = pool.contOffsets[t + 1]! - from;
  return size > 0 ? pool.contCandidates[from + Math.floor(u * size)]! : -1;
}
