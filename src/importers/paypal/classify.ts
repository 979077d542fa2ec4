/**
 * What a PayPal row is, from its transaction type (`Type` in the Activity download,
 * `Description` in the statement) and its status. Only money that moved counts, once:
 * conversions, withdrawals, holds and releases, bank deposits are transfers between the
 * user's own balances; authorisations never moved money; a refund reverses a payment.
 */

export type TypeClass = 'transfer' | 'authorization' | 'fee' | 'refund' | 'money';

const TRANSFER =
  /conversion|conversi[oó]n|umrechnung|withdraw|retiro|retirada|abbuchung|auszahlung|abhebung|retrait|\bhold\b|retenci[oó]n|einbehalt|release|liberaci[oó]n|freigabe|bank deposit|deposit to pp|add funds|credit card deposit|dep[oó]sito|einzahlung|transfer to bank|transferencia al banco|banküberweisung|\breserve\b|\breserva\b|payout|sweep/;
const AUTHORIZATION =
  /authori[sz]ation|autorizaci[oó]n|autorisierung|autorisation|^order$|^pedido$|^bestellung$/;
const FEE = /\bfee\b|gebühr|comisi[oó]n|tarifa|frais/;
const REFUND =
  /refund|reembolso|devoluci[oó]n|rückzahlung|erstattung|chargeback|contracargo|reversal|rückbuchung|remboursement|storno/;
/** A positive row of the refund class that gives money back to the user (not income). */
export const REFUND_WORD = /refund|reembolso|devoluci[oó]n|rückzahlung|erstattung|remboursement/;

/**
 * Classifies a transaction type. Holds are checked before refunds so that `Reversal of
 * General Account Hold` is a transfer; fees before refunds so that `Chargeback Fee` is a
 * cost, not a refund.
 * @example classifyType('General Currency Conversion') // 'transfer'
 * @example classifyType('Payment Refund') // 'refund'
 */
export function classifyType(type: string): TypeClass {
  const t = type.trim().toLowerCase();
  if (TRANSFER.test(t)) return 'transfer';
  if (AUTHORIZATION.test(t)) return 'authorization';
  if (FEE.test(t)) return 'fee';
  if (REFUND.test(t)) return 'refund';
  return 'money';
}

export type StatusClass = 'counted' | 'pending' | 'denied' | 'failed' | 'cancelled' | 'unknown';

const STATUS: Readonly<Record<string, StatusClass>> = {
  '': 'counted',
  completed: 'counted',
  complete: 'counted',
  completado: 'counted',
  completada: 'counted',
  abgeschlossen: 'counted',
  terminé: 'counted',
  cleared: 'counted',
  refunded: 'counted',
  'partially refunded': 'counted',
  reembolsado: 'counted',
  'reembolsado parcialmente': 'counted',
  erstattet: 'counted',
  rückerstattet: 'counted',
  'teilweise erstattet': 'counted',
  remboursé: 'counted',
  reversed: 'counted',
  revertido: 'counted',
  paid: 'counted',
  pending: 'pending',
  pendiente: 'pending',
  ausstehend: 'pending',
  offen: 'pending',
  'en attente': 'pending',
  uncleared: 'pending',
  held: 'pending',
  placed: 'pending',
  'in progress': 'pending',
  processing: 'pending',
  denied: 'denied',
  denegado: 'denied',
  denegada: 'denied',
  rechazado: 'denied',
  abgelehnt: 'denied',
  refusé: 'denied',
  failed: 'failed',
  fallido: 'failed',
  fehlgeschlagen: 'failed',
  échoué: 'failed',
  canceled: 'cancelled',
  cancelled: 'cancelled',
  cancelado: 'cancelled',
  storniert: 'cancelled',
  annulé: 'cancelled',
  voided: 'cancelled',
  expired: 'cancelled',
  unclaimed: 'cancelled',
  returned: 'cancelled',
  removed: 'cancelled',
};

/**
 * Whether a row with this status moved money. `Refunded`/`Reversed` payments did (their
 * refund or reversal is a row of its own); pending, denied, failed, cancelled ones did not.
 */
export function classifyStatus(status: string): StatusClass {
  return STATUS[status.trim().toLowerCase()] ?? 'unknown';
}
