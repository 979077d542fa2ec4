/**
 * Square Transactions CSV on our anonymised fixture (test/fixtures/square, built from the
 * 41-column header in shared/spec/formats.md §3) and small inline variants.
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
import { squareZone } from './zones.ts';

describe('Square transactions export', () => {
  const bytes = localFixture('square/transactions.csv');

  it('counts Total Collected with fee = −Fees, links the refund, skips a pending row', async () => {
    const sut = await importPaymentBytes('square.csv', bytes);
    expect(await importPaymentBytes('square.csv', bytes, {}, 17)).toEqual(sut);
    expect(sut.format).toBe('square-transactions');
    expect(sut.issues).toEqual([]);
    // By hand (rows are in Pacific Time, the practice is in New York, +3 h):
    // L2 Refund −$45.00 of the 11/10 booking (same Payment ID) → linked, fee 0.
    // L3 cash $120.00, fee $0.00. L4 $250.00 fee −$7.55 at 11/14 23:30 PT = 11/15 02:30 NY.
    // L5 "$1,250.00" fee −$32.60. L6 $45.00 fee −$1.61 at 11/10 21:50:48 PT = 11/11 00:50 NY.
    // L7 Transaction Status Pending → skipped.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L3 uI9oP2lK5jH8gF1dS4aZ7xC0vB3N 2023-11-18 12000 USD fee=0",
        "L4 lZ1xC4vB7nM0qW3eR6tY9uI2oP5A 2023-11-15 25000 USD fee=755",
        "L5 zX8cV1bN4mQ7wE0rT3yU6iO9pA2S 2023-11-12 125000 USD fee=3260",
        "L6 kT5nP8qR2wX7yZ3bV6cM9dL4fGhY 2023-11-11 4500 USD fee=161",
        "L2 kT5nP8qR2wX7yZ3bV6cM9dL4fGhY:refund 2023-11-20 -4500 USD fee=0 refundOf=kT5nP8qR2wX7yZ3bV6cM9dL4fGhY",
      ]
    `);
    expect(skipLines(sut)).toEqual(['L7 pending']);
    expect(payments(sut)[1]?.attributes).toMatchObject({
      description: 'Group workshop: "Boundaries that stick", 2 seats',
      cardBrand: 'Mastercard',
      channel: 'eCommerce Integrations',
    });
    expect(sut).toMatchSnapshot();
  });

  it('reads the same external ids on every read', async () => {
    const ids = async () =>
      (await importPaymentBytes('s.csv', bytes)).records.map((r) => r.externalId);
    expect(await ids()).toEqual(await ids());
  });

  it('maps Rails zone names to IANA', () => {
    expect(squareZone('Pacific Time (US & Canada)')).toBe('America/Los_Angeles');
    expect(squareZone('Eastern Time (US & Canada)')).toBe('America/New_York');
    expect(squareZone('London')).toBe('Europe/London');
    expect(squareZone('Europe/Paris')).toBe('Europe/Paris');
    expect(squareZone('Atlantis')).toBeNull();
  });
});

describe('Square transactions export: variants', () => {
  const header =
    'Date,Time,Time Zone,Gross Sales,Discounts,Net Sales,Tax,Tip,Total Collected,Fees,Net Total,Transaction ID,Payment ID,Description,Event Type,Total Collected,Customer Name';

  it('survives a duplicate Total Collected header, a returned fee and a second refund', async () => {
    const file = Buffer.from(
      [
        header,
        '2023-06-01,10:00:00,London,£80.00,£0.00,£80.00,£0.00,£0.00,£80.00,-£1.40,£78.60,T1,P1,Session,Payment,£80.00,Ana Ruiz',
        '2023-06-02,10:00:00,London,-£20.00,£0.00,-£20.00,£0.00,£0.00,-£20.00,£0.35,-£19.65,T1,P1,Session,Refund,-£20.00,Ana Ruiz',
        '2023-06-03,10:00:00,London,-£10.00,£0.00,-£10.00,£0.00,£0.00,-£10.00,£0.00,-£10.00,T1,P1,Session,Refund,-£10.00,Ana Ruiz',
      ].join('\n'),
    );
    const sut = await importPaymentBytes('gb.csv', file, {
      timezone: 'Europe/London',
      currency: 'GBP',
    });
    expect(sut.issues).toEqual([]);
    // The £ sign says GBP; the fee returned on the first refund (+£0.35) lowers it.
    expect(paymentLines(sut)).toEqual([
      'L2 P1 2023-06-01 8000 GBP fee=140',
      'L3 P1:refund 2023-06-02 -1965 GBP fee=0 refundOf=P1',
      'L4 P1:refund#2 2023-06-03 -1000 GBP fee=0 refundOf=P1',
    ]);
    expect(payments(sut)[0]?.customer).toEqual({ email: null, name: 'Ana Ruiz' });
  });

  it('warns when $ amounts meet a practice currency that is not a dollar', async () => {
    const file = Buffer.from(
      `${header}\n2023-06-01,10:00:00,Berlin,$80.00,$0.00,$80.00,$0.00,$0.00,$80.00,-$2.62,$77.38,T1,P1,Session,Payment,$80.00,\n`,
    );
    const sut = await importPaymentBytes('us.csv', file, {
      timezone: 'Europe/Berlin',
      currency: 'EUR',
    });
    expect(payments(sut)[0]).toMatchObject({ amount: 8000, currency: 'USD', fee: 262 });
    expect(issueLines(sut)).toEqual([
      'warning us.csv:2:9 [Total Collected] currency_assumed: "$80.00" has a $ sign but the practice currency is EUR: read as USD',
    ]);
  });

  it('reports a bad money cell with its column', async () => {
    const file = Buffer.from(
      `${header}\n2023-06-01,10:00:00,London,£80.00,£0.00,£80.00,£0.00,£0.00,£8O.00,-£1.40,£78.60,T1,P1,Session,Payment,£80.00,\n`,
    );
    const sut = await importPaymentBytes('bad.csv', file, { currency: 'GBP' });
    expect(issueLines(sut)).toEqual([
      'error bad.csv:2:9 [Total Collected] bad_amount: not an amount: "£8O.00"',
    ]);
  });
});
