import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/index.ts';
import {
  decodeModel,
  encodeModel,
  fitForecastModel,
  isForecastError,
  simulateForecast,
} from './index.ts';

const model = fitForecastModel(generateDemo({ endDate: '2026-10-31' }));
const scenarios = [
  {
    name: 'Raise 10%',
    changes: [{ type: 'raise_rates' as const, raisePercent: 10, clientLossPercent: 5 }],
  },
];

describe('the model as JSON', () => {
  it('simulates to the same numbers after JSON.stringify and JSON.parse', () => {
    const text = JSON.stringify(encodeModel(model));
    const back = decodeModel(JSON.parse(text));
    expect(back).toEqual(model);
    expect(back.pool.revenue).toBeInstanceOf(Float64Array);
    expect(back.arrivals).toBeInstanceOf(Int32Array);
    const options = { months: 12, runs: 1000, seed: 11, scenarios };
    expect(simulateForecast(back, options)).toEqual(simulateForecast(model, options));
  });

  it('keeps non-finite numbers, which JSON has none of', () => {
    const odd = { ...model, restOther: Float64Array.from([Number.NaN, Infinity, -Infinity, 1.5]) };
    const back = decodeModel(JSON.parse(JSON.stringify(encodeModel(odd))));
    expect(Array.from(back.restOther)).toEqual([Number.NaN, Infinity, -Infinity, 1.5]);
  });

  it('refuses what is not an encoded model', () => {
    for (const value of [
      null,
      3,
      {},
      { format: 'other', model: {} },
      { format: encodeModel(model).format },
    ]) {
      let error: unknown;
      try {
        decodeModel(value);
      } catch (e) {
        error = e;
      }
      expect(isForecastError(error) && error.code).toBe('invalid_option');
    }
  });
});
