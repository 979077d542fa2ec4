/**
 * Stripe balance transaction types and what each is to a practice: income, a reversal of
 * income (refunds, failed-payment refunds, disputes), a fee Stripe charged (a cost), or a
 * move between the user's own balances and bank (a transfer, never income or cost).
 */

export type BalanceClass = 'income' | 'reversal' | 'fee' | 'transfer' | 'unknown';

const CLASSES: Record<Exclude<BalanceClass, 'unknown'>, string[]> = {
  income: ['charge', 'payment'],
  reversal: [
    'refund',
    'payment_refund',
    'payment_failure_refund',
    'payment_reversal',
    'refund_failure',
    'adjustment',
    'dispute',
    'dispute_reversal',
    'partial_capture_reversal',
  ],
  fee: [
    'stripe_fee',
    'tax_fee',
    'network_cost',
    'stripe_fx_fee',
    'climate_order_purchase',
    'contribution',
    'application_fee',
    'application_fee_refund',
    'fee',
  ],
  transfer: [
    'payout',
    'payout_cancel',
    'payout_failure',
    'payout_reversal',
    'payout_minimum_balance_hold',
    'payout_minimum_balance_release',
    'transfer',
    'transfer_cancel',
    'transfer_failure',
    'transfer_refund',
    'topup',
    'topup_reversal',
    'reserve_transaction',
    'reserved_funds',
    'connect_reserved_funds',
    'connect_collection_transfer',
    'advance',
    'advance_funding',
    'anticipation_repayment',
    'obligation_outbound',
    'obligation_reversal_inbound',
    'currency_conversion',
  ],
};

const BY_TYPE = new Map<string, BalanceClass>();
for (const [kind, types] of Object.entries(CLASSES)) {
  for (const type of types) BY_TYPE.set(type, kind as BalanceClass);
}

/**
 * The class of a balance `Type` (lower-case, `_` between words).
 * @example balanceClass('stripe_fee') // 'fee'
 */
export function balanceClass(type: string): BalanceClass {
  return BY_TYPE.get(type) ?? 'unknown';
}
