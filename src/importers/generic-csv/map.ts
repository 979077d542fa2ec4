/**
 * The column mapping of a generic CSV import (`--map`): which header holds each field,
 * plus two settings that say what a positive and a negative amount are. Parsed from the
 * command line text and checked before any row is read.
 *
 * @example parseMapOption('date=Date, amount=Amount, description="Memo, long"')
 * // { date: 'Date', amount: 'Amount', description: 'Memo, long' }
 */

/** Fields whose value is a header name. */
export const COLUMN_FIELDS = [
  'date',
  'amount',
  'credit',
  'debit',
  'currency',
  'fee',
  'id',
  'email',
  'name',
  'description',
  'type',
  'kind',
  'category',
  'refundOf',
] as const;

export type ColumnField = (typeof COLUMN_FIELDS)[number];

export const POSITIVE_AS = ['payment', 'cost', 'skip'] as const;
export const NEGATIVE_AS = ['cost', 'refund', 'skip'] as const;

export interface GenericMap {
  columns: Partial<Record<ColumnField, string>>;
  /** What a positive amount is (default `payment`). */
  positive: (typeof POSITIVE_AS)[number];
  /** What a negative amount is (default `cost`). */
  negative: (typeof NEGATIVE_AS)[number];
}

/** Checks a `{ field: header }` mapping; returns the map or what is wrong with it. */
export function checkMap(map: Record<string, string>): GenericMap | { problem: string } {
  const columns: GenericMap['columns'] = {};
  let positive: GenericMap['positive'] = 'payment';
  let negative: GenericMap['negative'] = 'cost';
  for (const [key, value] of Object.entries(map)) {
    const v = value.trim();
    if (key === 'positive' || key === 'negative') {
      const allowed: readonly string[] = key === 'positive' ? POSITIVE_AS : NEGATIVE_AS;
      if (!allowed.includes(v)) {
        return { problem: `--map ${key}=${v}: use one of ${allowed.join(', ')}` };
      }
      if (key === 'positive') positive = v as GenericMap['positive'];
      else negative = v as GenericMap['negative'];
      continue;
    }
    if (!(COLUMN_FIELDS as readonly string[]).includes(key)) {
      return {
        problem: `--map: unknown field "${key}" (fields: ${COLUMN_FIELDS.join(', ')}, positive, negative)`,
      };
    }
    if (!v) return { problem: `--map ${key}: name the column it comes from` };
    columns[key as ColumnField] = v;
  }
  if (!columns.date) return { problem: '--map needs date=<column>' };
  if (!columns.amount && !columns.credit && !columns.debit) {
    return { problem: '--map needs amount=<column> (or credit=<column> and/or debit=<column>)' };
  }
  if (columns.amount && (columns.credit || columns.debit)) {
    return { problem: '--map: give either amount or credit/debit, not both' };
  }
  return { columns, positive, negative };
}

/**
 * Parses `field=Header` pairs separated by commas or semicolons. A header with a comma,
 * semicolon or `=` in it is written in double quotes (`""` for a quote).
 * Returns the mapping, or a message saying what cannot be read.
 */
export function parseMapOption(text: string): Record<string, string> | { problem: string } {
  const out: Record<string, string> = {};
  let i = 0;
  const s = text;
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  while (i < s.length) {
    skipSpace();
    if (i >= s.length) break;
    const eq = s.indexOf('=', i);
    if (eq === -1) return { problem: `--map: expected field=Column at "${s.slice(i)}"` };
    const key = s.slice(i, eq).trim();
    i = eq + 1;
    skipSpace();
    let value = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) return { problem: `--map ${key}: the quote is not closed` };
        if (s[i] === '"' && s[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else value += s[i++];
      }
      skipSpace();
    } else {
      const end = s.slice(i).search(/[,;]/);
      value = (end === -1 ? s.slice(i) : s.slice(i, i + end)).trim();
      i = end === -1 ? s.length : i + end;
    }
    if (i < s.length && s[i] !== ',' && s[i] !== ';') {
      return { problem: `--map ${key}: expected , or ; after the column name` };
    }
    i++;
    if (!key) return { problem: '--map: a field name is empty' };
    out[key] = value;
  }
  return out;
}
