/** Stripe formats: the Payments export and the Balance history export. */
export { stripeBalance } from './balance.format.ts';
export { stripePayments } from './payments.format.ts';
