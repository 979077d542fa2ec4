/**
 * The CSV tables of the export: written by domain/csv-safe.ts (RFC 4180, formula cells
 * neutralised — the one place that rule lives), with a UTF-8 BOM so spreadsheets read
 * accents right, and money as exact decimals in major units of its currency.
 */
import { type CsvValue, toCsv } from '../../../domain/csv-safe.ts';
import { minorDigits } from '../../../domain/money.ts';

/** A CSV download: BOM, header, rows. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
): string {
  return `\uFEFF${toCsv([header, ...rows])}`;
}

/**
 * Minor units as an exact decimal string of major units.
 *
 * @example formatMinor(-15050, 'USD') // '-150.50'; formatMinor(1514, 'JPY') // '1514'
 */
export function formatMinor(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
