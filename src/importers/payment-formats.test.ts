/**
 * Detection across the payment formats: each file is claimed by its own format only,
 * the generic CSV format claims nothing (a mapping chooses it), and the time trackers'
 * real exports are not mistaken for payments.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../test/shared-fixtures.ts';
import { FIELD_PATTERN } from '../domain/rules/check.ts';
import { HeaderIndex, readCsv } from './csv.ts';
import { chooseFormat, detectFormat } from './detect.ts';
import { importPaymentBytes, localFixture } from './payment-fixtures.testing.ts';
import { CSV_FORMATS } from './registry.ts';

const PAYMENT_FORMATS = [
  'stripe-payments',
  'stripe-balance',
  'paypal-activity',
  'paypal-statement',
  'square-transactions',
  'generic',
];

async function header(bytes: Buffer): Promise<HeaderIndex> {
  for await (const row of readCsv([new Uint8Array(bytes)])) return new HeaderIndex(row.cells);
  throw new Error('empty');
}

/** The payment formats that give this header a score above 0. */
async function claims(bytes: Buffer): Promise<string[]> {
  const h = await header(bytes);
  return CSV_FORMATS.filter((f) => PAYMENT_FORMATS.includes(f.id) && f.detect(h) > 0).map(
    (f) => f.id,
  );
}

describe('payment format detection', () => {
  it.each([
    ['stripe/unified_payments.csv', 'stripe-payments'],
    ['stripe/charges_2019_excel.csv', 'stripe-payments'],
    ['stripe/balance_history.csv', 'stripe-balance'],
    ['square/transactions.csv', 'square-transactions'],
    ['paypal/activity_2023_utf16le.csv', 'paypal-activity'],
    ['paypal/aktivitaet_de_cp1252.csv', 'paypal-activity'],
    ['paypal/history_2015.csv', 'paypal-activity'],
    ['paypal/personal_2016.csv', 'paypal-activity'],
  ])('%s is claimed by %s alone', async (file, id) => {
    const bytes = localFixture(file);
    expect(await claims(bytes)).toEqual([id]);
    expect(await detectFormat(() => [new Uint8Array(bytes)])).toBe(id);
  });

  it.each([
    ['paypal/oca_activity_en.csv', 'paypal-activity'],
    ['paypal/oca_statement_en.csv', 'paypal-statement'],
    ['paypal/oca_statement_es.csv', 'paypal-statement'],
  ])('the real %s is claimed by %s alone', async (file, id) => {
    expect(await claims(sharedFixture(file))).toEqual([id]);
  });

  it.each([
    'toggl/solidtime_toggl_time_entries_import_test_1.csv',
    'clockify/solidtime_clockify_time_entries_import_test_2.csv',
    'harvest/solidtime_harvest_time_entries_import_test_1.csv',
  ])('no payment format claims the time export %s', async (file) => {
    expect(await claims(sharedFixture(file))).toEqual([]);
  });

  it('does not take Square’s item details export for transactions', async () => {
    const items = Buffer.from(
      'Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location\n',
    );
    expect(await claims(items)).toEqual([]);
  });

  it('chooses generic whenever a mapping is given and no format is forced', async () => {
    const open = () => [new Uint8Array(localFixture('stripe/unified_payments.csv'))];
    const base = { timezone: 'UTC', currency: 'USD' };
    expect(await chooseFormat(open, base)).toBe('stripe-payments');
    expect(await chooseFormat(open, { ...base, map: { date: 'Created date (UTC)' } })).toBe(
      'generic',
    );
    expect(
      await chooseFormat(open, { ...base, map: { date: 'x' }, format: 'stripe-balance' }),
    ).toBe('stripe-balance');
  });

  it('names every attribute so that a rule can use it', async () => {
    const files = [
      'stripe/unified_payments.csv',
      'stripe/charges_2019_excel.csv',
      'stripe/balance_history.csv',
      'square/transactions.csv',
      'paypal/activity_2023_utf16le.csv',
      'paypal/aktivitaet_de_cp1252.csv',
      'paypal/history_2015.csv',
    ];
    for (const file of files) {
      const result = await importPaymentBytes(file, localFixture(file));
      const names = new Set(result.records.flatMap((r) => Object.keys(r.attributes)));
      expect([...names].filter((n) => !FIELD_PATTERN.test(n))).toEqual([]);
    }
  });
});
