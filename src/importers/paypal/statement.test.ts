/**
 * PayPal monthly statement CSV on the real OCA fixtures (English and Spanish, read as
 * stored and with CRLF) and an inline German statement.
 */
import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/shared-fixtures.ts';
import {
  importPaymentBytes,
  issueLines,
  paymentLines,
  payments,
  skipLines,
  withCrlf,
} from '../payment-fixtures.testing.ts';

describe('PayPal monthly statement (English)', () => {
  const bytes = sharedFixture('paypal/oca_statement_en.csv');

  it('infers M/D/YYYY from 9/25/2018, reads IANA zones, the CET row and thousands separators', async () => {
    const options = { timezone: 'Europe/Berlin', currency: 'EUR' };
    const sut = await importPaymentBytes('statement.csv', bytes, options);
    expect(await importPaymentBytes('statement.csv', withCrlf(bytes), options)).toEqual(sut);
    expect(await importPaymentBytes('statement.csv', bytes, options, 9)).toEqual(sut);
    expect(sut.format).toBe('paypal-statement');
    expect(sut.issues).toEqual([]);
    // By hand (Berlin, CEST = UTC+2; Los Angeles PDT = UTC−7, so +9 h):
    // L10 9/4/2018 20:44:10 LA = 9/5 05:44 Berlin, 1,309.80 fee −48.76 (9/4 is 4 Sept: the
    //     file is month-first because of 9/25, 9/27, 9/30).
    // L12 9/10 17:48 LA = 9/11 02:48; L14 9/24 16:41 LA = 9/25 01:41; L16 9/27 18:15 LA =
    //     9/28 03:15; L17 9/27 18:16:12 "CET" = 17:16 UTC = 19:16 Berlin (same day);
    //     L18 9/27 18:17:59 LA = 9/28; L20 9/30 21:22 LA = 10/1 06:22.
    // Withdrawals and conversions (L2–L9, L11, L13, L15, L19) are transfers.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L10 TID9 2018-09-05 130980 USD fee=4876",
        "L12 TID11 2018-09-11 384060 USD fee=14240",
        "L14 TID13 2018-09-25 444740 USD fee=16485",
        "L16 TID15 2018-09-28 560000 USD fee=20750",
        "L17 TID16 2018-09-27 92070 USD fee=3437",
        "L18 TID17 2018-09-28 560000 USD fee=20750",
        "L20 TID19 2018-10-01 29230 USD fee=1112",
      ]
    `);
    expect(skipLines(sut)).toHaveLength(12);
    expect(skipLines(sut).every((s) => s.endsWith(' transfer'))).toBe(true);
    expect(payments(sut)[0]?.attributes).toEqual({
      description: 'Express Checkout Payment',
      type: 'Express Checkout Payment',
      invoice: '361',
      customerName: 'Partner 1',
      customerEmail: 'paypal@partner1.com',
    });
    expect(sut).toMatchSnapshot();
  });

  it('keeps the written date in a practice zone equal to the row zone', async () => {
    const sut = await importPaymentBytes('s.csv', bytes, { timezone: 'America/Los_Angeles' });
    expect(payments(sut)[0]?.date).toBe('2018-09-04');
  });
});

describe('PayPal monthly statement (Spanish)', () => {
  const bytes = sharedFixture('paypal/oca_statement_es.csv');
  const options = { timezone: 'Europe/Berlin', currency: 'EUR' };

  it('asks for --date-format: 2/1/2020 and 3/1/2020 can be read either way', async () => {
    const sut = await importPaymentBytes('es.csv', bytes, options);
    expect(issueLines(sut)).toEqual([
      'error es.csv:1 date_format: cannot tell whether dates are day-first or month-first (no day above 12): pass --date-format DD/MM/YYYY or MM/DD/YYYY',
    ]);
    expect(sut.records).toEqual([]);
  });

  it('reads the decimal comma and the trailing empty header cells with D/M/YYYY', async () => {
    const told = { ...options, dateFormat: 'D/M/YYYY' };
    const sut = await importPaymentBytes('es.csv', bytes, told);
    expect(await importPaymentBytes('es.csv', withCrlf(bytes), told)).toEqual(sut);
    expect(sut.format).toBe('paypal-statement');
    expect(sut.issues).toEqual([]);
    // By hand: "49,37" fee "-1,78" (Balance "4.626,81" is never an amount); Europe/Berlin
    // rows in a Berlin practice keep their dates; 2/1/2020 = 2 January.
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L2 TID1 2020-01-02 4937 EUR fee=178",
        "L3 TID2 2020-01-02 2882 EUR fee=119",
        "L4 TID3 2020-01-02 3578 EUR fee=139",
        "L5 TID4 2020-01-03 2247 EUR fee=100",
      ]
    `);
    expect(payments(sut)[0]).toMatchObject({
      customer: { email: 'paypal@partner1.com', name: 'Partner 1' },
      attributes: { type: 'Pago estándar' },
    });
  });
});

describe('PayPal monthly statement (German headers)', () => {
  it('reads Beschreibung, Brutto, Gebühr and Transaktionscode', async () => {
    const file = Buffer.from(
      [
        'Datum,Uhrzeit,Zeitzone,Beschreibung,Währung,Brutto,Gebühr,Netto,Guthaben,Transaktionscode,Absender E-Mail-Adresse,Name,Name der Bank,Bankkonto,Versand- und Bearbeitungsgebühr,Umsatzsteuer,Rechnungsnummer,Zugehöriger Transaktionscode',
        '14.03.2024,20:15:00,Europe/Berlin,Allgemeine Zahlung,EUR,"1.250,00","-31,48","1.218,52","1.218,52",5HB12345XY6789012,kunde@example.org,Kim Vogel,,,"0,00","0,00",PL-2024-011,',
        '15.03.2024,08:00:00,Europe/Berlin,Allgemeine Abbuchung - Bankkonto,EUR,"-1.218,52","0,00","-1.218,52","0,00",7JK12345XY6789012,,,Bank A,1234,"0,00","0,00",,',
      ].join('\r\n'),
    );
    const sut = await importPaymentBytes('de.csv', file, { timezone: 'Europe/Berlin' });
    expect(sut.format).toBe('paypal-statement');
    expect(sut.issues).toEqual([]);
    expect(paymentLines(sut)).toEqual(['L2 5HB12345XY6789012 2024-03-14 125000 EUR fee=3148']);
    expect(skipLines(sut)).toEqual(['L3 transfer']);
    expect(payments(sut)[0]?.attributes.invoice).toBe('PL-2024-011');
  });
});
