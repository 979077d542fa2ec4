/**
 * A small seeded pseudo-random generator (mulberry32) with the few draws the demo
 * practice needs. Same seed, same sequence, on every platform; no Math.random.
 */

/** FNV-1a hash of a label mixed with a seed: the seed of an independent sub-stream. */
function mix(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Turns any number into a 32-bit seed (NaN and fractions included). */
export function toSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 0;
  return Number.isInteger(seed) ? seed >>> 0 : mix(0, String(seed));
}

export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the choices, each with the probability of its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** A Poisson draw (Knuth); fine for the small means used here. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Hours in [min, max] rounded to a quarter hour, at least 0.25. */
  hours(min: number, max: number): number {
    return Math.max(0.25, Math.round(this.between(min, max) * 4) / 4);
  }

  /** Money in [min, max] major units, rounded to `step`, as minor units. */
  money(min: number, max: number, step = 1): number {
    return Math.round(this.between(min, max) / step) * step * 100;
  }

  /** An independent generator for one part of the story, so parts never shift each other. */
  fork(label: string): Rng {
    return new Rng(mix(this.seed, label));
  }
}
