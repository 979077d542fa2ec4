/**
 * Stripe Balance history export on our anonymised fixture (test/fixtures/stripe, built
 * from the header in shared/spec/formats.md §1b) and small inline variants.
 */
import { describe, expect, it } from 'vitest';
import {
  costs,
  importPaymentBytes,
  issueLines,
  localFixture,
  paymentLines,
  payments,
  skipLines,
} from '../payment-fixtures.testing.ts';

const HEADER =
  'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group';

describe('Stripe balance history export', () => {
  it('counts charges, refunds and disputes once, stripe_fee as a cost, payouts as transfers', async () => {
    const bytes = localFixture('stripe/balance_history.csv');
    const sut = await importPaymentBytes('balance.csv', bytes);
    expect(await importPaymentBytes('balance.csv', bytes, {}, 11)).toEqual(sut);
    expect(sut.format).toBe('stripe-balance');
    expect(sut.issues).toEqual([]);
    // Checked by hand against the file (New York, EST = UTC−5):
    // L2 payout −1250.00 and L11 payout −680.00: transfers.
    // L3 stripe_fee −2.16 on 2024-01-31 02:14 UTC = 01-30 21:14 NY → cost 216.
    // L4 adjustment (dispute) −75.00, fee 15.00; its description names ch_3OaZq1… → refundOf.
    // L5 refund −50.00 with fee −1.75 (returned): amount = net −48.25, fee 0; Source re_… and
    //    a description without a charge id → not linked.
    // L6 refund −100.00 whose Source is the charge ch_3OaLm5… → linked to it.
    // L7–L10 charges/payment: id = the charge in Source; L8 431.68 usd (client paid 400 eur);
    //    L9 2024-01-16 04:30 UTC = 01-15 23:30 NY.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L3 txn_1OcQm4LkdIwHu7ixAs5Df6Gh 2024-01-30 cost 216 USD",
        "L4 txn_3ObXy8LkdIwHu7ix1Jk7Lz8X 2024-01-26 -7500 USD fee=1500 refundOf=ch_3OaZq1LkdIwHu7ix0Qw2Er3T",
        "L5 txn_3ObKp2LkdIwHu7ix0Ty4Ui5O 2024-01-24 -4825 USD fee=0",
        "L6 txn_3Ob5Dq9LkdIwHu7ix1Gh8Jk9L 2024-01-22 -10000 USD fee=0 refundOf=ch_3OaLm5LkdIwHu7ix1Zx0Cv1B",
        "L7 ch_3OaZq1LkdIwHu7ix0Qw2Er3T 2024-01-19 7500 USD fee=248",
        "L8 ch_3OaQw6LkdIwHu7ix1Op6As7D 2024-01-18 43168 USD fee=1929",
        "L9 ch_3OaLm5LkdIwHu7ix1Zx0Cv1B 2024-01-15 45000 USD fee=1335",
        "L10 py_3OZxc2LkdIwHu7ix0Lk6Jh7G 2024-01-12 7500 USD fee=60",
      ]
    `);
    expect(skipLines(sut)).toEqual(['L2 transfer', 'L11 transfer']);
    expect(payments(sut).find((p) => p.source.line === 8)?.attributes).toMatchObject({
      originalAmount: '400.00',
      originalCurrency: 'EUR',
    });
    expect(costs(sut)[0]?.attributes.description).toBe(
      'Billing - Usage Fee (2024-01-01 - 2024-01-31)',
    );
    expect(sut).toMatchSnapshot();
  });

  it('reads Created (UTC) re-saved by Excel as M/D/YYYY H:MM', async () => {
    const file = Buffer.from(
      `${HEADER}\r\ntxn_1,charge,ch_1,60.00,2.04,57.96,usd,1/31/2024 3:05,2/2/2024 0:00,Session,60.00,usd,,,\r\n` +
        `txn_2,charge,ch_2,60.00,2.04,57.96,usd,2/5/2024 18:40,2/7/2024 0:00,Session,60.00,usd,,,\r\n`,
    );
    const sut = await importPaymentBytes('excel.csv', file);
    // 1/31 3:05 UTC is 1/30 22:05 in New York; 31 > 12 makes the file month-first.
    expect(paymentLines(sut)).toEqual([
      'L2 ch_1 2024-01-30 6000 USD fee=204',
      'L3 ch_2 2024-02-05 6000 USD fee=204',
    ]);
  });

  it('warns once about a type it does not know and skips those rows', async () => {
    const file = Buffer.from(
      `${HEADER}\ntxn_1,issuing_transaction,ipi_1,-20.00,0.00,-20.00,usd,2024-01-02 10:00,2024-01-02 10:00,Card,,,,,\n` +
        `txn_2,issuing_transaction,ipi_2,-5.00,0.00,-5.00,usd,2024-01-03 10:00,2024-01-03 10:00,Card,,,,,\n`,
    );
    const sut = await importPaymentBytes('b.csv', file);
    expect(issueLines(sut)).toEqual([
      'warning b.csv:2:2 [Type] unknown_type: unknown balance type "issuing_transaction": its rows are skipped',
    ]);
    expect(skipLines(sut)).toEqual(['L2 unknown_type', 'L3 unknown_type']);
  });

  it('reads the SimplePractice copy of the export (renamed, trimmed columns)', async () => {
    const file = Buffer.from(
      'Client name,Transaction ID,Transaction Type,Source,Amount,Fee,Net,Currency,Created (UTC),Available On (UTC)\n' +
        'Jordan Ellis,txn_9,charge,ch_9,150.00,4.65,145.35,usd,2024-03-04 15:00,2024-03-06 00:00\n',
    );
    const sut = await importPaymentBytes('sp.csv', file);
    expect(sut.format).toBe('stripe-balance');
    expect(payments(sut)[0]).toMatchObject({
      externalId: 'ch_9',
      amount: 15000,
      fee: 465,
      customer: { email: null, name: 'Jordan Ellis' },
    });
  });

  it('reads a file that starts with a UTF-8 BOM', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `${HEADER}\ntxn_1,charge,ch_1,60.00,2.04,57.96,usd,2024-02-01 15:00,,Session,,,,,\n`,
      ),
    ]);
    const sut = await importPaymentBytes('bom.csv', file);
    expect(sut.format).toBe('stripe-balance');
    expect(paymentLines(sut)).toEqual(['L2 ch_1 2024-02-01 6000 USD fee=204']);
  });
});
