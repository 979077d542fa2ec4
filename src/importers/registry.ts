/**
 * Every CSV format Fulcrum reads, in detection order (ties go to the earlier entry).
 * Add a format here when you add its folder.
 */
import { clockifyFormat } from './clockify/clockify.format.ts';
import type { CsvFormat } from './format.ts';
import { genericCsv } from './generic-csv/index.ts';
import { harvestFormat } from './harvest/harvest.format.ts';
import { payPalActivity, payPalStatement } from './paypal/index.ts';
import { squareTransactions } from './square/index.ts';
import { stripeBalance, stripePayments } from './stripe/index.ts';
import { togglFormat } from './toggl/toggl.format.ts';

export const CSV_FORMATS: CsvFormat[] = [
  // time trackers (Toggl, Clockify, Harvest)
  togglFormat,
  clockifyFormat,
  harvestFormat,
  // payments (Stripe, PayPal, Square); generic is never detected, only chosen by --map
  stripePayments,
  stripeBalance,
  payPalActivity,
  payPalStatement,
  squareTransactions,
  genericCsv,
];
