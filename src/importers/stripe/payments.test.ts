/**
 * Stripe Payments export on our anonymised fixtures (test/fixtures/stripe, built from the
 * headers in shared/spec/formats.md §1a) and on small inline files for broken input.
 */
import { describe, expect, it } from 'vitest';
import {
  importPaymentBytes,
  issueLines,
  localFixture,
  paymentLines,
  payments,
  skipLines,
} from '../payment-fixtures.testing.ts';

const HEADER =
  'id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Description,Fee,Refunded date (UTC),Status,Customer Email';

function csv(...rows: string[]): Buffer {
  return Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`);
}

describe('Stripe payments export (current column set)', () => {
  it('counts paid charges at their settlement value, adds refunds, skips failed and uncaptured', async () => {
    const bytes = localFixture('stripe/unified_payments.csv');
    const sut = await importPaymentBytes('payments.csv', bytes);
    // Streaming in 7-byte chunks gives the same result (CRLF, a quoted newline, UTF-8 "–").
    expect(await importPaymentBytes('payments.csv', bytes, {}, 7)).toEqual(sut);
    expect(sut.format).toBe('stripe-payments');
    expect(sut.issues).toEqual([]);
    // Checked by hand against the file, practice zone America/New_York (EDT, UTC−4):
    // L2 450.00 usd fee 13.35, created 2023-09-29 01:12:40 UTC = 09-28 21:12 in New York.
    // L3 1200.00, fee 35.10, partial refund 300.00 on 2023-09-25 18:02 UTC (14:02 NY).
    // L4 150.00 fully refunded; refund 2023-09-16 03:10 UTC = 09-15 23:10 NY.
    // L5 Failed, L6 Uncaptured (Captured=false): skipped.
    // L7 (two lines: the description holds a newline) 400.00 eur converted to 431.68 usd,
    //    fee 19.29 (already usd). L9 200.00 gbp → 253.94 usd, fee 11.47; refund 50.00 gbp =
    //    63.49 usd (Converted Amount Refunded), 2023-09-01 10:00 UTC. L10 py_ 75.00, fee 0.60.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L2 ch_3NvRb8LkdIwHu7ix1gH5ZqTm 2023-09-28 45000 USD fee=1335",
        "L3 ch_3NsUa1LkdIwHu7ix0pQr8VbN 2023-09-21 120000 USD fee=3510",
        "L3 ch_3NsUa1LkdIwHu7ix0pQr8VbN:refund 2023-09-25 -30000 USD fee=0 refundOf=ch_3NsUa1LkdIwHu7ix0pQr8VbN",
        "L4 ch_3NpGq4LkdIwHu7ix1Tz6WcYe 2023-09-14 15000 USD fee=465",
        "L4 ch_3NpGq4LkdIwHu7ix1Tz6WcYe:refund 2023-09-15 -15000 USD fee=0 refundOf=ch_3NpGq4LkdIwHu7ix1Tz6WcYe",
        "L7 ch_3NlWz3LkdIwHu7ix0Rt5YuIo 2023-09-02 43168 USD fee=1929",
        "L9 ch_3NkQa9LkdIwHu7ix1Lp0OkIj 2023-08-30 25394 USD fee=1147",
        "L9 ch_3NkQa9LkdIwHu7ix1Lp0OkIj:refund 2023-09-01 -6349 USD fee=0 refundOf=ch_3NkQa9LkdIwHu7ix1Lp0OkIj",
        "L10 py_3NjTr5LkdIwHu7ix0Cv4BnMq 2023-08-28 7500 USD fee=60",
      ]
    `);
    expect(skipLines(sut)).toEqual(['L5 failed', 'L6 uncaptured']);
    expect(sut).toMatchSnapshot();
  });

  it('keeps the charge currency, the customer and the description for the rules', async () => {
    const sut = await importPaymentBytes('p.csv', localFixture('stripe/unified_payments.csv'));
    const workshop = payments(sut).find((p) => p.externalId === 'ch_3NlWz3LkdIwHu7ix0Rt5YuIo');
    expect(workshop).toMatchObject({
      amount: 43168,
      currency: 'USD',
      fee: 1929,
      customer: { email: 'amelie.laurent@example.org', name: 'Amélie Laurent' },
      attributes: {
        description: 'Workshop seat\nLyon, 14 October, "Pricing with confidence"',
        originalAmount: '400.00',
        originalCurrency: 'EUR',
        customerId: 'cus_OYq4rE5tY6uI7o',
      },
    });
    // Every fee is positive minor units; refunds are negative and point at their charge.
    for (const p of payments(sut)) expect(p.fee).toBeGreaterThanOrEqual(0);
    for (const r of payments(sut).filter((p) => p.amount < 0)) {
      expect(r.refundOf).toBe(r.externalId.replace(/:refund$/, ''));
    }
  });

  it('gives the same external ids when the same file is read again', async () => {
    const bytes = localFixture('stripe/unified_payments.csv');
    const ids = async () =>
      (await importPaymentBytes('p.csv', bytes)).records.map((r) => r.externalId);
    expect(await ids()).toEqual(await ids());
  });

  it('places a UTC time near midnight on the practice-zone date', async () => {
    const file = csv('ch_1,2024-03-01 03:30,10.00,0.00,usd,true,,,,,0.59,,Paid,');
    const ny = await importPaymentBytes('p.csv', file, { timezone: 'America/New_York' });
    const berlin = await importPaymentBytes('p.csv', file, { timezone: 'Europe/Berlin' });
    expect(ny.records[0]?.date).toBe('2024-02-29');
    expect(berlin.records[0]?.date).toBe('2024-03-01');
  });
});

describe('Stripe payments export (older column set, re-saved by Excel)', () => {
  it('reads M/D/YYYY H:MM, skips test mode and Captured=false, adds a lost dispute', async () => {
    const sut = await importPaymentBytes('old.csv', localFixture('stripe/charges_2019_excel.csv'));
    // By hand: dates 9/24/2019, 9/18, 9/4, 9/2 → month-first (24 > 12). L2 9/24 3:41 UTC =
    // 9/23 23:41 New York; 600.00, fee 17.70; its email comes from the metadata column.
    // L3 Mode=Test, L4 Status Paid but Captured=false. L5 180.00 (Amex), dispute lost on
    // 9/20/2019 8:15 UTC → −180.00 with the charge as refundOf.
    expect(sut.issues).toEqual([]);
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L2 ch_1FMhT2LkdIwHu7ixGk3nX8Qp 2019-09-23 60000 USD fee=1770",
        "L5 ch_1FHqW4LkdIwHu7ixMm7Nn6Bb 2019-09-02 18000 USD fee=552",
        "L5 ch_1FHqW4LkdIwHu7ixMm7Nn6Bb:dispute 2019-09-20 -18000 USD fee=0 refundOf=ch_1FHqW4LkdIwHu7ixMm7Nn6Bb",
      ]
    `);
    expect(skipLines(sut)).toEqual(['L3 test_mode', 'L4 uncaptured']);
    expect(payments(sut)[0]).toMatchObject({
      customer: { email: 'morgan.hale@example.org', name: 'Morgan Hale' },
      attributes: { metadata_booking_id: 'BK-2019-0412' },
    });
    expect(sut).toMatchSnapshot();
  });

  it('asks for --date-format when every date could be either order', async () => {
    const file = Buffer.from(
      'id,Created (UTC),Amount,Amount Refunded,Currency,Fee,Mode,Status,Captured\n' +
        'ch_a,3/4/2019 10:00,50.00,0.00,usd,1.75,Live,Paid,true\n' +
        'ch_b,4/3/2019 10:00,50.00,0.00,usd,1.75,Live,Paid,true\n',
    );
    const sut = await importPaymentBytes('p.csv', file);
    expect(issueLines(sut)).toEqual([
      'error p.csv:1 date_format: cannot tell whether dates are day-first or month-first (no day above 12): pass --date-format DD/MM/YYYY or MM/DD/YYYY',
    ]);
    expect(sut.records).toEqual([]);
    const told = await importPaymentBytes('p.csv', file, { dateFormat: 'DD/MM/YYYY' });
    expect(told.records.map((r) => r.date)).toEqual(['2019-04-03', '2019-03-04']);
  });
});

describe('Stripe payments export: amounts in other spellings', () => {
  it('reads a decimal comma decided for the whole file', async () => {
    const sut = await importPaymentBytes(
      'p.csv',
      csv(
        'ch_1,2024-05-02 10:00,"1.250,00","250,00",eur,true,,,,Retreat,"17,75",2024-05-10 09:00,Paid,',
        'ch_2,2024-05-03 10:00,"0,25","0,00",eur,true,,,,Tip,"0,00",,Paid,',
      ),
      { currency: 'EUR', timezone: 'Europe/Paris' },
    );
    expect(sut.issues).toEqual([]);
    expect(paymentLines(sut)).toEqual([
      'L2 ch_1 2024-05-02 125000 EUR fee=1775',
      'L2 ch_1:refund 2024-05-10 -25000 EUR fee=0 refundOf=ch_1',
      'L3 ch_2 2024-05-03 25 EUR fee=0',
    ]);
  });

  it('adds Taxes On Fee to the fee (the tax Stripe charged on its fee)', async () => {
    const file = Buffer.from(
      'id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Fee,Taxes On Fee,Status\n' +
        'ch_au,2024-02-02 00:30,110.00,0.00,aud,true,1.94,0.19,Paid\n',
    );
    const sut = await importPaymentBytes('p.csv', file, {
      currency: 'AUD',
      timezone: 'Australia/Sydney',
    });
    expect(payments(sut)[0]).toMatchObject({ amount: 11000, fee: 213, date: '2024-02-02' });
  });
});

describe('Stripe payments export: broken files', () => {
  it('names file, line and column of a bad amount and of a bad date', async () => {
    const sut = await importPaymentBytes(
      'broken.csv',
      csv(
        'ch_1,2024-01-02 10:00,"12,3,4",0.00,usd,true,,,,x,0.30,,Paid,',
        'ch_2,2024-13-45 10:00,10.00,0.00,usd,true,,,,x,0.30,,Paid,',
        'ch_3,2024-01-04 10:00,10.00,0.00,usd,true,,,,x,0.30,,Paid,',
      ),
    );
    expect(issueLines(sut)).toEqual([
      'error broken.csv:2:3 [Amount] bad_amount: not an amount: "12,3,4"',
      'error broken.csv:3:2 [Created date (UTC)] bad_date: not a date: "2024-13-45 10:00"',
    ]);
    // The good row is still read; the errors refuse the import as a whole.
    expect(sut.records.map((r) => r.externalId)).toEqual(['ch_3']);
  });

  it('reports a truncated last row and a refund larger than the charge', async () => {
    const sut = await importPaymentBytes(
      'cut.csv',
      Buffer.from(
        `${HEADER}\nch_1,2024-01-02 10:00,10.00,12.00,usd,true,,,,x,0.30,,Paid,a@example.org\nch_2,2024-01-03 10:00,10.00`,
      ),
    );
    expect(issueLines(sut)).toEqual([
      'error cut.csv:2:4 [Amount Refunded] bad_amount: Amount Refunded (12.00) is more than Amount (10.00)',
      'error cut.csv:3 short_row: the row has 3 cells but the header has 14: is the file cut short?',
    ]);
  });

  it('refuses a file without a required column', async () => {
    const file = Buffer.from(
      'id,Created date (UTC),Amount Refunded,Currency,Captured\nch_1,x,0,usd,true\n',
    );
    const sut = await importPaymentBytes('cols.csv', file, { format: 'stripe-payments' });
    expect(issueLines(sut)).toEqual(['error cols.csv:1 missing_columns: missing column: Amount']);
  });

  it('skips an unknown status with one warning', async () => {
    const sut = await importPaymentBytes(
      'p.csv',
      csv(
        'ch_1,2024-01-02 10:00,10.00,0.00,usd,true,,,,x,0.30,,Frozen,',
        'ch_2,2024-01-03 10:00,10.00,0.00,usd,true,,,,x,0.30,,Frozen,',
      ),
    );
    expect(issueLines(sut)).toEqual([
      'warning p.csv:2:13 [Status] unknown_status: unknown status "Frozen": its rows are skipped',
    ]);
    expect(skipLines(sut)).toEqual(['L2 unknown_status', 'L3 unknown_status']);
  });
});
