/**
 * What the Stripe exports share: `<key> (metadata)` columns copied into attributes (and
 * the customer's email when only metadata has it), charge ids recognised in text, and
 * amounts converted in proportion (a refund of part of a foreign-currency charge).
 */
import { divRound } from '../../domain/money.ts';
import { putAttribute } from '../cells.ts';
import type { HeaderIndex } from '../csv.ts';
import type { Attributes } from '../types.ts';

/** `[column, key]` of every `<key> (metadata)` column, e.g. `Customer Email (metadata)`. */
export function metadataColumns(header: HeaderIndex): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  header.names.forEach((name, i) => {
    const m = /^\s*(.+?)\s*\(metadata\)\s*$/i.exec(name);
    if (m) out.push([i, m[1]!]);
  });
  return out;
}

/**
 * Copies metadata cells into attributes as `metadata_<key>`, the key's other characters
 * than letters and digits as `_`, so that a rule can name it (`metadata_booking_id`).
 */
export function putMetadata(
  attributes: Attributes,
  columns: Array<[number, string]>,
  text: (col: number) => string,
): void {
  for (const [col, key] of columns) {
    putAttribute(attributes, `metadata_${key.replace(/[^A-Za-z0-9]+/g, '_')}`, text(col));
  }
}

/** The metadata value of a key (case-insensitive), '' when absent. */
export function metadataValue(
  columns: Array<[number, string]>,
  key: string,
  text: (col: number) => string,
): string {
  const found = columns.find(([, k]) => k.toLowerCase() === key.toLowerCase());
  return found ? text(found[0]) : '';
}

/** A charge or payment id (`ch_…`, `py_…`, `pi_…`) at the start of a value. */
export const CHARGE_ID = /^(?:ch|py|pi)_[A-Za-z0-9]+$/;

/** The first charge id written inside a text, such as `REFUND FOR CHARGE (ch_3N…)`. */
export function chargeIdIn(text: string): string | null {
  return /\b((?:ch|py)_[A-Za-z0-9]{8,})\b/.exec(text)?.[1] ?? null;
}

/**
 * `part` of `whole` expressed in another currency where `whole` is worth `converted`:
 * `converted × part / whole`, rounded half away from zero.
 * @example proportional(2500, 10000, 10850) // 2713
 */
export function proportional(part: number, whole: number, converted: number): number {
  if (whole === 0) return 0;
  const sign = whole < 0 ? -1n : 1n;
  return Number(divRound(BigInt(converted) * BigInt(part) * sign, BigInt(whole) * sign));
}
