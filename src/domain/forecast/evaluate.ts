/**
 * One run of one plan: revenue (minor units) and hours for every forecast month. The
 * order of work in a month is the order a practice meets it: what is already committed
 * (the month's rest, the scenario's fixed hours, clients in flight) first, then new
 * clients as they come (the history's, then the scenario's extra ones, then a launched
 * offer's sales). A new client or sale whose delivery hours do not fit under the
 * capacity, in any month they need, is not sold.
 */
import type { Rng } from '../demo/random.ts';
import { binomial, meanOneLognormal, poisson, stochasticRound } from './draws.ts';
import { KINDS } from './history.ts';
import type { ForecastModel } from './model.ts';
import type { Plan } from './plans.ts';
import { continuationOf } from './templates.ts';
import type { World } from './world.ts';

export interface RunOutput {
  revenue: Float64Array;
  hours: Float64Array;
}

interface Ctx {
  model: ForecastModel;
  plan: Plan;
  out: RunOutput;
  months: number;
  continuation: number;
}

const EPSILON = 1e-9;
/** A module-local copy: read in the hottest loop, where an imported binding may cost a call. */
const K = KINDS;

/**
 * The number of further months of a run continuing with probability `rate` each month,
 * from a uniform draw `u` (P(length ≥ k) = rate^k), at most `cap`.
 */
function tailLength(u: number, rate: number, cap: number): number {
  if (rate <= 0) return 0;
  if (rate >= 1) return cap;
  return Math.min(cap, Math.floor(Math.log(1 - u) / Math.log(rate)));
}

/** True when the entry's hours at months [from, to) (index `base + m`) fit under the capacity. */
function fits(c: Ctx, from: number, to: number, base: number): boolean {
  const need = c.model.pool.hours;
  const { hours } = c.out;
  const { capacity } = c.plan;
  for (let m = from; m < to; m++) {
    const x = need[base + m]!;
    if (x > 0 && hours[m]! + x > capacity[m]! + EPSILON) return false;
  }
  return true;
}

/** Adds the entry's revenue and hours at months [from, to) (index `base + m`). */
function add(c: Ctx, from: number, to: number, base: number): void {
  const need = c.model.pool.hours;
  const { revenue, hours } = c.out;
  const { raise, tplOther, tplRaised } = c.plan;
  for (let m = from; m < to; m++) {
    const factor = raise !== null && m >= raise.from ? raise.factor : 1;
    revenue[m]! += tplOther[base + m]! + tplRaised[base + m]! * factor;
    hours[m]! += need[base + m]!;
  }
}

/**
 * Adds a client following entry `t` from month `h` (their age `age` then), continued by
 * entry `cont` past the ages `t` was seen, then carrying on (for a length drawn from the
 * uniform `tailU`) if the entry of their last template month does, until `stop`
 * (exclusive) — unless `check`
 * and their hours do not fit under the capacity in some month. Months after an entry's
 * last active age are skipped: they hold nothing.
 */
function addClient(
  c: Ctx,
  t: number,
  cont: number,
  h: number,
  age: number,
  tailU: number,
  stop: number,
  check: boolean,
): void {
  const { span, pool } = c.model;
  const last = Math.min(c.months, stop);
  const switchAt = Math.min(last, h + pool.seen[t]! - age);
  const end = Math.min(last, h + span - age);
  const lastEntry = pool.seen[t]! >= span ? t : cont;
  const tailEnd =
    lastEntry >= 0 && pool.tail[lastEntry]
      ? Math.min(last, end + tailLength(tailU, c.continuation, c.months))
      : end;
  if (tailEnd <= h) return;
  const base = t * span + age - h;
  const ownEnd = Math.min(switchAt, h + pool.activeEnd[t]! - age);
  const contBase = cont >= 0 ? cont * span + age - h : 0;
  const contEnd = cont >= 0 ? Math.min(end, h + pool.activeEnd[cont]! - age) : switchAt;
  const tailHours = lastEntry >= 0 ? pool.tailHours[lastEntry]! : 0;
  if (check) {
    if (!fits(c, h, ownEnd, base) || !fits(c, switchAt, contEnd, contBase)) return;
    const { hours } = c.out;
    const { capacity } = c.plan;
    for (let m = end; m < tailEnd && tailHours > 0; m++) {
      if (hours[m]! + tailHours > capacity[m]! + EPSILON) return;
    }
  }
  add(c, h, ownEnd, base);
  add(c, switchAt, contEnd, contBase);
  if (tailEnd > end) {
    const { revenue, hours } = c.out;
    const { raise, tailOther, tailRaised } = c.plan;
    for (let m = end; m < tailEnd; m++) {
      const factor = raise !== null && m >= raise.from ? raise.factor : 1;
      revenue[m]! += tailOther[lastEntry]! + tailRaised[lastEntry]! * factor;
      hours[m]! += tailHours;
    }
  }
}

/** The month from which a client who would leave over the raise is gone (months when not). */
function lostFrom(c: Ctx, kinds: number, u: number, h: number): number {
  const raise = c.plan.raise;
  if (raise === null || u >= raise.loss || (kinds & raise.kinds) === 0) return c.months;
  return Math.max(raise.from, h);
}

/** A new client from month h: sold only if their hours fit. */
function tryClient(c: Ctx, t: number, cont: number, h: number, u: number, tailU: number): void {
  const { pool } = c.model;
  const kinds = pool.kinds[t]! | (cont >= 0 ? pool.kinds[cont]! : 0);
  addClient(c, t, cont, h, 0, tailU, lostFrom(c, kinds, u, h), true);
}

function committed(c: Ctx, world: World): void {
  const { revenue, hours } = c.out;
  const raise = c.plan.raise;
  for (let h = 0; h < c.months; h++) {
    let r = 0;
    let d = world.restOther[h]! + c.plan.fixedHours[h]!;
    const raised = raise !== null && h >= raise.from;
    for (let k = 0; k < K; k++) {
      let x = world.restRevenue[h * K + k]!;
      let y = world.restDelivery[h * K + k]!;
      if (raised && raise.kinds & (1 << k)) {
        x *= raise.factor * (1 - raise.loss);
        y *= 1 - raise.loss;
      }
      r += x;
      d += y;
    }
    revenue[h] = r;
    hours[h] = d;
  }
  const { pool, inflight, old } = c.model;
  for (let i = 0; i < inflight.count; i++) {
    const t = world.inflightTpl[i]!;
    const stop = lostFrom(c, pool.kinds[t]!, world.inflightU[i]!, 0);
    addClient(c, t, -1, 0, inflight.age[i]!, world.inflightTail[i]!, stop, false);
  }
  for (let i = 0; i < old.count; i++) {
    const tail = tailLength(world.oldTail[i]!, c.continuation, c.months);
    const stop = Math.min(tail, lostFrom(c, old.kinds[i]!, world.oldU[i]!, 0));
    for (let h = 0; h < stop; h++) {
      const factor = raise !== null && h >= raise.from ? raise.factor : 1;
      revenue[h]! += c.plan.oldOther[i]! + c.plan.oldRaised[i]! * factor;
      hours[h]! += old.hours[i]!;
    }
  }
}

/** A client the scenario adds: its continuation, loss and tail drawn from the plan's stream. */
function extraClient(c: Ctx, t: number, h: number, rng: Rng): void {
  const cont = continuationOf(c.model.pool, t, rng.next());
  tryClient(c, t, cont, h, rng.next(), rng.next());
}

/** A template from this run's resample of past clients. */
function anyTemplate(world: World, rng: Rng): number {
  return world.replicate[Math.floor(rng.next() * world.replicate.length)]!;
}

function launchSales(c: Ctx, rng: Rng, h: number, demand: Float64Array): void {
  const { revenue, hours } = c.out;
  for (let i = 0; i < c.plan.launches.length; i++) {
    const l = c.plan.launches[i]!;
    if (h < l.salesFrom) continue;
    const expected = demand[i]! * l.ramp[Math.min(h - l.salesFrom, l.ramp.length - 1)]!;
    const wanted = poisson(rng, expected);
    const perMonth = l.deliveryPerSale / l.deliveryMonths;
    const end = Math.min(c.months, h + l.deliveryMonths);
    let sold = 0;
    for (let s = 0; s < wanted; s++) {
      if (perMonth > 0) {
        let fits = true;
        for (let m = h; m < end && fits; m++) {
          fits = hours[m]! + perMonth <= c.plan.capacity[m]! + EPSILON;
        }
        if (!fits) break;
        for (let m = h; m < end; m++) hours[m]! += perMonth;
      }
      sold++;
    }
    revenue[h]! += (sold - binomial(rng, sold, l.refund)) * l.price;
  }
}

/**
 * Evaluates a plan on a run's world into `out` (overwritten). `rng` is the plan's own
 * stream for this run (extra clients, launch sales), so plans never shift each other.
 */
export function evaluate(
  model: ForecastModel,
  plan: Plan,
  world: World,
  rng: Rng,
  out: RunOutput,
): void {
  const c: Ctx = { model, plan, out, months: world.months, continuation: world.continuation };
  committed(c, world);
  const { shifts, conversations, launches, weeks } = plan;
  const demand = plan.scratch.demand;
  const removed = plan.scratch.removed;
  for (let i = 0; i < launches.length; i++) demand[i] = meanOneLognormal(rng, launches[i]!.sigma);
  const hasTemplates = world.replicate.length > 0;
  for (let h = 0; h < c.months; h++) {
    for (let i = 0; i < shifts.length; i++) {
      const s = shifts[i]!;
      const rate = s.rateFrom ?? world.channelRate[s.fromChannel]!;
      removed[i] = h >= s.from ? poisson(rng, s.hours * rate) : 0;
    }
    for (let j = world.arrivalStart[h]!; j < world.arrivalStart[h + 1]!; j++) {
      const t = world.arrivalTpl[j]!;
      if (shifts.length > 0 && shiftedAway(plan, model.pool.source[t]!)) continue;
      tryClient(c, t, world.arrivalCont[j]!, h, world.arrivalU[j]!, world.arrivalTail[j]!);
    }
    for (let i = 0; i < conversations.length && hasTemplates; i++) {
      const conv = conversations[i]!;
      if (h < conv.from) continue;
      const talks = stochasticRound(rng, conv.perWeek * weeks[h]!);
      const won = binomial(rng, talks, conv.closeRate ?? world.closeRate);
      for (let n = 0; n < won; n++) extraClient(c, anyTemplate(world, rng), h, rng);
    }
    for (let i = 0; i < shifts.length && hasTemplates; i++) {
      const s = shifts[i]!;
      if (h < s.from) continue;
      const won = poisson(rng, s.hours * (s.rateTo ?? world.channelRate[s.toChannel]!));
      const list = s.toTemplates;
      for (let n = 0; n < won; n++) {
        const t =
          list.length > 0 ? list[Math.floor(rng.next() * list.length)]! : anyTemplate(world, rng);
        extraClient(c, t, h, rng);
      }
    }
    if (launches.length > 0) launchSales(c, rng, h, demand);
  }
}

/** Fewer marketing hours in the channel a client came through: one fewer such client won. */
function shiftedAway(plan: Plan, source: number): boolean {
  const removed = plan.scratch.removed;
  for (let i = 0; i < plan.shifts.length; i++) {
    if (plan.shifts[i]!.fromChannel === source && removed[i]! > 0) {
      removed[i]!--;
      return true;
    }
  }
  return false;
}
