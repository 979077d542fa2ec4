/**
 * Calibration: on synthetic practices generated from a known process (Poisson new
 * clients, lognormal fees, geometric stays, product sales, noisy overhead), fit on the
 * first 24 months and count how often the actual next 12 months fall inside P10–P90.
 * An honest 80% band covers about 80%; a band too narrow or too wide is a bug.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../demo/random.ts';
import { extractHistory } from './history.ts';
import { forecast } from './index.ts';
import type { Band } from './percentiles.ts';
import { SYNTHETIC_DEFAULTS, syntheticPractice } from './synthetic.ts';

const PRACTICES = 60;

function coverage() {
  const inside = { revenue: 0, hours: 0 };
  let months = 0;
  const within = (x: number, b: Band) => x >= b.p10 && x <= b.p90;
  for (let s = 1; s <= PRACTICES; s++) {
    const pick = new Rng(1000 + s);
    const process = {
      ...SYNTHETIC_DEFAULTS,
      arrivals: pick.pick([1.5, 3, 6]),
      stay: pick.pick([1.5, 3, 6]),
      fee: pick.pick([300, 800, 2000]),
      hoursPerClientMonth: pick.pick([2, 5]),
      productSales: pick.pick([0, 5, 20]),
    };
    const data = syntheticPractice(s, process);
    const f = forecast(data, { asOf: '2023-12-31', months: 12, runs: 1000, seed: s });
    const actual = extractHistory(data, '2024-12-31');
    for (let m = 0; m < 12; m++) {
      months++;
      if (within(actual.revenue[24 + m]! / 100, f.baseline.revenue[m]!)) inside.revenue++;
      if (within(actual.hours[24 + m]!, f.baseline.hours[m]!)) inside.hours++;
    }
  }
  return { revenue: inside.revenue / months, hours: inside.hours / months, months };
}

describe('calibration', () => {
  it('covers the actual months about 80% of the time with its P10–P90 band', () => {
    const measured = coverage();
    console.log(
      `forecast calibration over ${measured.months} practice-months: P10–P90 held the actual revenue ${(measured.revenue * 100).toFixed(1)}% and the hours ${(measured.hours * 100).toFixed(1)}% of the time`,
    );
    for (const share of [measured.revenue, measured.hours]) {
      expect(share).toBeGreaterThan(0.65);
      expect(share).toBeLessThan(0.92);
    }
  });
});
