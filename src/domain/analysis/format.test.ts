import { describe, expect, it } from 'vitest';
import { frac } from './exact.ts';
import { formatHours, formatMoney, formatNumber, formatPercent } from './format.ts';

describe('format', () => {
  it('writes money with the currency’s own minor unit', () => {
    expect(formatMoney(840000, 'USD')).toBe('$8,400.00');
    expect(formatMoney(-10000, 'USD')).toBe('-$100.00');
    expect(formatMoney(1514, 'JPY')).toBe('¥1,514');
    // Intl puts a no-break space after a currency code.
    expect(formatMoney(1234, 'KWD')).toBe('KWD\u00a01.234');
    // An exact amount of minor units is rounded to the minor unit, half away from zero.
    expect(formatMoney(frac(29, 2), 'EUR')).toBe('€0.15');
  });

  it('writes shares as percentages, hours and plain numbers', () => {
    expect(formatPercent(frac(1, 11))).toBe('9.1%');
    expect(formatPercent(0.1, 2)).toBe('10%');
    expect(formatPercent(0.125, 2)).toBe('12.5%');
    expect(formatHours(frac(25, 2))).toBe('12.5 h');
    expect(formatHours(frac(1440))).toBe('1,440 h');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(frac(2, 3))).toBe('0.67');
  });
});
