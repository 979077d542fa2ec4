/**
 * Random draws the simulation needs, on top of the seeded generator of the demo
 * (`Rng`, mulberry32): normal, gamma, beta, Poisson, binomial, a mean-one lognormal and
 * the stationary block bootstrap's month indices. Same generator state, same draws.
 */
import type { Rng } from '../demo/random.ts';

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * A gamma draw with the given shape and rate (mean shape ÷ rate), Marsaglia–Tsang.
 * @example gamma(rng, 12.5, 24) // a plausible monthly rate after 12 events in 24 months
 */
export function gamma(rng: Rng, shape: number, rate = 1): number {
  if (shape <= 0) return 0;
  if (shape < 1) return gamma(rng, shape + 1, rate) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** A beta draw: the share of successes after `a − 1` successes and `b − 1` failures. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/** A Poisson draw: Knuth's product method below a mean of 30, else PTRS (Hörmann). */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) return rng.poisson(mean);
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = 1 - rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -mean + k * loglam - logFactorial(k)
    )
      return k;
  }
}

/** log(k!): summed below 20, Stirling's series above (error under 1e-9 there). */
function logFactorial(k: number): number {
  if (k < 20) {
    let sum = 0;
    for (let i = 2; i <= k; i++) sum += Math.log(i);
    return sum;
  }
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k);
}

/** The number of successes in `n` independent tries of probability `p`. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) k++;
  return k;
}

/** A lognormal multiplier with mean 1 and log-scale spread `sigma` (1 when sigma is 0). */
export function meanOneLognormal(rng: Rng, sigma: number): number {
  return sigma > 0 ? Math.exp(sigma * normal(rng) - (sigma * sigma) / 2) : 1;
}

/** `x` rounded up or down at random so that the mean is `x` (8.6 → 9 six times in ten). */
export function stochasticRound(rng: Rng, x: number): number {
  const whole = Math.floor(x);
  return whole + (rng.next() < x - whole ? 1 : 0);
}

/**
 * Fills `out` with indices into a source of `length` months, resampled by the
 * stationary block bootstrap (Politis–Romano): blocks of consecutive months, wrapping
 * around, of random length with mean `meanBlock`.
 * @example stationaryIndices(rng, 24, new Int32Array(36), 3) // [17, 18, 19, 4, 5, …]
 */
export function stationaryIndices(
  rng: Rng,
  length: number,
  out: Int32Array,
  meanBlock: number,
): Int32Array {
  const restart = 1 / meanBlock;
  let current = Math.floor(rng.next() * length);
  for (let i = 0; i < out.length; i++) {
    if (i > 0) {
      current = rng.next() < restart ? Math.floor(rng.next() * length) : (current + 1) % length;
    }
    out[i] = current;
  }
  return out;
}
