import { describe, expect, it } from 'vitest';
import { convertMinor, decimalOf, minorDigits, roundTo, toMajor, toMinor } from './money.ts';

describe('money', () => {
  it('knows ISO 4217 minor units', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('reads decimals exactly', () => {
    expect(decimalOf(1.09)).toEqual({ num: 109n, scale: 2 });
    expect(decimalOf(1e-7)).toEqual({ num: 1n, scale: 7 });
    expect(decimalOf(1.5e21)).toEqual({ num: 1500000000000000000000n, scale: 0 });
  });

  it('converts major to minor and back', () => {
    expect(toMinor(150.5, 'USD')).toBe(15050);
    expect(toMinor(0.29, 'USD')).toBe(29);
    expect(toMinor(1.005, 'USD')).toBe(101);
    expect(toMinor(-1.005, 'USD')).toBe(-101);
    expect(toMinor(1200, 'JPY')).toBe(1200);
    expect(toMajor(15050, 'USD')).toBe(150.5);
    expect(toMajor(-7, 'USD')).toBe(-0.07);
    expect(toMajor(1234, 'KWD')).toBe(1.234);
  });

  it('converts currencies at a rate, once, half away from zero', () => {
    // 150.00 EUR × 1.09 = 163.50 USD exactly, although 150 * 1.09 is 163.50000000000003.
    expect(convertMinor(15000, 'EUR', 'USD', 1.09)).toBe(16350);
    // 0.05 × 1.1 = 0.055 → 0.06 (half away from zero), −0.055 → −0.06.
    expect(convertMinor(5, 'EUR', 'USD', 1.1)).toBe(6);
    expect(convertMinor(-5, 'EUR', 'USD', 1.1)).toBe(-6);
    // inverse: 100 USD with a EUR→USD 1.25 entry = 80 EUR.
    expect(convertMinor(10000, 'USD', 'EUR', 1.25, true)).toBe(8000);
    // into a currency without decimals: 10.00 USD × 151.37 = 1513.7 JPY → 1514.
    expect(convertMinor(1000, 'USD', 'JPY', 151.37)).toBe(1514);
  });

  it('rounds half away from zero on the decimal spelling', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(0.123449, 4)).toBe(0.1234);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-0.0001, 2)).toBe(0);
  });
});
