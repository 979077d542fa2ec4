/**
 * Columns of Stripe's Payments export (`unified_payments.csv`, earlier the "charges"
 * export): the current default set (`Created date (UTC)`, `Taxes On Fee`) and the older
 * one (`Created (UTC)`, `Tax`, `Mode`), plus the "All columns" extras used here.
 */
import type { HeaderIndex } from '../csv.ts';

export function paymentColumns(header: HeaderIndex) {
  return {
    id: header.find('id'),
    created: header.find('Created date (UTC)', 'Created (UTC)'),
    amount: header.find('Amount'),
    amountRefunded: header.find('Amount Refunded'),
    currency: header.find('Currency'),
    captured: header.find('Captured'),
    convertedAmount: header.find('Converted Amount'),
    convertedAmountRefunded: header.find('Converted Amount Refunded'),
    convertedCurrency: header.find('Converted Currency'),
    declineReason: header.find('Decline Reason'),
    description: header.find('Description'),
    fee: header.find('Fee'),
    taxesOnFee: header.find('Taxes On Fee', 'Tax'),
    refundedDate: header.find('Refunded date (UTC)'),
    statementDescriptor: header.find('Statement Descriptor'),
    status: header.find('Status'),
    sellerMessage: header.find('Seller Message'),
    mode: header.find('Mode'),
    customerId: header.find('Customer ID'),
    customerDescription: header.find('Customer Description'),
    customerEmail: header.find('Customer Email'),
    cardName: header.find('Card Name'),
    invoiceId: header.find('Invoice ID'),
    paymentIntentId: header.find('PaymentIntent ID'),
    disputedAmount: header.find('Disputed Amount'),
    disputeStatus: header.find('Dispute Status'),
    disputeDate: header.find('Dispute Date (UTC)'),
    // Columns of the balance export: their presence means this is not a payments export.
    type: header.find('Type'),
    net: header.find('Net'),
  };
}

export type PaymentColumns = ReturnType<typeof paymentColumns>;

export type StatusVerdict = 'counted' | 'failed' | 'pending' | 'uncaptured' | 'cancelled';

const STATUS: Readonly<Record<string, StatusVerdict>> = {
  '': 'counted',
  paid: 'counted',
  succeeded: 'counted',
  refunded: 'counted',
  'partially refunded': 'counted',
  'partial refund': 'counted',
  'refund pending': 'counted',
  disputed: 'counted',
  won: 'counted',
  lost: 'counted',
  failed: 'failed',
  blocked: 'failed',
  declined: 'failed',
  pending: 'pending',
  processing: 'pending',
  incomplete: 'pending',
  'requires payment method': 'pending',
  'requires action': 'pending',
  'requires confirmation': 'pending',
  uncaptured: 'uncaptured',
  'requires capture': 'uncaptured',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  expired: 'cancelled',
};

/** Whether a charge with this `Status` moved money (null: a status we do not know). */
export function statusVerdict(status: string): StatusVerdict | null {
  // A file has a handful of spellings: each is read once, then looked up.
  let verdict = verdicts.get(status);
  if (verdict === undefined) {
    verdict = STATUS[status.trim().toLowerCase().replace(/_/g, ' ')] ?? null;
    if (verdicts.size > 1000) verdicts.clear();
    verdicts.set(status, verdict);
  }
  return verdict;
}

const verdicts = new Map<string, StatusVerdict | null>();
