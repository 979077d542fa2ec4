/**
 * A bank export or a spreadsheet read through a column mapping (`--map`, see map.ts and
 * docs/importing/payments.md). Never detected: used with `--format generic` or whenever
 * a mapping is given.
 *
 * Each row's amount (or `credit − debit`) decides: positive → payment, negative → cost
 * (its absolute value), unless the mapping says otherwise (`positive=cost`,
 * `negative=refund`, `…=skip`) or a mapped `kind` column names the row (income, refund,
 * expense, transfer…). `fee` is a processor fee (absolute value). The id is the mapped
 * `id` column (a repeated id gets `#2`, `#3`…), else a content hash + occurrence index.
 * Dates take the file's date order; a timestamp with an offset (`…Z`, `+02:00`) becomes
 * the date in the practice's zone, any other date stays as written.
 */
import { optionsProblem, putAttribute, RowCells, refusingMapper } from '../cells.ts';
import type { CsvRow } from '../csv.ts';
import type { CsvFormat, Emit, FormatContext, RowMapper } from '../format.ts';
import { dateAtOffset } from '../timestamps.ts';
import type { Attributes } from '../types.ts';
import { type ColumnField, checkMap, type GenericMap } from './map.ts';

type Columns = Partial<Record<ColumnField, number>>;

type Role = 'payment' | 'refund' | 'cost' | 'transfer';

const KIND_WORDS: Array<[RegExp, Role]> = [
  [/^(income|payment|revenue|sales?|received|credit|in|cr|deposit)$/, 'payment'],
  [/^(refund|reversal|chargeback)$/, 'refund'],
  [/^(cost|expense|expenses|fee|purchase|bill|debit|out|spent|dr)$/, 'cost'],
  [/^(transfer|payout|withdrawal|conversion|own account)$/, 'transfer'],
];

function roleOfKind(text: string): Role | null {
  const t = text.trim().toLowerCase();
  return KIND_WORDS.find(([pattern]) => pattern.test(t))?.[1] ?? null;
}

function columnsOf(ctx: FormatContext, map: GenericMap): Columns | { missing: string[] } {
  const cols: Columns = {};
  const missing: string[] = [];
  for (const [field, name] of Object.entries(map.columns) as Array<[ColumnField, string]>) {
    const i = ctx.header.find(name);
    if (i < 0) missing.push(name);
    else cols[field] = i;
  }
  return missing.length ? { missing } : cols;
}

function openGeneric(ctx: FormatContext, map: GenericMap, cols: Columns): RowMapper {
  const col = (field: ColumnField) => cols[field] ?? -1;
  const seenIds = new Map<string, number>();

  const row = (row: CsvRow, emit: Emit) => {
    const c = new RowCells(row, ctx, emit);
    if (!c.shape()) return;
    const currency = c.currency(col('currency'), ctx.options.currency);
    if (!currency) return;
    let signed: number | null;
    if (cols.amount !== undefined) signed = c.amount(col('amount'), currency);
    else {
      const credit = c.optionalAmount(col('credit'), currency, null);
      const debit = c.optionalAmount(col('debit'), currency, null);
      signed =
        credit === null && debit === null ? null : Math.abs(credit ?? 0) - Math.abs(debit ?? 0);
      if (signed === null && !c.errors) {
        c.error(
          'missing_value',
          'both credit and debit are empty',
          col('credit') >= 0 ? col('credit') : col('debit'),
        );
      }
    }
    const fee = c.optionalAmount(col('fee'), currency);
    const ts = c.timestamp(col('date'));
    const kindText = c.text(col('kind'));
    const kindRole = kindText ? roleOfKind(kindText) : null;
    if (kindText && !kindRole) {
      c.error(
        'bad_value',
        `not a kind of row: "${kindText}" (use income, refund, expense or transfer)`,
        col('kind'),
      );
    }
    if (signed === null || fee === null || !ts || c.errors) return;
    if (signed === 0) return emit.skip(c.line, 'zero_amount');

    let role: Role | 'skip';
    if (kindRole) role = kindRole;
    else if (signed > 0) role = map.positive;
    else role = map.negative;
    if (role === 'skip') return emit.skip(c.line, 'excluded_by_map');
    if (role === 'transfer') return emit.skip(c.line, 'transfer');

    const date =
      ts.offsetMinutes === null
        ? ts.date
        : dateAtOffset(ts, ts.offsetMinutes, ctx.options.timezone);
    const mappedId = c.text(col('id'));
    let externalId = mappedId || ctx.contentId(row.cells);
    if (mappedId) {
      const n = (seenIds.get(mappedId) ?? 0) + 1;
      seenIds.set(mappedId, n);
      if (n > 1) externalId = `${mappedId}#${n}`;
    }
    const attributes: Attributes = {};
    putAttribute(attributes, 'description', c.text(col('description')));
    putAttribute(attributes, 'type', c.text(col('type')));
    putAttribute(attributes, 'category', c.text(col('category')));
    const email = c.text(col('email'));
    const name = c.text(col('name'));
    const source = { file: ctx.file, line: c.line };
    const magnitude = Math.abs(signed);
    if (role === 'cost') {
      putAttribute(attributes, 'payee', name);
      putAttribute(attributes, 'payeeEmail', email);
      return emit.record({
        kind: 'cost',
        externalId,
        date,
        amount: magnitude,
        currency,
        attributes,
        source,
      });
    }
    putAttribute(attributes, 'customerName', name);
    putAttribute(attributes, 'customerEmail', email);
    emit.record({
      kind: 'payment',
      externalId,
      date,
      amount: role === 'refund' ? -magnitude : magnitude,
      currency,
      fee: Math.abs(fee),
      refundOf: role === 'refund' ? c.text(col('refundOf')) || null : null,
      customer: email || name ? { email: email || null, name: name || null } : null,
      attributes,
      source,
    });
  };
  return { row };
}

export const genericCsv: CsvFormat = {
  id: 'generic',
  label: 'CSV with a column mapping',
  /** Never claims a file: a mapping (or `--format generic`) chooses this format. */
  detect: () => 0,
  survey(header, options) {
    const map = options.map ? checkMap(options.map) : null;
    if (!map || 'problem' in map) return {};
    const find = (field: ColumnField) => {
      const name = map.columns[field];
      return name ? header.find(name) : -1;
    };
    return {
      dates: [find('date')].filter((i) => i >= 0),
      amounts: [find('amount'), find('credit'), find('debit'), find('fee')].filter((i) => i >= 0),
    };
  },
  open(ctx) {
    if (!ctx.options.map) {
      return refusingMapper(
        'bad_map',
        'the generic CSV format needs --map (e.g. --map "date=Date,amount=Amount,description=Memo")',
      );
    }
    const map = checkMap(ctx.options.map);
    if ('problem' in map) return refusingMapper('bad_map', map.problem);
    const cols = columnsOf(ctx, map);
    if ('missing' in cols) return cols;
    return optionsProblem(ctx) ?? openGeneric(ctx, map, cols);
  },
};
