/**
 * How a record field is shown in a list and edited in a form: text, date, money
 * (minor units of the record's currency, typed in major units), numbers, choices and
 * references to offers or clients.
 */
import { toMajor, toMinor } from '../../../domain/money.ts';
import { formatMoney } from '../../lib/format.ts';

export type FieldType =
  | 'text'
  | 'date'
  | 'money'
  | 'number'
  | 'choice'
  | 'offer'
  | 'client'
  | 'currency';

export interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /** choice: the values (and their labels). */
  options?: readonly { value: string; label: string }[];
  /** money: the field naming the currency (default: the practice's). */
  currencyField?: string;
  /** Shown in the list (default true). */
  list?: boolean;
  /** A sort key of the API for this column. */
  sort?: string;
  /** Filter on it (exact match, the API's filter name). */
  filter?: boolean;
  /** Only in the form, not sent when empty. */
  hint?: string;
  /** Default for a new record. */
  initial?: () => string;
  /** number: smallest and largest values, step. */
  min?: number;
  max?: number;
  step?: number;
}

export function currencyOf(
  row: Record<string, unknown>,
  field: FieldSpec,
  fallback: string,
): string {
  const c = field.currencyField ? row[field.currencyField] : undefined;
  return typeof c === 'string' && c ? c : fallback;
}

/** A field's value in words for the list. */
export function showValue(
  row: Record<string, unknown>,
  field: FieldSpec,
  ctx: { currency: string; offers: Map<string, string>; clients: Map<string, string> },
): string {
  const v = row[field.name];
  if (v === null || v === undefined || v === '') return '—';
  switch (field.type) {
    case 'money': {
      const currency = currencyOf(row, field, ctx.currency);
      return formatMoney(toMajor(Number(v), currency), currency);
    }
    case 'offer':
      return ctx.offers.get(String(v)) ?? String(v);
    case 'client':
      return ctx.clients.get(String(v)) ?? String(v);
    case 'choice':
      return field.options?.find((o) => o.value === v)?.label ?? String(v);
    case 'number':
      return Number(v).toLocaleString('en-US', { maximumFractionDigits: 2 });
    default:
      return String(v);
  }
}

/** The form's text for a stored value. */
export function toInput(row: Record<string, unknown>, field: FieldSpec, currency: string): string {
  const v = row[field.name];
  if (v === null || v === undefined) return '';
  if (field.type === 'money') return String(toMajor(Number(v), currencyOf(row, field, currency)));
  return String(v);
}

/** The stored value for the form's text (null when empty). */
export function fromInput(
  text: string,
  field: FieldSpec,
  values: Record<string, string>,
  currency: string,
): unknown {
  const t = text.trim();
  if (t === '') return null;
  if (field.type === 'money') {
    const c = (field.currencyField && values[field.currencyField]) || currency;
    return toMinor(Number(t), c);
  }
  if (field.type === 'number') return Number(t);
  return t;
}
