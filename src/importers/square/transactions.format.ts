/**
 * Square Transactions CSV (Dashboard → Transactions → Export → Transactions CSV), the
 * 2022 column set and the longer later one. See shared/spec/formats.md §3.
 *
 * One row is one event. `Event Type` Payment → a payment of `Total Collected` (what the
 * client paid, tax and tip included) with fee = −`Fees`; Refund → a negative payment
 * `<Payment ID>:refund` linked to its payment by Payment ID (else Transaction ID). Money
 * cells carry a currency symbol (`$22.50`, `-$0.95`) and the file has no currency column:
 * the practice's currency is used unless the symbol says otherwise (`€`, `£`, `¥`…).
 * `Time Zone` is a Rails zone name; the date is the one in the practice's zone.
 */
import type { IsoDate } from '../../domain/dates.ts';
import { optionsProblem, putAttribute, RowCells } from '../cells.ts';
import type { CsvRow, HeaderIndex } from '../csv.ts';
import type { CsvFormat, Emit, FormatContext, RowMapper } from '../format.ts';
import { dateFromZone } from '../timestamps.ts';
import type { Attributes, ImportedPayment } from '../types.ts';
import { parseClock } from '../values.ts';
import { currencyOfSymbol } from './currency.ts';
import { squareZone } from './zones.ts';

function squareColumns(header: HeaderIndex) {
  return {
    date: header.find('Date'),
    time: header.find('Time'),
    zone: header.find('Time Zone'),
    grossSales: header.find('Gross Sales'),
    netSales: header.find('Net Sales'),
    tip: header.find('Tip'),
    partialRefunds: header.find('Partial Refunds'),
    totalCollected: header.find('Total Collected'),
    source: header.find('Source'),
    fees: header.find('Fees'),
    netTotal: header.find('Net Total'),
    transactionId: header.find('Transaction ID'),
    paymentId: header.find('Payment ID'),
    cardBrand: header.find('Card Brand'),
    deviceName: header.find('Device Name'),
    staffName: header.find('Staff Name'),
    details: header.find('Details'),
    description: header.find('Description'),
    eventType: header.find('Event Type'),
    location: header.find('Location'),
    customerId: header.find('Customer ID'),
    customerName: header.find('Customer Name'),
    refundReason: header.find('Refund Reason'),
    status: header.find('Transaction Status'),
  };
}

type SquareColumns = ReturnType<typeof squareColumns>;

function detect(header: HeaderIndex): number {
  const c = squareColumns(header);
  const needed = [c.date, c.time, c.zone, c.totalCollected, c.grossSales, c.netSales];
  if (!needed.every((i) => i >= 0)) return 0;
  return c.paymentId >= 0 || c.transactionId >= 0 ? 10 : 0;
}

const STATUS: Readonly<Record<string, string>> = {
  '': 'counted',
  complete: 'counted',
  completed: 'counted',
  pending: 'pending',
  failed: 'failed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  voided: 'cancelled',
};

interface PendingRefund {
  record: ImportedPayment;
  paymentId: string;
  transactionId: string;
}

/** '' for a money cell that is zero (`$0.00`), else the cell. */
function nonZero(text: string): string {
  return /^[^\d]*0+(?:[.,]0+)?$/.test(text) ? '' : text;
}

function attributesOf(c: RowCells, col: SquareColumns): Attributes {
  const a: Attributes = {};
  putAttribute(a, 'description', c.text(col.description));
  putAttribute(a, 'type', c.text(col.eventType));
  putAttribute(a, 'status', c.text(col.status));
  putAttribute(a, 'customerName', c.text(col.customerName));
  putAttribute(a, 'customerId', c.text(col.customerId));
  putAttribute(a, 'location', c.text(col.location));
  putAttribute(a, 'channel', c.text(col.source));
  putAttribute(a, 'device', c.text(col.deviceName));
  putAttribute(a, 'staff', c.text(col.staffName));
  putAttribute(a, 'cardBrand', c.text(col.cardBrand));
  putAttribute(a, 'details', c.text(col.details));
  putAttribute(a, 'refundReason', c.text(col.refundReason));
  putAttribute(a, 'tip', nonZero(c.text(col.tip)));
  putAttribute(a, 'partialRefunds', nonZero(c.text(col.partialRefunds)));
  return a;
}

function openTransactions(ctx: FormatContext): RowMapper {
  const col = squareColumns(ctx.header);
  const warned = new Set<string>();
  const warnOnce = (c: RowCells, key: string, code: string, message: string, column: number) => {
    if (warned.has(key)) return;
    warned.add(key);
    c.warn(code, message, column);
  };
  const paymentIds = new Set<string>();
  const paymentOfTransaction = new Map<string, string>();
  const refundCounts = new Map<string, number>();
  const refunds: PendingRefund[] = [];

  const rowDate = (c: RowCells): IsoDate | null => {
    const ts = c.timestamp(col.date);
    if (!ts) return null;
    const timeText = c.text(col.time);
    const seconds = timeText ? parseClock(timeText) : ts.seconds;
    if (timeText && seconds === null) {
      c.error('bad_time', `not a time: "${timeText}"`, col.time);
      return null;
    }
    const zoneText = c.text(col.zone);
    if (seconds === null || !zoneText) return ts.date;
    const zone = squareZone(zoneText);
    if (!zone) {
      warnOnce(
        c,
        `zone:${zoneText}`,
        'unknown_time_zone',
        `unknown time zone "${zoneText}": the dates of its rows are taken as written`,
        col.zone,
      );
      return ts.date;
    }
    return dateFromZone({ ...ts, seconds }, zone, ctx.options.timezone);
  };

  const row = (row: CsvRow, emit: Emit) => {
    const c = new RowCells(row, ctx, emit);
    if (!c.shape()) return;
    const statusText = c.text(col.status);
    const status = STATUS[statusText.toLowerCase()];
    if (!status) {
      warnOnce(
        c,
        `status:${statusText}`,
        'unknown_status',
        `unknown status "${statusText}": its rows are skipped`,
        col.status,
      );
      return emit.skip(c.line, 'unknown_status');
    }
    if (status !== 'counted') return emit.skip(c.line, status);
    const eventText = c.text(col.eventType);
    const event = eventText.toLowerCase();
    if (event !== '' && event !== 'payment' && event !== 'refund') {
      warnOnce(
        c,
        `event:${event}`,
        'unknown_event_type',
        `unknown event type "${eventText}": read by the sign of Total Collected`,
        col.eventType,
      );
    }
    const totalText = c.text(col.totalCollected);
    const symbol = currencyOfSymbol(totalText, ctx.options.currency);
    if (symbol.assumed) {
      warnOnce(
        c,
        'currency',
        'currency_assumed',
        `"${totalText}" has a $ sign but the practice currency is ${ctx.options.currency}: read as USD`,
        col.totalCollected,
      );
    }
    const currency = symbol.currency;
    const total = c.amount(col.totalCollected, currency);
    const fees = c.optionalAmount(col.fees, currency);
    const date = rowDate(c);
    if (total === null || fees === null || !date || c.errors) return;
    const isRefund = event === 'refund' || (event !== 'payment' && total < 0);
    // Square lists a refund as a negative amount; a positive one in a Refund row is the
    // same money going back to the client.
    const gross = isRefund ? -Math.abs(total) : total;
    if (gross === 0) return emit.skip(c.line, 'zero_amount');
    // Fees are negative; a positive fee on a refund is a fee Square returned: it is folded
    // into the amount so that what left the account is counted, and the fee is 0.
    const fee = fees < 0 ? -fees : 0;
    const amount = fees > 0 ? gross + fees : gross;
    const paymentId = c.text(col.paymentId);
    const transactionId = c.text(col.transactionId);
    const base = paymentId || transactionId || ctx.contentId(row.cells);
    const name = c.text(col.customerName);
    const record: ImportedPayment = {
      kind: 'payment',
      externalId: base,
      date,
      amount,
      currency,
      fee,
      refundOf: null,
      customer: name ? { email: null, name } : null,
      attributes: attributesOf(c, col),
      source: { file: ctx.file, line: c.line },
    };
    if (!isRefund) {
      paymentIds.add(base);
      if (transactionId) paymentOfTransaction.set(transactionId, base);
      return emit.record(record);
    }
    const n = (refundCounts.get(base) ?? 0) + 1;
    refundCounts.set(base, n);
    record.externalId = `${base}:refund${n > 1 ? `#${n}` : ''}`;
    refunds.push({ record, paymentId, transactionId });
  };

  const finish = (emit: Emit) => {
    for (const { record, paymentId, transactionId } of refunds) {
      record.refundOf = paymentIds.has(paymentId)
        ? paymentId
        : (paymentOfTransaction.get(transactionId) ?? (paymentId || transactionId || null));
      emit.record(record);
    }
  };
  return { row, finish };
}

export const squareTransactions: CsvFormat = {
  id: 'square-transactions',
  label: 'Square transactions export',
  detect,
  survey(header) {
    const c = squareColumns(header);
    return {
      dates: [c.date],
      amounts: [c.totalCollected, c.fees, c.netTotal, c.grossSales].filter((i) => i >= 0),
    };
  },
  open(ctx) {
    const c = squareColumns(ctx.header);
    const missing: string[] = [];
    if (c.date < 0) missing.push('Date');
    if (c.totalCollected < 0) missing.push('Total Collected');
    if (c.paymentId < 0 && c.transactionId < 0) missing.push('Payment ID');
    if (missing.length) return { missing };
    return optionsProblem(ctx) ?? openTransactions(ctx);
  },
};
