/**
 * Stripe Balance history export (Dashboard → Balance → Export, "balance transactions"),
 * and platforms' trimmed copies of it (SimplePractice's `Transaction ID`, `Transaction
 * Type`, `Client name`). See shared/spec/formats.md §1b.
 *
 * Amounts are in the settlement currency, signed; `Fee` is positive and `Net = Amount −
 * Fee`. `charge`/`payment` rows are payments (id = the charge in `Source`, so the same
 * charge from the Payments export is the same record); refunds, failed-payment refunds
 * and dispute adjustments are negative payments (linked to a charge when `Source` or the
 * description names one); `stripe_fee` and other Stripe charges are costs; payouts,
 * transfers, top-ups and reserves are skipped as `transfer`.
 */
import { optionsProblem, putAttribute, RowCells } from '../cells.ts';
import type { CsvRow, HeaderIndex } from '../csv.ts';
import type { CsvFormat, Emit, FormatContext, RowMapper } from '../format.ts';
import { dateOfUtcTimestamp } from '../timestamps.ts';
import type { Attributes } from '../types.ts';
import { balanceClass } from './balance.types.ts';
import { CHARGE_ID, chargeIdIn, metadataColumns, metadataValue, putMetadata } from './common.ts';

function balanceColumns(header: HeaderIndex) {
  return {
    id: header.find('id', 'Transaction ID'),
    type: header.find('Type', 'Transaction Type'),
    source: header.find('Source'),
    amount: header.find('Amount'),
    fee: header.find('Fee'),
    net: header.find('Net'),
    currency: header.find('Currency'),
    created: header.find('Created (UTC)', 'Created date (UTC)'),
    availableOn: header.find('Available On (UTC)'),
    description: header.find('Description'),
    customerFacingAmount: header.find('Customer Facing Amount'),
    customerFacingCurrency: header.find('Customer Facing Currency'),
    clientName: header.find('Client name', 'Customer Name'),
    customerEmail: header.find('Customer Email'),
  };
}

type BalanceColumns = ReturnType<typeof balanceColumns>;

function detect(header: HeaderIndex): number {
  const c = balanceColumns(header);
  const needed = [c.type, c.source, c.amount, c.net, c.created];
  if (!needed.every((i) => i >= 0)) return 0;
  return c.availableOn >= 0 || c.id >= 0 ? 10 : 0;
}

function attributesOf(
  c: RowCells,
  col: BalanceColumns,
  metadata: Array<[number, string]>,
  type: string,
  currency: string,
) {
  const a: Attributes = {};
  putAttribute(a, 'description', c.text(col.description));
  putAttribute(a, 'type', type);
  putAttribute(a, 'sourceId', c.text(col.source));
  const facing = c.text(col.customerFacingCurrency).toUpperCase();
  if (facing && facing !== currency) {
    putAttribute(a, 'originalAmount', c.text(col.customerFacingAmount));
    putAttribute(a, 'originalCurrency', facing);
  }
  putMetadata(a, metadata, c.text.bind(c));
  const email =
    c.text(col.customerEmail) || metadataValue(metadata, 'Customer Email', c.text.bind(c));
  const name = c.text(col.clientName);
  putAttribute(a, 'customerEmail', email);
  putAttribute(a, 'customerName', name);
  return { attributes: a, email: email || null, name: name || null };
}

function openBalance(ctx: FormatContext): RowMapper {
  const col = balanceColumns(ctx.header);
  const metadata = metadataColumns(ctx.header);
  const warned = new Set<string>();
  const warnOnce = (c: RowCells, key: string, code: string, message: string, column: number) => {
    if (warned.has(key)) return;
    warned.add(key);
    c.warn(code, message, column);
  };

  const row = (row: CsvRow, emit: Emit) => {
    const c = new RowCells(row, ctx, emit);
    if (!c.shape()) return;
    const typeText = c.text(col.type);
    const type = typeText.toLowerCase().replace(/[\s-]+/g, '_');
    const kind = balanceClass(type);
    if (kind === 'transfer') return emit.skip(c.line, 'transfer');
    if (kind === 'unknown') {
      warnOnce(
        c,
        `type:${type}`,
        'unknown_type',
        `unknown balance type "${typeText}": its rows are skipped`,
        col.type,
      );
      return emit.skip(c.line, 'unknown_type');
    }
    const currency = c.currency(col.currency, ctx.options.currency);
    if (!currency) return;
    const gross = c.amount(col.amount, currency);
    const fee = c.optionalAmount(col.fee, currency);
    const created = c.timestamp(col.created);
    if (gross === null || fee === null || !created || c.errors) return;
    const date = dateOfUtcTimestamp(created, ctx.options.timezone);
    const sourceId = c.text(col.source);
    const txnId = c.text(col.id) || ctx.contentId(row.cells);
    const source = { file: ctx.file, line: c.line };
    const { attributes, email, name } = attributesOf(c, col, metadata, type, currency);
    const net = gross - fee;

    if (kind === 'fee' && !(type.startsWith('application_fee') && net > 0)) {
      if (net < 0) {
        return emit.record({
          kind: 'cost',
          externalId: txnId,
          date,
          amount: -net,
          currency,
          attributes,
          source,
        });
      }
      if (net > 0) {
        warnOnce(
          c,
          `credit:${type}`,
          'fee_credit',
          `a credit of type "${typeText}" cannot lower a cost automatically: enter it by hand if it matters`,
          col.amount,
        );
        return emit.skip(c.line, 'fee_credit');
      }
      return emit.skip(c.line, 'zero_amount');
    }
    if (gross === 0 && fee === 0) return emit.skip(c.line, 'zero_amount');
    // A negative fee is a fee Stripe returned: it lowers what the row cost, so it is folded
    // into the amount (amount = net) and the record's fee is 0.
    const amount = fee < 0 ? net : gross;
    const charged = Math.max(fee, 0);
    const income = kind === 'income' || kind === 'fee';
    const externalId = income && CHARGE_ID.test(sourceId) ? sourceId : txnId;
    const linked = CHARGE_ID.test(sourceId) ? sourceId : chargeIdIn(c.text(col.description));
    emit.record({
      kind: 'payment',
      externalId,
      date,
      amount,
      currency,
      fee: charged,
      refundOf: !income && amount < 0 ? linked : null,
      customer: email || name ? { email, name } : null,
      attributes,
      source,
    });
  };
  return { row };
}

export const stripeBalance: CsvFormat = {
  id: 'stripe-balance',
  label: 'Stripe balance history export',
  detect,
  survey(header) {
    const c = balanceColumns(header);
    return {
      dates: [c.created],
      amounts: [c.amount, c.fee, c.net].filter((i) => i >= 0),
    };
  },
  open(ctx) {
    const c = balanceColumns(ctx.header);
    const missing: string[] = [];
    if (c.type < 0) missing.push('Type');
    if (c.amount < 0) missing.push('Amount');
    if (c.created < 0) missing.push('Created (UTC)');
    if (missing.length) return { missing };
    return optionsProblem(ctx) ?? openBalance(ctx);
  },
};
