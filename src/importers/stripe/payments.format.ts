/**
 * Stripe Payments export (Dashboard → Payments → Export, `unified_payments.csv`), old and
 * new column sets. See shared/spec/formats.md §1a.
 *
 * One row is one charge. Counted: a charge that succeeded, at its settlement value
 * (`Converted Amount`/`Converted Currency` when Stripe converted it; the `Fee`, plus
 * `Taxes On Fee`, is already in that currency). `Amount Refunded` > 0 adds a refund
 * record `<id>:refund` (negative, dated `Refunded date (UTC)` or else the charge's date,
 * fee 0: Stripe keeps its fee); a lost dispute adds `<id>:dispute`. Skipped: test mode,
 * failed, pending, uncaptured and cancelled charges. `Created (UTC)` is UTC: the date is
 * the one in the practice's zone.
 */
import { optionsProblem, putAttribute, RowCells } from '../cells.ts';
import type { HeaderIndex } from '../csv.ts';
import type { CsvFormat, Emit, FormatContext, RowMapper } from '../format.ts';
import { dateOfUtcTimestamp } from '../timestamps.ts';
import type { Attributes, ImportedPayment } from '../types.ts';
import { metadataColumns, metadataValue, proportional, putMetadata } from './common.ts';
import { type PaymentColumns, paymentColumns, statusVerdict } from './payments.columns.ts';

function detect(header: HeaderIndex): number {
  const c = paymentColumns(header);
  if (c.id < 0 || c.created < 0 || c.amount < 0 || c.currency < 0) return 0;
  if (c.type >= 0 || c.net >= 0) return 0;
  const specific = [c.amountRefunded, c.captured, c.convertedAmount, c.sellerMessage];
  return specific.some((i) => i >= 0) ? 10 : 0;
}

interface Settled {
  currency: string;
  amount: number;
  refunded: number;
  fee: number;
  /** Converts an amount of the charge currency into the settlement currency. */
  settle: (chargeAmount: number) => number;
  original: { amount: string; currency: string } | null;
}

function settledMoney(c: RowCells, col: PaymentColumns, fallback: string): Settled | null {
  const chargeCurrency = c.currency(col.currency, fallback);
  if (!chargeCurrency) return null;
  const amount = c.amount(col.amount, chargeCurrency);
  const refunded = c.optionalAmount(col.amountRefunded, chargeCurrency);
  if (amount === null || refunded === null) return null;
  if (refunded > amount) {
    c.error(
      'bad_amount',
      `Amount Refunded (${c.text(col.amountRefunded)}) is more than Amount (${c.text(col.amount)})`,
      col.amountRefunded,
    );
    return null;
  }
  const convertedText = c.text(col.convertedAmount);
  const convertedCurrency = c.text(col.convertedCurrency)
    ? c.currency(col.convertedCurrency, chargeCurrency)
    : chargeCurrency;
  if (!convertedCurrency) return null;
  const converting = convertedText !== '' && convertedCurrency !== chargeCurrency;
  const currency = converting ? convertedCurrency : chargeCurrency;
  let settle = (x: number) => x;
  let settledAmount = amount;
  let settledRefunded = refunded;
  if (converting) {
    const converted = c.amount(col.convertedAmount, currency);
    if (converted === null) return null;
    settle = (x) => proportional(x, amount, converted);
    settledAmount = converted;
    const refundedText = c.text(col.convertedAmountRefunded);
    const convertedRefunded = refundedText
      ? c.optionalAmount(col.convertedAmountRefunded, currency)
      : settle(refunded);
    if (convertedRefunded === null) return null;
    settledRefunded = convertedRefunded;
  }
  const fee = c.optionalAmount(col.fee, currency);
  const tax = c.optionalAmount(col.taxesOnFee, currency);
  if (fee === null || tax === null) return null;
  return {
    currency,
    amount: settledAmount,
    refunded: settledRefunded,
    fee: Math.abs(fee) + Math.abs(tax),
    settle,
    original: converting ? { amount: c.text(col.amount), currency: chargeCurrency } : null,
  };
}

function openPayments(ctx: FormatContext): RowMapper {
  const col = paymentColumns(ctx.header);
  const metadata = metadataColumns(ctx.header);
  const zone = ctx.options.timezone;
  const warned = new Set<string>();

  const row: RowMapper['row'] = (row, emit: Emit) => {
    const c = new RowCells(row, ctx, emit);
    const text = (col: number) => c.text(col);
    if (!c.shape()) return;
    if (c.text(col.mode).toLowerCase() === 'test') return emit.skip(c.line, 'test_mode');
    const statusText = c.text(col.status);
    const verdict = statusVerdict(statusText);
    if (verdict === null) {
      if (!warned.has(statusText)) {
        warned.add(statusText);
        c.warn(
          'unknown_status',
          `unknown status "${statusText}": its rows are skipped`,
          col.status,
        );
      }
      return emit.skip(c.line, 'unknown_status');
    }
    if (verdict !== 'counted') return emit.skip(c.line, verdict);
    if (c.text(col.captured).toLowerCase() === 'false') return emit.skip(c.line, 'uncaptured');

    const money = settledMoney(c, col, ctx.options.currency);
    const created = c.timestamp(col.created);
    const refundedAt = c.text(col.refundedDate) ? c.timestamp(col.refundedDate) : created;
    if (!money || !created || !refundedAt || c.errors) return;
    const date = dateOfUtcTimestamp(created, zone);
    const id = c.text(col.id) || ctx.contentId(row.cells);
    const source = { file: ctx.file, line: c.line };

    const attributes: Attributes = {};
    const email = c.text(col.customerEmail) || metadataValue(metadata, 'Customer Email', text);
    const name = c.text(col.customerDescription) || c.text(col.cardName);
    putAttribute(attributes, 'description', c.text(col.description));
    putAttribute(attributes, 'type', 'charge');
    putAttribute(attributes, 'status', statusText);
    putAttribute(attributes, 'customerEmail', email);
    putAttribute(attributes, 'customerName', name);
    putAttribute(attributes, 'customerId', c.text(col.customerId));
    putAttribute(attributes, 'invoice', c.text(col.invoiceId));
    putAttribute(attributes, 'statementDescriptor', c.text(col.statementDescriptor));
    putAttribute(attributes, 'paymentIntent', c.text(col.paymentIntentId));
    if (money.original) {
      putAttribute(attributes, 'originalAmount', money.original.amount);
      putAttribute(attributes, 'originalCurrency', money.original.currency);
    }
    if (metadata.length > 0) putMetadata(attributes, metadata, text);
    const customer = email || name ? { email: email || null, name: name || null } : null;
    // Literal objects, not spreads of a shared base: a spread copies through V8's slow
    // path, and this runs once per row (same keys, same order as before).
    const payment: ImportedPayment = {
      kind: 'payment',
      currency: money.currency,
      customer,
      source,
      externalId: id,
      date,
      amount: money.amount,
      fee: money.fee,
      refundOf: null,
      attributes,
    };
    emit.record(payment);
    if (money.refunded > 0) {
      emit.record({
        kind: 'payment',
        currency: money.currency,
        customer,
        source,
        externalId: `${id}:refund`,
        date: dateOfUtcTimestamp(refundedAt, zone),
        amount: -money.refunded,
        fee: 0,
        refundOf: id,
        attributes: { ...attributes, type: 'refund' },
      });
    }
    lostDispute(c, col, ctx, money, payment, emit);
  };
  return { row };
}

/** A lost dispute took the disputed amount back: a negative record like a refund. */
function lostDispute(
  c: RowCells,
  col: PaymentColumns,
  ctx: FormatContext,
  money: Settled,
  payment: ImportedPayment,
  emit: Emit,
): void {
  if (c.text(col.disputeStatus).toLowerCase() !== 'lost') return;
  const currency = money.original?.currency ?? money.currency;
  const disputed = c.optionalAmount(col.disputedAmount, currency);
  const at = c.text(col.disputeDate) ? c.timestamp(col.disputeDate) : null;
  if (disputed === null || disputed <= 0 || c.errors) return;
  emit.record({
    ...payment,
    externalId: `${payment.externalId}:dispute`,
    date: at ? dateOfUtcTimestamp(at, ctx.options.timezone) : payment.date,
    amount: -money.settle(disputed),
    fee: 0,
    refundOf: payment.externalId,
    attributes: { ...payment.attributes, type: 'dispute' },
  });
}

export const stripePayments: CsvFormat = {
  id: 'stripe-payments',
  label: 'Stripe payments export',
  detect,
  survey(header) {
    const c = paymentColumns(header);
    return {
      dates: [c.created, c.refundedDate].filter((i) => i >= 0),
      amounts: [c.amount, c.amountRefunded, c.convertedAmount, c.fee].filter((i) => i >= 0),
    };
  },
  open(ctx) {
    const c = paymentColumns(ctx.header);
    const missing: string[] = [];
    if (c.created < 0) missing.push('Created date (UTC)');
    if (c.amount < 0) missing.push('Amount');
    if (c.currency < 0) missing.push('Currency');
    if (missing.length) return { missing };
    return optionsProblem(ctx) ?? openPayments(ctx);
  },
};
