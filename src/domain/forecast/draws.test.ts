import { describe, expect, it } from 'vitest';
import { Rng } from '../demo/random.ts';
import {
  beta,
  binomial,
  gamma,
  meanOneLognormal,
  normal,
  poisson,
  stationaryIndices,
  stochasticRound,
} from './draws.ts';

function moments(draw: () => number, n = 20_000) {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sq / n - mean * mean };
}

describe('draws', () => {
  it('are the same for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seq = (r: Rng) => [
      normal(r),
      gamma(r, 2.5, 3),
      poisson(r, 4),
      poisson(r, 80),
      beta(r, 2, 5),
    ];
    expect(seq(a)).toEqual(seq(b));
  });

  it('have the means and variances of their distributions', () => {
    const rng = new Rng(7);
    const n = moments(() => normal(rng));
    expect(n.mean).toBeCloseTo(0, 1);
    expect(n.variance).toBeCloseTo(1, 1);
    const g = moments(() => gamma(rng, 3, 2)); // mean 1.5, variance 0.75
    expect(g.mean).toBeCloseTo(1.5, 1);
    expect(g.variance).toBeCloseTo(0.75, 1);
    const small = moments(() => gamma(rng, 0.5)); // shape < 1: mean 0.5, variance 0.5
    expect(small.mean).toBeCloseTo(0.5, 1);
    for (const mean of [0.7, 6, 45, 300]) {
      const p = moments(() => poisson(rng, mean));
      expect(p.mean / mean).toBeCloseTo(1, 1);
      expect(p.variance / mean).toBeCloseTo(1, 1);
    }
    expect(moments(() => beta(rng, 2, 6)).mean).toBeCloseTo(0.25, 2);
    expect(moments(() => binomial(rng, 10, 0.3)).mean).toBeCloseTo(3, 1);
    expect(moments(() => meanOneLognormal(rng, 0.5)).mean).toBeCloseTo(1, 1);
    expect(moments(() => stochasticRound(rng, 8.6)).mean).toBeCloseTo(8.6, 1);
  });

  it('handle the edges', () => {
    const rng = new Rng(1);
    expect(poisson(rng, 0)).toBe(0);
    expect(poisson(rng, Number.NaN)).toBe(0);
    expect(binomial(rng, 5, 0)).toBe(0);
    expect(binomial(rng, 5, 1)).toBe(5);
    expect(gamma(rng, 0)).toBe(0);
    expect(meanOneLognormal(rng, 0)).toBe(1);
  });

  it('resample months in blocks of consecutive months that wrap around', () => {
    const out = stationaryIndices(new Rng(3), 24, new Int32Array(2000), 3);
    let continued = 0;
    for (let i = 0; i < out.length; i++) {
      expect(out[i]).toBeGreaterThanOrEqual(0);
      expect(out[i]).toBeLessThan(24);
      if (i > 0 && out[i] === (out[i - 1]! + 1) % 24) continued++;
    }
    // A block continues with probability 1 − 1/3 (plus a chance restart on the next month).
    expect(continued / (out.length - 1)).toBeGreaterThan(0.6);
    expect(continued / (out.length - 1)).toBeLessThan(0.75);
  });
});
