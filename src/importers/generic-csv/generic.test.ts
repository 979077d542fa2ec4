/**
 * The generic CSV format: a bank export (test/fixtures/generic) and inline spreadsheets
 * read through a column mapping, and the parsing and checking of `--map`.
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
import { checkMap, parseMapOption } from './map.ts';

const BANK_MAP = {
  date: 'Booking Date',
  amount: 'Amount',
  currency: 'Currency',
  description: 'Memo',
  name: 'Payee',
  id: 'Reference',
};

describe('generic CSV with --map', () => {
  const bytes = localFixture('generic/bank_export.csv');

  it('is chosen by the mapping: positive = payment, negative = cost', async () => {
    const sut = await importPaymentBytes('bank.csv', bytes, { map: BANK_MAP });
    expect(await importPaymentBytes('bank.csv', bytes, { map: BANK_MAP }, 4)).toEqual(sut);
    expect(sut.format).toBe('generic');
    expect(sut.issues).toEqual([]);
    // By hand: L2 +850.00 USD, L3 −12.99 → cost, L4/L5 two identical fee rows without a
    // reference → distinct content ids #1/#2, L6 +180.00 EUR, L7 −100.00 → cost (default).
    expect(paymentLines(sut)).toMatchInlineSnapshot(`
      [
        "L2 TRF-88120 2024-02-01 85000 USD fee=0",
        "L3 CARD-2231 2024-02-03 cost 1299 USD",
        "L4 generic:0LTvOR8lFF_3miPWo9tg#1 2024-02-05 cost 500 USD",
        "L5 generic:0LTvOR8lFF_3miPWo9tg#2 2024-02-05 cost 500 USD",
        "L6 TRF-88177 2024-02-09 18000 EUR fee=0",
        "L7 TRF-88190 2024-02-12 cost 10000 USD",
      ]
    `);
    expect(payments(sut)[0]).toMatchObject({
      customer: { email: null, name: 'Harper Quinn' },
      attributes: { description: 'Invoice RC-2024-014, coaching', customerName: 'Harper Quinn' },
    });
    expect(costs(sut)[0]?.attributes).toEqual({
      description: 'Design subscription',
      payee: 'Canva',
    });
  });

  it('gives two identical rows distinct ids, the same on every read', async () => {
    const read = async () =>
      (await importPaymentBytes('bank.csv', bytes, { map: BANK_MAP })).records.map(
        (r) => r.externalId,
      );
    const ids = await read();
    expect(new Set(ids).size).toBe(ids.length);
    expect(await read()).toEqual(ids);
  });

  it('reads negative amounts as refunds, or skips them, when the mapping says so', async () => {
    const refunds = await importPaymentBytes('bank.csv', bytes, {
      map: { ...BANK_MAP, negative: 'refund' },
    });
    expect(paymentLines(refunds).at(-1)).toBe('L7 TRF-88190 2024-02-12 -10000 USD fee=0');
    const incomeOnly = await importPaymentBytes('bank.csv', bytes, {
      map: { ...BANK_MAP, negative: 'skip' },
    });
    expect(skipLines(incomeOnly)).toEqual([
      'L3 excluded_by_map',
      'L4 excluded_by_map',
      'L5 excluded_by_map',
      'L7 excluded_by_map',
    ]);
  });

  it('reads a semicolon file with DD.MM.YYYY, a decimal comma, debit/credit columns and a kind column', async () => {
    const file = Buffer.from(
      [
        'Datum;Empfänger;Verwendungszweck;Soll;Haben;Art;Gebühr',
        '05.03.2024;Kim Vogel;Rechnung PL-2024-011;;1.250,00;Einnahme;',
        '06.03.2024;Kim Vogel;Teilerstattung PL-2024-011;100,00;;refund;',
        '07.03.2024;Eigenes Konto;Umbuchung;500,00;;transfer;',
        '08.03.2024;Raumvermietung;Miete März;450,00;;expense;',
        '09.03.2024;Stripe;Auszahlung Kurs;;96,80;income;"3,20"',
      ].join('\n'),
    );
    const map = {
      date: 'Datum',
      credit: 'Haben',
      debit: 'Soll',
      name: 'Empfänger',
      description: 'Verwendungszweck',
      kind: 'Art',
      fee: 'Gebühr',
    };
    const sut = await importPaymentBytes('bank.csv', file, {
      map,
      currency: 'EUR',
      timezone: 'Europe/Berlin',
    });
    // "Einnahme" is no kind we know: an error on that cell (the import is refused).
    expect(issueLines(sut)).toEqual([
      'error bank.csv:2:6 [Art] bad_value: not a kind of row: "Einnahme" (use income, refund, expense or transfer)',
    ]);
    // No id column: content ids (`generic:<hash>#1`). Debit 100,00 as refund → −100.00;
    // 450,00 expense → cost; credit 96,80 income with fee 3,20.
    expect(paymentLines(sut).map((l) => l.replace(/generic:[\w-]+#/, 'generic:…#'))).toEqual([
      'L3 generic:…#1 2024-03-06 -10000 EUR fee=0',
      'L5 generic:…#1 2024-03-08 cost 45000 EUR',
      'L6 generic:…#1 2024-03-09 9680 EUR fee=320',
    ]);
    expect(skipLines(sut)).toEqual(['L4 transfer']);
  });

  it('turns a timestamp with an offset into the practice-zone date, keeps plain dates', async () => {
    const file = Buffer.from(
      'When,Value\n2024-03-10T03:30:00Z,10.00\n2024-03-10,20.00\n2024-03-10 23:30,30.00\n',
    );
    const sut = await importPaymentBytes('t.csv', file, { map: { date: 'When', amount: 'Value' } });
    expect(sut.records.map((r) => r.date)).toEqual(['2024-03-09', '2024-03-10', '2024-03-10']);
  });

  it('asks for --date-format when the dates can be read both ways', async () => {
    const file = Buffer.from('Date,Amount\n01/02/2024,10.00\n03/04/2024,12.00\n');
    const map = { date: 'Date', amount: 'Amount' };
    const sut = await importPaymentBytes('d.csv', file, { map });
    expect(sut.issues.map((i) => i.code)).toEqual(['date_format']);
    const us = await importPaymentBytes('d.csv', file, { map, dateFormat: 'MM/DD/YYYY' });
    expect(us.records.map((r) => r.date)).toEqual(['2024-01-02', '2024-03-04']);
  });
});

describe('generic CSV: broken mappings and files', () => {
  const file = Buffer.from('Date,Amount,Memo\n2024-01-02,10.00,a\n2024-01-03,abc,b\n2024-01-04\n');

  it('reports a mapped column the file does not have', async () => {
    const sut = await importPaymentBytes('m.csv', file, {
      map: { date: 'Date', amount: 'Betrag' },
    });
    expect(issueLines(sut)).toEqual(['error m.csv:1 missing_columns: missing column: Betrag']);
  });

  it('reports a mapping it cannot use', async () => {
    const sut = await importPaymentBytes('m.csv', file, { map: { date: 'Date', amout: 'Amount' } });
    expect(issueLines(sut)).toEqual([
      'error m.csv:1 bad_map: --map: unknown field "amout" (fields: date, amount, credit, debit, currency, fee, id, email, name, description, type, kind, category, refundOf, positive, negative)',
    ]);
    const forced = await importPaymentBytes('m.csv', file, { format: 'generic' });
    expect(forced.issues.map((i) => i.code)).toEqual(['bad_map']);
  });

  it('reports a bad amount and a truncated row with their lines', async () => {
    const sut = await importPaymentBytes('m.csv', file, {
      map: { date: 'Date', amount: 'Amount' },
    });
    expect(issueLines(sut)).toEqual([
      'error m.csv:3:2 [Amount] bad_amount: not an amount: "abc"',
      'error m.csv:4 short_row: the row has 1 cells but the header has 3: is the file cut short?',
    ]);
    expect(sut.records).toHaveLength(1);
  });
});

describe('--map syntax', () => {
  it('parses pairs, quotes and both separators', () => {
    expect(
      parseMapOption('date=Date, amount=Amount; description="Memo, long", name="Say ""hi"""'),
    ).toEqual({
      date: 'Date',
      amount: 'Amount',
      description: 'Memo, long',
      name: 'Say "hi"',
    });
    expect(parseMapOption('date')).toEqual({ problem: '--map: expected field=Column at "date"' });
    expect(parseMapOption('date="Date')).toEqual({
      problem: '--map date: the quote is not closed',
    });
  });

  it('checks the fields and the two settings', () => {
    expect(checkMap({ date: 'D', amount: 'A', negative: 'refund' })).toEqual({
      columns: { date: 'D', amount: 'A' },
      positive: 'payment',
      negative: 'refund',
    });
    expect(checkMap({ amount: 'A' })).toEqual({ problem: '--map needs date=<column>' });
    expect(checkMap({ date: 'D', positive: 'income' })).toEqual({
      problem: '--map positive=income: use one of payment, cost, skip',
    });
    expect(checkMap({ date: 'D', amount: 'A', credit: 'C' })).toEqual({
      problem: '--map: give either amount or credit/debit, not both',
    });
  });
});
