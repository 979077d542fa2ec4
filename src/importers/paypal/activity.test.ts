/**
 * PayPal Activity download on the real OCA fixture (shared/fixtures/paypal, read as stored
 * and with CRLF) and on our anonymised variants (test/fixtures/paypal): the full 2023
 * column set in UTF-16, a German export in Windows-1252, the pre-2017 history and the
 * personal `Amount` variant.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import {
  costs,
  importPaymentBytes,
  issueLines,
  localFixture,
  paymentLines,
  payments,
  skipLines,
  withCrlf,
} from '../payment-fixtures.testing.ts';

const BERLIN = { timezone: 'Europe/Berlin', currency: 'EUR' };

describe('PayPal activity download (OCA fixture, 22 columns)', () => {
  const bytes = sharedFixture('paypal/oca_activity_en.csv');

  it('counts each payment once: conversions, withdrawals, holds and releases are transfers', async () => {
    const sut = await importPaymentBytes('activity.csv', bytes, BERLIN);
    expect(await importPaymentBytes('activity.csv', withCrlf(bytes), BERLIN)).toEqual(sut);
    expect(await importPaymentBytes('activity.csv', bytes, BERLIN, 13)).toEqual(sut);
    expect(sut.format).toBe('paypal-activity');
    expect(sut.issues).toEqual([]);
    // By hand: 26 rows are money received (1 General Payment + 25 Website Payments, all
    // USD); their Gross adds up to 70,660.80 and their Fee to −2,925.88. Counting the
    // Payment Release (TID46, +3,747.22) or the EUR side of conversions would change it.
    const received = payments(sut);
    expect(received).toHaveLength(26);
    expect(received.every((p) => p.currency === 'USD' && p.amount > 0)).toBe(true);
    expect(received.reduce((sum, p) => sum + p.amount, 0)).toBe(7_066_080);
    expect(received.reduce((sum, p) => sum + p.fee, 0)).toBe(292_588);
    // The hold (TID37, line 38) and its release (TID46, line 47) are skipped as transfers.
    expect(skipLines(sut)).toContain('L38 transfer');
    expect(skipLines(sut)).toContain('L47 transfer');
    expect(skipLines(sut).every((s) => s.endsWith(' transfer'))).toBe(true);
    // Money sent: the AUD purchase funded by a USD conversion (TID7) and TID14 are costs.
    expect(costs(sut).map((c) => [c.externalId, c.amount, c.currency])).toEqual([
      ['TID7', 10000, 'AUD'],
      ['TID14', 19500, 'USD'],
    ]);
  });

  it('turns PST/PDT wall-clock times into the practice-zone date', async () => {
    const berlin = await importPaymentBytes('a.csv', bytes, BERLIN);
    const ny = await importPaymentBytes('a.csv', bytes, { timezone: 'America/New_York' });
    const line = (r: typeof berlin, n: number) => r.records.find((x) => x.source.line === n)?.date;
    // L16 "01/08/2016 15:11:56 PDT" = 22:11:56 UTC: 2 Aug in Berlin, still 1 Aug in New York.
    expect([line(berlin, 16), line(ny, 16)]).toEqual(['2016-08-02', '2016-08-01']);
    // L2 "29/12/2015 07:45:51 PST" = 15:45:51 UTC: the same day everywhere near.
    expect([line(berlin, 2), line(ny, 2)]).toEqual(['2015-12-29', '2015-12-29']);
  });

  it('keeps the payer, the invoice and the subject for the rules', async () => {
    const sut = await importPaymentBytes('a.csv', bytes, BERLIN);
    // L5: TID4, PARTNER2, 1,653.75 USD, fee −73.07, invoice 31, 09/06/2016 07:19:50 PDT.
    expect(payments(sut)[1]).toEqual({
      kind: 'payment',
      externalId: 'TID4',
      date: '2016-06-09',
      amount: 165375,
      currency: 'USD',
      fee: 7307,
      refundOf: null,
      customer: { email: 'paypal@partner2.com', name: 'PARTNER2' },
      attributes: {
        description: 'Payment to My Company for invoice 31',
        type: 'Website Payment',
        status: 'Completed',
        invoice: '31',
        subject: 'Payment to My Company for invoice 31',
        reference: 'RTID1',
        customerName: 'PARTNER2',
        customerEmail: 'paypal@partner2.com',
      },
      source: { file: 'a.csv', line: 5 },
    });
  });
});

describe('PayPal activity download (full 2023 column set, UTF-16)', () => {
  it('skips Memo and denied rows, links the refund and folds the returned fee into it', async () => {
    const bytes = localFixture('paypal/activity_2023_utf16le.csv');
    const sut = await importPaymentBytes('utf16.csv', bytes);
    expect(await importPaymentBytes('utf16.csv', bytes, {}, 3)).toEqual(sut);
    expect(sut.issues).toEqual([]);
    // By hand (New York practice; PST = UTC−8, PDT = UTC−7; dates MM/DD/YYYY):
    // L2 General Authorization → authorization. L3 250.00, fee −9.22. L4 Payment Refund
    // −100.00 with fee +3.49 returned → −96.51, fee 0, refundOf L3's id. L5 PreApproved
    // −15.99 → cost. L6 EUR 180.00 at 02/14 23:10:44 PST = 02/15 07:10 UTC = 02/15 in NY;
    // L7–L8 its conversion pair → transfers. L9 49.00 fee −2.20. L10 Denied. L11 hold,
    // L12 release, L13 withdrawal → transfers. L14 Canva −12.99 → cost. L15 75.00 fee −3.11.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L3 8XK61512HV0439201 2023-01-05 25000 USD fee=922",
        "L4 5CD28430LW7716932 2023-01-13 -9651 USD fee=0 refundOf=8XK61512HV0439201",
        "L5 7HT90021MM3345810 2023-02-01 cost 1599 USD",
        "L6 3FN55180RX2290417 2023-02-15 18000 EUR fee=664",
        "L9 6WE31870BB4402957 2023-03-02 4900 USD fee=220",
        "L14 5PP90873JK2210748 2023-04-10 cost 1299 USD",
        "L15 0RR45612LM7786509 2023-04-18 7500 USD fee=311",
      ]
    `);
    expect(skipLines(sut)).toEqual([
      'L2 authorization',
      'L7 transfer',
      'L8 transfer',
      'L10 denied',
      'L11 transfer',
      'L12 transfer',
      'L13 transfer',
    ]);
    expect(payments(sut)[1]).toMatchObject({
      customer: { email: 'harper.quinn@example.org', name: 'Harper Quinn' },
      attributes: { feeReturned: '3.49', note: 'One session cancelled, refunded as agreed' },
    });
    expect(sut).toMatchSnapshot();
  });
});

describe('PayPal activity download (German, Windows-1252)', () => {
  it('reads localised headers, Umlauts, DD.MM.YYYY, CET/CEST and the decimal comma', async () => {
    const bytes = localFixture('paypal/aktivitaet_de_cp1252.csv');
    const sut = await importPaymentBytes('de.csv', bytes, BERLIN);
    expect(await importPaymentBytes('de.csv', bytes, BERLIN, 5)).toEqual(sut);
    expect(sut.format).toBe('paypal-activity');
    expect(sut.issues).toEqual([]);
    // By hand: "1.190,00" = 1190.00, "-29,98" fee; Rückzahlung −190,00 → refund linked via
    // Zugehöriger Transaktionscode; Allgemeine Abbuchung → transfer; a payment sent to the
    // florist → cost 35.50; Abgelehnt (denied) skipped; 01.04.2024 09:00 CEST.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L2 1AB23456CD7890123 2024-01-08 15000 EUR fee=409",
        "L3 4EF56789GH0123456 2024-01-15 119000 EUR fee=2998",
        "L4 7IJ89012KL3456789 2024-01-22 -19000 EUR fee=0 refundOf=4EF56789GH0123456",
        "L6 3QR45678ST9012345 2024-02-05 cost 3550 EUR",
        "L8 9YZ01234AB5678901 2024-04-01 15000 EUR fee=409",
      ]
    `);
    expect(skipLines(sut)).toEqual(['L5 transfer', 'L7 denied']);
    expect(payments(sut)[0]?.customer).toEqual({
      email: 'j.mueller@example.org',
      name: 'Jürgen Müller',
    });
    expect(payments(sut)[1]?.attributes.product).toBe('Intensivtag „Klarheit“');
  });
});

describe('PayPal download history before 2017', () => {
  it('trims the comma + space header and reads the old type names', async () => {
    const sut = await importPaymentBytes('old.csv', localFixture('paypal/history_2015.csv'));
    expect(sut.format).toBe('paypal-activity');
    expect(sut.issues).toEqual([]);
    // By hand (New York, PST = UTC−8 = 3 h behind NY): L2 300.00 fee −9.00; L3 Add Funds
    // from a Bank Account → transfer; L4 Refund −300.00 with +8.70 fee returned → −291.30;
    // L5 Payment Sent −20.00 on 12/18 21:45 PST = 12/19 00:45 NY → cost; L6 Uncleared →
    // pending; L7 150.00 fee −4.65.
    expect(paymentLines(sut)).toEqual([
      'L2 9TS41872BD3362014 2015-12-06 30000 USD fee=900',
      'L4 5KL76530MN2218804 2015-12-14 -29130 USD fee=0 refundOf=9TS41872BD3362014',
      'L5 1XY20394QR5567123 2015-12-19 cost 2000 USD',
      'L7 4BN33019XC8870235 2015-12-28 15000 USD fee=465',
    ]);
    expect(skipLines(sut)).toEqual(['L3 transfer', 'L6 pending']);
  });

  it('reads the personal variant: Amount, no currency, no id, a trailing empty header', async () => {
    const bytes = localFixture('paypal/personal_2016.csv');
    const sut = await importPaymentBytes('personal.csv', bytes, { currency: 'USD' });
    expect(sut.issues).toEqual([]);
    // No Transaction ID column: ids are content hashes, the same on every read.
    const again = await importPaymentBytes('personal.csv', bytes, { currency: 'USD' });
    expect(again.records.map((r) => r.externalId)).toEqual(sut.records.map((r) => r.externalId));
    expect(new Set(sut.records.map((r) => r.externalId)).size).toBe(3);
    expect(sut.records.map((r) => [r.kind, r.date, 'amount' in r && r.amount])).toEqual([
      ['payment', '2016-03-04', 6000],
      ['cost', '2016-03-15', 2500],
      ['payment', '2016-03-22', 6000],
    ]);
    expect(skipLines(sut)).toEqual(['L4 transfer']);
  });
});

describe('PayPal activity download: broken input', () => {
  const header =
    '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID","Reference Txn ID"';

  it('names the line and column of a bad amount, date, time and time zone', async () => {
    const file = Buffer.from(
      [
        header,
        '"13/01/2024","10:00:00","CET","A","General Payment","Completed","EUR","12,3,4","0.00","0.00","T1",""',
        '"31/02/2024","10:00:00","CET","B","General Payment","Completed","EUR","10.00","0.00","10.00","T2",""',
        '"14/01/2024","25:61:00","CET","C","General Payment","Completed","EUR","10.00","0.00","10.00","T3",""',
        '"15/01/2024","10:00:00","XYZ","D","General Payment","Completed","EUR","10.00","-0.50","9.50","T4",""',
        '"16/01/2024","10:00:00","XYZ","E","General Payment","Completed","EUR","10.00","-0.50","9.50","T5",""',
      ].join('\n'),
    );
    const sut = await importPaymentBytes('bad.csv', file, BERLIN);
    expect(issueLines(sut)).toEqual([
      'error bad.csv:2:8 [Gross] bad_amount: not an amount: "12,3,4"',
      'error bad.csv:3:1 [Date] bad_date: not a date: "31/02/2024"',
      'error bad.csv:4:2 [Time] bad_time: not a time: "25:61:00"',
      'warning bad.csv:5:3 [TimeZone] unknown_time_zone: unknown time zone "XYZ": the dates of its rows are taken as written',
    ]);
    expect(paymentLines(sut)).toEqual([
      'L5 T4 2024-01-15 1000 EUR fee=50',
      'L6 T5 2024-01-16 1000 EUR fee=50',
    ]);
  });

  it('refuses a file that lost its Gross column', async () => {
    const file = Buffer.from('Date,Time,TimeZone,Name,Type,Status,Currency,Transaction ID\n');
    const sut = await importPaymentBytes('x.csv', file, { format: 'paypal-activity' });
    expect(issueLines(sut)).toEqual(['error x.csv:1 missing_columns: missing column: Gross']);
  });

  it('skips a refund paid to the practice (of a purchase) with a warning', async () => {
    const file = Buffer.from(
      `${header}\n"13/01/2024","10:00:00","CET","Shop","Payment Refund","Completed","EUR","20.00","0.00","20.00","T9","T8"\n`,
    );
    const sut = await importPaymentBytes('r.csv', file, BERLIN);
    expect(skipLines(sut)).toEqual(['L2 refund_received']);
    expect(sut.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'refund_received']]);
  });
});
