/** PayPal formats: the Activity download (all its column sets) and the monthly statement. */
export { payPalActivity } from './activity.format.ts';
export { payPalStatement } from './statement.format.ts';
