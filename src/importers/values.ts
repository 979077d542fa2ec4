/**
 * Reading the values exports hold: amounts in every locale's spelling (`1,234.56`,
 * `1.234,56`, `-$0.95`, `(12.00)`, `€ 3,50`), dates in the common orders, durations and
 * clock times. Each returns null for a value it cannot read, so callers can report it.
 */
import { divRound, minorDigits } from '../domain/money.ts';

export type DecimalMark = '.' | ',';

/**
 * Parses an amount in major units to integer minor units of `currency`.
 * Currency symbols, spaces and ISO codes around the number are ignored; parentheses and a
 * trailing minus mean negative. With `decimal` unknown, a lone `,` followed by 1–2 digits
 * is read as a decimal comma.
 * @example parseAmount('-$1,234.56', 'USD') // -123456
 * @example parseAmount('4.626,81', 'EUR', ',') // 462681
 */
export function parseAmount(text: string, currency: string, decimal?: DecimalMark): number | null {
  if (decimal !== ',') {
    const plain = plainAmount(text, minorDigits(currency));
    if (plain !== null) return plain;
  }
  const value = parseNumber(text, decimal);
  if (value === null) return null;
  const digits = minorDigits(currency);
  const { num, scale } = value;
  const minor =
    scale <= digits
      ? num * 10n ** BigInt(digits - scale)
      : divRound(num, 10n ** BigInt(scale - digits));
  const n = Number(minor);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The common spelling `1234.56` / `-0.5` / `120` (no symbols, groups or spaces, at most
 * `digits` decimals) in minor units without the general parser's work; null for any
 * other spelling. Only for a file whose decimal mark is `.` (or not yet known: a lone
 * dot is then a decimal point, as `parseNumber` reads it).
 */
function plainAmount(text: string, digits: number): number | null {
  const n = text.length;
  if (n === 0 || n > 16) return null;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let units = 0;
  let intDigits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    units = units * 10 + c;
    intDigits++;
  }
  if (intDigits === 0) return null;
  let fracDigits = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return null;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9 || fracDigits === digits) return null;
      units = units * 10 + c;
      fracDigits++;
    }
    if (fracDigits === 0) return null;
  }
  for (; fracDigits < digits; fracDigits++) units *= 10;
  if (!Number.isSafeInteger(units)) return null;
  return negative && units !== 0 ? -units : units;
}

/** Parses a decimal number written in any common locale style into an exact decimal. */
export function parseNumber(
  text: string,
  decimal?: DecimalMark,
): { num: bigint; scale: number } | null {
  let s = text.trim();
  if (!s) return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  // Currency codes and symbols may surround the number (`EUR 12.00`, `-$0.95`, `12,50 €`,
  // `CA$5`), never sit inside it: `8O.00` is no amount.
  const m = /^([^\d.,]*?)([\d.,][\d.,'\s\u00a0\u202f]*?)([^\d.,]*)$/.exec(s);
  if (!m) return null;
  const [, pre = '', body = '', post = ''] = m;
  const around = /^[A-Za-z$€£¥₹₩₽฿₪₫₴₦₱₲₵₡₭₮₸\s\u00a0\u202f+-]*$/;
  if (!around.test(pre) || !around.test(post)) return null;
  if (pre.includes('-')) negative = !negative;
  if (post.includes('-')) negative = !negative;
  s = body.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const mark = decimal ?? guessDecimalMark(s);
  const thousands = mark === '.' ? ',' : '.';
  const parts = s.split(mark);
  if (parts.length > 2) return null;
  const [intPart = '', fracPart = ''] = parts;
  if (fracPart.includes(thousands)) return null;
  const groups = intPart.split(thousands);
  if (groups.length > 1 && groups.slice(1).some((g) => g.length !== 3)) return null;
  const digits = groups.join('');
  const result = { num: BigInt(`${digits || '0'}${fracPart}`), scale: fracPart.length };
  return negative ? { num: -result.num, scale: result.scale } : result;
}

/** `1,234` is a thousands comma, `12,5` / `0,01` a decimal comma; `1.234,5` shows both. */
function guessDecimalMark(s: string): DecimalMark {
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? '.' : ',';
  if (lastComma !== -1) {
    const after = s.length - lastComma - 1;
    const commas = s.split(',').length - 1;
    return commas === 1 && after !== 3 ? ',' : '.';
  }
  return '.';
}

/**
 * Decides a file's decimal mark from sample values: `.` or `,` when some value shows it
 * unambiguously, null when every value is ambiguous (such as `1,234` or `100`). A value
 * that is not a number with that mark (`12,3,4`) is no evidence and is passed over.
 */
export function decimalMarkOf(samples: Iterable<string>): DecimalMark | null {
  for (const raw of samples) {
    const s = raw.replace(/[^\d.,]/g, '');
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    let mark: DecimalMark | null = null;
    if (lastDot !== -1 && lastComma !== -1) mark = lastDot > lastComma ? '.' : ',';
    else if (lastComma !== -1 && s.length - lastComma - 1 !== 3) mark = ',';
    else if (lastDot !== -1 && s.length - lastDot - 1 !== 3) mark = '.';
    if (mark && parseNumber(raw, mark)) return mark;
  }
  return null;
}

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const DATE_FORMATS: Record<string, DateOrder> = {
  'YYYY-MM-DD': 'ymd',
  'YYYY/MM/DD': 'ymd',
  'DD/MM/YYYY': 'dmy',
  'DD.MM.YYYY': 'dmy',
  'DD-MM-YYYY': 'dmy',
  'MM/DD/YYYY': 'mdy',
  'MM-DD-YYYY': 'mdy',
  'M/D/YYYY': 'mdy',
  'D/M/YYYY': 'dmy',
  'D.M.YYYY': 'dmy',
};

export const DATE_FORMAT_NAMES = Object.keys(DATE_FORMATS);

/** The date order a `--date-format` value names, or null when it is not one we know. */
export function dateOrderOf(format: string): DateOrder | null {
  return DATE_FORMATS[format.trim().toUpperCase()] ?? null;
}

const DATE_PARTS = /^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})/;

/** True when a value starts like a date in one of the orders (`3/4/2019`, `2019-03-04`…). */
export function looksLikeDate(text: string): boolean {
  return DATE_PARTS.test(text.trim());
}

/**
 * Infers day-first or month-first from sample dates: a first part above 12 means day-first,
 * a second part above 12 month-first, and dots (`04.03.2024`) are day-first: no locale
 * writes the month first with dots. Returns null while undecided (never guesses).
 */
export function dateOrderOfSamples(samples: Iterable<string>): DateOrder | 'conflict' | null {
  let seen: DateOrder | null = null;
  for (const raw of samples) {
    const m = DATE_PARTS.exec(raw.trim());
    if (!m) continue;
    const a = m[1]!;
    if (a.length === 4) return 'ymd';
    const first = Number(a);
    const second = Number(m[2]);
    const dotted = /^\d{1,2}\.\d{1,2}\.\d{2,4}/.test(raw.trim());
    const order: DateOrder | null = first > 12 || dotted ? 'dmy' : second > 12 ? 'mdy' : null;
    if (order && seen && order !== seen) return 'conflict';
    if (order) seen = order;
  }
  return seen;
}

/** Parses a date (and ignores any time after it) in the given order: `12/03/2024` → `2024-03-12` for dmy. */
export function parseDate(text: string, order: DateOrder): string | null {
  // Pure in (text, order), and an export names the same few thousand days over and
  // over: short cells are read once per file's spelling, then looked up.
  if (text.length > 40) return readDateParts(text, order);
  let cache = parsedDates.get(order);
  if (!cache) {
    cache = new Map();
    parsedDates.set(order, cache);
  }
  let date = cache.get(text);
  if (date === undefined) {
    date = readDateParts(text, order);
    if (cache.size > 20_000) cache.clear();
    cache.set(text, date);
  }
  return date;
}

const parsedDates = new Map<DateOrder, Map<string, string | null>>();

function readDateParts(text: string, order: DateOrder): string | null {
  const m = DATE_PARTS.exec(text.trim());
  if (!m) return null;
  let [y, mo, d] = [0, 0, 0];
  if (m[1]!.length === 4) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    if (m[3]!.length !== 4 && m[3]!.length !== 2) return null;
    y = Number(m[3]);
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    [d, mo] = order === 'mdy' ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])];
  }
  if (mo < 1 || mo > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > last) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `HH:MM[:SS]` with optional `AM`/`PM` → seconds since midnight, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    const pm = m[4].toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59 || s > 59) return null;
  return h * 3600 + min * 60 + s;
}

/** A duration `HH:MM:SS` (hours may exceed 24) → seconds, or null. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}
