/**
 * One valid, small export per format id of `formatIds()` — the material the fuzzers cut,
 * shuffle and poison — with the options an import of it takes. Our own fixtures under
 * `test/fixtures`, plus an inline PayPal statement (the real one lives outside the repo).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportOptions } from '../../src/importers/types.ts';

export interface Seed {
  format: string;
  /** A file name with the format's usual extension. */
  name: string;
  bytes: Buffer;
  /** Extra import options (the generic CSV's column mapping). */
  options: Partial<ImportOptions>;
  /** CLI arguments equivalent to `options`. */
  args: string[];
}

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

const PAYPAL_STATEMENT = [
  '"Date","Time","Time Zone","Description","Currency","Gross","Fee","Net","Balance","Transaction ID","From Email Address","Name","Bank Name","Bank Account","Shipping and Handling Amount","Sales Tax","Invoice ID","Reference Txn ID"',
  '"9/4/2018","21:15:11","America/Los_Angeles","Express Checkout Payment","USD","250.00","-7.55","242.45","242.45","TID1","harper@example.org","Harper Quinn","","","0.00","0.00","",""',
  '"9/14/2018","10:01:50","America/Los_Angeles","Payment Refund","USD","-50.00","1.45","-48.55","193.90","TID2","","Harper Quinn","","","0.00","0.00","","TID1"',
  '"9/25/2018","04:22:39","America/Los_Angeles","General Withdrawal - Bank Account","USD","-193.90","0.00","-193.90","0.00","TID3","","","Bank B","9169","0.00","0.00","",""',
  '"9/27/2018","21:33:27","America/Los_Angeles","PreApproved Payment Bill User Payment","USD","-15.99","0.00","-15.99","-15.99","TID4","","Zoom","","","0.00","0.00","",""',
  '',
].join('\r\n');

export const GENERIC_MAP = {
  date: 'Booking Date',
  amount: 'Amount',
  description: 'Memo',
  name: 'Payee',
  id: 'Reference',
  currency: 'Currency',
};
const GENERIC_ARG = Object.entries(GENERIC_MAP)
  .map(([field, header]) => `${field}=${header}`)
  .join(',');

/** Every seed, keyed by format id. */
export const SEEDS: Record<string, Seed> = Object.fromEntries(
  (
    [
      ['toggl', 'toggl.csv', fixture('toggl/toggl_crlf_edge_cases.csv')],
      ['clockify', 'clockify.csv', fixture('clockify/clockify_dmy_24h.csv')],
      ['harvest', 'harvest.csv', fixture('harvest/harvest_latin1.csv')],
      ['stripe-payments', 'unified_payments.csv', fixture('stripe/unified_payments.csv')],
      ['stripe-balance', 'balance.csv', fixture('stripe/balance_history.csv')],
      ['paypal-activity', 'paypal.csv', fixture('paypal/history_2015.csv')],
      ['paypal-statement', 'statement.csv', Buffer.from(PAYPAL_STATEMENT)],
      ['square-transactions', 'square.csv', fixture('square/transactions.csv')],
      ['generic', 'bank.csv', fixture('generic/bank_export.csv')],
      ['ics', 'calendar.ics', fixture('ics/edge_cases.ics')],
    ] as const
  ).map(([format, name, bytes]) => [
    format,
    {
      format,
      name,
      bytes,
      options: format === 'generic' ? { map: GENERIC_MAP } : {},
      args: format === 'generic' ? ['--map', GENERIC_ARG] : [],
    },
  ]),
);
