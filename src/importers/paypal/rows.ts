/**
 * Maps PayPal rows (Activity download and monthly statement alike) to records:
 * money received → payment (fee = the negative `Fee`, as a positive number), money
 * sent → cost, `Payment Refund`/reversals → a negative payment linked through
 * `Reference Txn ID`; transfers, authorisations, `Memo` rows and rows that did not
 * complete are skipped with the reason. Dates: the row's wall clock in its `TimeZone`
 * becomes the date in the practice's zone.
 */
import type { IsoDate } from '../../domain/dates.ts';
import { minorDigits, toMajor } from '../../domain/money.ts';
import { putAttribute, RowCells } from '../cells.ts';
import type { CsvRow } from '../csv.ts';
import type { Emit, FormatContext, RowMapper } from '../format.ts';
import { dateAtOffset, dateFromZone } from '../timestamps.ts';
import type { Attributes } from '../types.ts';
import { parseClock } from '../values.ts';
import { classifyStatus, classifyType, REFUND_WORD } from './classify.ts';
import type { PayPalField } from './columns.ts';
import { payPalClock } from './zones.ts';

export interface PayPalLayout {
  cols: Record<PayPalField, number>;
  /** The column naming the transaction type: `Type`, or `Description` in statements. */
  typeCol: number;
}

interface Money {
  currency: string;
  gross: number;
  fee: number;
}

function majorText(minor: number, currency: string): string {
  return toMajor(minor, currency).toFixed(minorDigits(currency));
}

/** The mapper for one PayPal file. */
export function openPayPalRows(ctx: FormatContext, layout: PayPalLayout): RowMapper {
  const { cols, typeCol } = layout;
  const warned = new Set<string>();
  const warnOnce = (c: RowCells, code: string, value: string, message: string, col: number) => {
    const key = `${code}\u0000${value}`;
    if (warned.has(key)) return;
    warned.add(key);
    c.warn(code, message, col);
  };

  const rowDate = (c: RowCells): IsoDate | null => {
    const ts = c.timestamp(cols.date);
    if (!ts) return null;
    const timeText = c.text(cols.time);
    let seconds = ts.seconds;
    if (timeText && seconds === null) {
      seconds = parseClock(timeText);
      if (seconds === null) {
        c.error('bad_time', `not a time: "${timeText}"`, cols.time);
        return null;
      }
    }
    const zoneText = c.text(cols.zone);
    if (seconds === null || !zoneText) return ts.date;
    const clock = payPalClock(zoneText);
    const at = { ...ts, seconds };
    if (!clock) {
      warnOnce(
        c,
        'unknown_time_zone',
        zoneText,
        `unknown time zone "${zoneText}": the dates of its rows are taken as written`,
        cols.zone,
      );
      return ts.date;
    }
    const zone = ctx.options.timezone;
    return 'zone' in clock
      ? dateFromZone(at, clock.zone, zone)
      : dateAtOffset(at, clock.offsetMinutes, zone);
  };

  const money = (c: RowCells): Money | null => {
    const currency = c.currency(cols.currency, ctx.options.currency);
    if (!currency) return null;
    const gross =
      cols.gross >= 0 ? c.amount(cols.gross, currency) : c.amount(cols.amount, currency);
    const fee = c.optionalAmount(cols.fee, currency);
    return gross === null || fee === null ? null : { currency, gross, fee };
  };

  const attributesOf = (c: RowCells, type: string): Attributes => {
    const a: Attributes = {};
    const subject = c.text(cols.subject);
    const note = c.text(cols.note);
    const item = c.text(cols.itemTitle);
    putAttribute(a, 'description', subject || note || item || type);
    putAttribute(a, 'type', type);
    putAttribute(a, 'status', c.text(cols.status));
    putAttribute(a, 'invoice', c.text(cols.invoice));
    putAttribute(a, 'product', item);
    putAttribute(a, 'subject', subject);
    putAttribute(a, 'note', note);
    putAttribute(a, 'reference', c.text(cols.referenceTxnId));
    return a;
  };

  const row = (row: CsvRow, emit: Emit) => {
    const c = new RowCells(row, ctx, emit);
    if (!c.shape()) return;
    const type = c.text(typeCol);
    const kind = classifyType(type);
    if (kind === 'transfer' || kind === 'authorization') return emit.skip(c.line, kind);
    const statusText = c.text(cols.status);
    const status = classifyStatus(statusText);
    if (status === 'unknown') {
      warnOnce(
        c,
        'unknown_status',
        statusText,
        `unknown status "${statusText}": its rows are skipped`,
        cols.status,
      );
      return emit.skip(c.line, 'unknown_status');
    }
    if (status !== 'counted') return emit.skip(c.line, status);
    // `Memo` rows (authorisations, holds) never moved money.
    if (c.text(cols.balanceImpact).toLowerCase() === 'memo') return emit.skip(c.line, 'memo');

    const m = money(c);
    const date = rowDate(c);
    if (!m || !date || c.errors) return;
    const externalId = c.text(cols.transactionId) || ctx.contentId(row.cells);
    const source = { file: ctx.file, line: c.line };
    const attributes = attributesOf(c, type);
    const name = c.text(cols.name) || null;

    if (m.gross === 0) return emit.skip(c.line, 'zero_amount');
    const refundLike = kind === 'refund';
    if (m.gross < 0 && !refundLike) {
      // Money sent: a purchase. Its fee (rare) is part of what it cost.
      putAttribute(attributes, 'payee', name ?? '');
      putAttribute(attributes, 'payeeEmail', c.text(cols.toEmail));
      const amount = -(m.gross + m.fee);
      if (amount <= 0) return emit.skip(c.line, 'zero_amount');
      return emit.record({
        kind: 'cost',
        externalId,
        date,
        amount,
        currency: m.currency,
        attributes,
        source,
      });
    }
    if (m.gross > 0 && refundLike && REFUND_WORD.test(type.toLowerCase())) {
      c.warn(
        'refund_received',
        `a refund paid to you (${type}) cannot lower a cost automatically: enter it by hand if it matters`,
        typeCol,
      );
      return emit.skip(c.line, 'refund_received');
    }
    // PayPal writes the fee it took as a negative number; a positive fee is a fee returned
    // (on a refund), which lowers what left the account: it is folded into the amount.
    const fee = m.fee < 0 ? -m.fee : 0;
    const amount = m.fee > 0 ? m.gross + m.fee : m.gross;
    if (m.fee > 0) putAttribute(attributes, 'feeReturned', majorText(m.fee, m.currency));
    const refund = m.gross < 0;
    const email = (refund ? c.text(cols.toEmail) : c.text(cols.fromEmail)) || null;
    putAttribute(attributes, 'customerName', name ?? '');
    putAttribute(attributes, 'customerEmail', email ?? '');
    emit.record({
      kind: 'payment',
      externalId,
      date,
      amount,
      currency: m.currency,
      fee,
      refundOf: refund ? c.text(cols.referenceTxnId) || null : null,
      customer: email || name ? { email, name } : null,
      attributes,
      source,
    });
  };
  return { row };
}
