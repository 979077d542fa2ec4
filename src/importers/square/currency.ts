/**
 * Square's money cells carry a currency symbol and the file has no currency column. The
 * symbol decides when it is specific (`€`, `£`, `¥`, `A$`, `CA$`); a plain `$` is the
 * practice's currency when that is a dollar, otherwise USD (and the caller warns).
 */

import { isCurrencyCode } from '../../domain/money.ts';

const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);

const SYMBOLS: Array<[RegExp, string]> = [
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/[¥￥]/, 'JPY'],
  [/A\$/, 'AUD'],
  [/C(?:A)?\$/, 'CAD'],
  [/NZ\$/, 'NZD'],
];

/**
 * The currency a money cell is written in.
 * @example currencyOfSymbol('-$0.95', 'EUR') // { currency: 'USD', assumed: true }
 */
export function currencyOfSymbol(
  text: string,
  practiceCurrency: string,
): { currency: string; assumed: boolean } {
  for (const [pattern, code] of SYMBOLS) {
    if (pattern.test(text)) return { currency: code, assumed: false };
  }
  const code = /\b([A-Z]{3})\b/.exec(text)?.[1];
  if (code && isCurrencyCode(code)) return { currency: code, assumed: false };
  if (text.includes('$') && !DOLLARS.has(practiceCurrency)) {
    return { currency: 'USD', assumed: true };
  }
  return { currency: practiceCurrency, assumed: false };
}
