/**
 * One run's shared randomness, drawn before any scenario is applied: which history
 * months the future months look like (or, for a thin history, fitted draws), the new
 * clients of each month and the past client each one pays and works like, how the
 * clients in flight continue, the close rate and each channel's clients per hour. The
 * baseline and every scenario are evaluated on the same world (common random numbers),
 * so their difference is the scenario's effect, not noise.
 */
import type { Rng } from '../demo/random.ts';
import { beta, gamma, normal, poisson, stationaryIndices } from './draws.ts';
import { KINDS } from './history.ts';
import { type ForecastModel, MEAN_BLOCK, SMOOTHING } from './model.ts';
import { continuationOf } from './templates.ts';

export interface World {
  months: number;
  restRevenue: Float64Array;
  restDelivery: Float64Array;
  restOther: Float64Array;
  /** Arrivals of month h are arrivalTpl[arrivalStart[h] … arrivalStart[h + 1]). */
  arrivalStart: Int32Array;
  arrivalTpl: Int32Array;
  /** The source continuing each arrival past the months its template was seen, or −1. */
  arrivalCont: Int32Array;
  /** Uniform draws per arrival: compared with a scenario's client loss; its tail length. */
  arrivalU: Float64Array;
  arrivalTail: Float64Array;
  inflightTpl: Int32Array;
  inflightU: Float64Array;
  inflightTail: Float64Array;
  oldU: Float64Array;
  oldTail: Float64Array;
  /** This run's monthly continuation probability after a client's first `span` months. */
  continuation: number;
  /** This run's resample of the templates (extra clients are drawn from it). */
  replicate: Int32Array;
  closeRate: number;
  /** New clients per marketing hour, by channel; NaN for a channel without hours. */
  channelRate: Float64Array;
}

/** A module-local copy of KINDS for the per-run copies. */
const K = KINDS;

/** Summary statistics of one window series, for the fitted (thin history) method. */
interface Fit {
  mean: number;
  sd: number;
  floor: number;
}

export interface WorldMaker {
  draw(rng: Rng): World;
}

function fitSeries(values: ArrayLike<number>, stride: number, offset: number, n: number): Fit {
  let sum = 0;
  let min = Infinity;
  for (let w = 0; w < n; w++) {
    const x = values[w * stride + offset]!;
    sum += x;
    if (x < min) min = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let w = 0; w < n; w++) ss += (values[w * stride + offset]! - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, floor: Math.min(0, min) };
}

/**
 * Draws a month's values from the normal model's posterior predictive: σ² and μ once per
 * run (Jeffreys prior), then each month N(μ, σ²), floored at the lowest value seen (or 0).
 */
function drawFitted(rng: Rng, fit: Fit, n: number, out: Float64Array, stride: number, at: number) {
  const months = out.length / stride;
  if (fit.sd === 0) {
    for (let h = 0; h < months; h++) out[h * stride + at] = fit.mean;
    return;
  }
  const sigma = fit.sd * Math.sqrt((n - 1) / (2 * gamma(rng, (n - 1) / 2)));
  const mu = fit.mean + (sigma / Math.sqrt(n)) * normal(rng);
  for (let h = 0; h < months; h++) {
    out[h * stride + at] = Math.max(fit.floor, mu + sigma * normal(rng));
  }
}

/**
 * Month a's figure moved by e × (a − b), b another month's; never below 0 or below both
 * (refunds can make a month's revenue negative).
 */
function smooth(a: number, b: number, e: number): number {
  return Math.max(Math.min(0, a, b), a + e * (a - b));
}

/**
 * Prepares the draws of a model for `months` forecast months; `draw` fills and returns
 * the same World object on each call (the simulation reads it before the next draw).
 */
export function worldMaker(model: ForecastModel, months: number): WorldMaker {
  const W = model.window.months;
  const P = model.pool.count;
  const I = model.inflight.count;
  let maxArrivals = 0;
  let totalArrivals = 0;
  for (const n of model.arrivals) {
    maxArrivals = Math.max(maxArrivals, n);
    totalArrivals += n;
  }
  const fits =
    model.method === 'fitted'
      ? {
          revenue: Array.from({ length: KINDS }, (_, k) =>
            fitSeries(model.restRevenue, KINDS, k, W),
          ),
          delivery: Array.from({ length: KINDS }, (_, k) =>
            fitSeries(model.restDelivery, KINDS, k, W),
          ),
          other: fitSeries(model.restOther, 1, 0, W),
        }
      : null;
  const world: World = {
    months,
    restRevenue: new Float64Array(months * KINDS),
    restDelivery: new Float64Array(months * KINDS),
    restOther: new Float64Array(months),
    arrivalStart: new Int32Array(months + 1),
    arrivalTpl: new Int32Array(Math.max(16, months * (maxArrivals + 1))),
    arrivalCont: new Int32Array(Math.max(16, months * (maxArrivals + 1))),
    arrivalU: new Float64Array(Math.max(16, months * (maxArrivals + 1))),
    arrivalTail: new Float64Array(Math.max(16, months * (maxArrivals + 1))),
    inflightTpl: new Int32Array(I),
    inflightU: new Float64Array(I),
    inflightTail: new Float64Array(I),
    oldU: new Float64Array(model.old.count),
    oldTail: new Float64Array(model.old.count),
    continuation: 0,
    replicate: new Int32Array(P),
    closeRate: 0,
    channelRate: new Float64Array(model.channels.names.length),
  };
  const seenKinds = (series: Float64Array) =>
    Array.from({ length: KINDS }, (_, k) => k).filter((k) => {
      for (let w = 0; w < W; w++) if (series[w * KINDS + k] !== 0) return true;
      return false;
    });
  const revenueKinds = seenKinds(model.restRevenue);
  const deliveryKinds = seenKinds(model.restDelivery);
  const replicateMonths = new Int32Array(W);
  const sequence = new Int32Array(months);
  const counts = new Int32Array(months);

  const grow = (needed: number) => {
    if (needed <= world.arrivalTpl.length) return;
    const size = Math.max(needed, world.arrivalTpl.length * 2);
    const tpl = new Int32Array(size);
    tpl.set(world.arrivalTpl);
    const cont = new Int32Array(size);
    cont.set(world.arrivalCont);
    world.arrivalCont = cont;
    const u = new Float64Array(size);
    u.set(world.arrivalU);
    const tail = new Float64Array(size);
    tail.set(world.arrivalTail);
    world.arrivalTpl = tpl;
    world.arrivalU = u;
    world.arrivalTail = tail;
  };

  return {
    draw(rng: Rng): World {
      if (fits === null) {
        // Two stages: resample the history itself, then the future from that resample, so
        // the runs also differ in their averages as much as a new history could.
        stationaryIndices(rng, W, replicateMonths, MEAN_BLOCK);
        stationaryIndices(rng, W, sequence, MEAN_BLOCK);
        // Smoothed: month w's figures move by e × (w − v), v another month of the
        // replicate, e ~ N(0, (SMOOTHING / √W)²) — see SMOOTHING and smooth().
        const spread = SMOOTHING / Math.sqrt(W);
        for (let h = 0; h < months; h++) {
          const w = replicateMonths[sequence[h]!]!;
          const v = replicateMonths[Math.floor(rng.next() * W)]!;
          const e = spread * normal(rng);
          // A count: rounded with a random offset, so it stays unbiased.
          counts[h] = Math.max(
            0,
            Math.round(smooth(model.arrivals[w]!, model.arrivals[v]!, e) + rng.next() - 0.5),
          );
          // Kinds never seen in the window stay 0 (the arrays start at 0).
          for (const k of revenueKinds) {
            const x = smooth(model.restRevenue[w * K + k]!, model.restRevenue[v * K + k]!, e);
            world.restRevenue[h * K + k] = x;
          }
          for (const k of deliveryKinds) {
            const x = smooth(model.restDelivery[w * K + k]!, model.restDelivery[v * K + k]!, e);
            world.restDelivery[h * K + k] = x;
          }
          world.restOther[h] = smooth(model.restOther[w]!, model.restOther[v]!, e);
        }
      } else {
        const rate = gamma(rng, totalArrivals + 0.5, W);
        for (let h = 0; h < months; h++) counts[h] = poisson(rng, rate);
        for (let k = 0; k < KINDS; k++) {
          drawFitted(rng, fits.revenue[k]!, W, world.restRevenue, KINDS, k);
          drawFitted(rng, fits.delivery[k]!, W, world.restDelivery, KINDS, k);
        }
        drawFitted(rng, fits.other, W, world.restOther, 1, 0);
      }
      for (let i = 0; i < P; i++) world.replicate[i] = Math.floor(rng.next() * P);
      let n = 0;
      for (let h = 0; h < months; h++) {
        world.arrivalStart[h] = n;
        const count = P > 0 ? counts[h]! : 0;
        grow(n + count);
        for (let j = 0; j < count; j++, n++) {
          const t = world.replicate[Math.floor(rng.next() * P)]!;
          world.arrivalTpl[n] = t;
          world.arrivalCont[n] = continuationOf(model.pool, t, rng.next());
          world.arrivalU[n] = rng.next();
          world.arrivalTail[n] = rng.next();
        }
      }
      world.arrivalStart[months] = n;
      const { offsets, candidates } = model.inflight;
      for (let i = 0; i < I; i++) {
        const from = offsets[i]!;
        const size = offsets[i + 1]! - from;
        world.inflightTpl[i] = candidates[from + Math.floor(rng.next() * size)]!;
        world.inflightU[i] = rng.next();
        world.inflightTail[i] = rng.next();
      }
      for (let i = 0; i < model.old.count; i++) {
        world.oldU[i] = rng.next();
        world.oldTail[i] = rng.next();
      }
      const { continued, stopped } = model.tails;
      world.continuation = continued + stopped > 0 ? beta(rng, continued + 1, stopped + 1) : 0;
      world.closeRate = beta(rng, model.sales.enrolled + 1, model.sales.declined + 1);
      const { hours, clients } = model.channels;
      for (let c = 0; c < hours.length; c++) {
        world.channelRate[c] = hours[c]! > 0 ? gamma(rng, clients[c]! + 0.5, hours[c]!) : NaN;
      }
      return world;
    },
  };
}
