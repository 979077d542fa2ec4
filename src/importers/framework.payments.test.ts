/**
 * The framework pieces the payment importers rely on: reading CSV bytes that arrive in
 * tiny chunks (UTF-16, CRLF, a late Latin-1 byte), amounts with symbols around them,
 * file-wide decimal marks and date orders, and timestamps turned into practice dates.
 */
import { describe, expect, it } from 'vitest';
import { dateInZone } from '../domain/dates.ts';
import { readCsv } from './csv.ts';
import {
  dateAtOffset,
  dateFromZone,
  localDateOf,
  parseOffset,
  parseTimestamp,
} from './timestamps.ts';
import { dateOrderOfSamples, decimalMarkOf, parseAmount } from './values.ts';

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function rows(parts: Uint8Array[]) {
  const out: Array<[number, string[]]> = [];
  for await (const row of readCsv(parts)) out.push([row.line, row.cells]);
  return out;
}

describe('readCsv with bytes in tiny chunks', () => {
  it('keeps CRLF, semicolons and quoted line breaks', async () => {
    const text = 'a;b;c\r\n1;"x\r\ny";3\r\n4;5;6\r\n';
    expect(await rows(chunks(Buffer.from(text), 3))).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x\r\ny', '3']],
      [4, ['4', '5', '6']],
    ]);
  });

  it('recognises UTF-16 by its BOM even one byte at a time', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"Währung"\r\n"€"\r\n', 'utf16le'),
    ]);
    expect(await rows(chunks(bytes, 1))).toEqual([
      [1, ['Währung']],
      [2, ['€']],
    ]);
  });

  it('reads Latin-1 whose first non-ASCII byte comes after a long ASCII start', async () => {
    const ascii = `x\n${'a\n'.repeat(5000)}`;
    const bytes = Buffer.concat([Buffer.from(ascii), Buffer.from('Gebühr\n', 'latin1')]);
    const all = await rows(chunks(bytes, 1000));
    expect(all.at(-1)).toEqual([5002, ['Gebühr']]);
  });
});

describe('parseAmount', () => {
  it.each([
    ['-$1,234.56', 'USD', undefined, -123456],
    ['$1,250.00', 'USD', undefined, 125000],
    ['4.626,81', 'EUR', ',', 462681],
    ['€ 3,50', 'EUR', undefined, 350],
    ['EUR 12.00', 'EUR', undefined, 1200],
    ['12.00 usd', 'USD', undefined, 1200],
    ['CA$5', 'CAD', undefined, 500],
    ['(12.00)', 'USD', undefined, -1200],
    ['12.00-', 'USD', undefined, -1200],
    ['1 234,56', 'EUR', ',', 123456],
  ] as const)('%s %s → %s minor units', (text, currency, decimal, minor) => {
    expect(parseAmount(text, currency, decimal)).toBe(minor);
  });

  it.each(['£8O.00', '12,3,4', '1.5e3', 'abc', '-'])('refuses %s', (text) => {
    expect(parseAmount(text, 'USD')).toBeNull();
  });
});

describe('file-wide spellings', () => {
  it('decides the decimal mark from values that are numbers with it', () => {
    expect(decimalMarkOf(['12,3,4', '0.00'])).toBe('.');
    expect(decimalMarkOf(['1,234', '49,37'])).toBe(',');
    expect(decimalMarkOf(['1,234', '100'])).toBeNull();
  });

  it('reads dotted dates day-first and never guesses from ambiguous slashes', () => {
    expect(dateOrderOfSamples(['04.03.2024'])).toBe('dmy');
    expect(dateOrderOfSamples(['9/4/2018', '9/25/2018'])).toBe('mdy');
    expect(dateOrderOfSamples(['2/1/2020', '3/1/2020'])).toBeNull();
  });
});

describe('timestamps', () => {
  it('reads dates with times, meridiems and offsets', () => {
    expect(parseTimestamp('2023-04-03 02:15', 'ymd')).toEqual({
      date: '2023-04-03',
      seconds: 8100,
      offsetMinutes: null,
    });
    expect(parseTimestamp('4/3/2023 2:15 PM', 'mdy')?.seconds).toBe(51300);
    expect(parseTimestamp('2023-04-03T02:15:40.123Z', 'ymd')?.offsetMinutes).toBe(0);
    expect(parseTimestamp('2023-04-03 02:15 +05:30', 'ymd')?.offsetMinutes).toBe(330);
    expect(parseTimestamp('2023-04-03 25:00', 'ymd')).toBeNull();
    expect(parseTimestamp('2023-04-03x', 'ymd')).toBeNull();
    expect(parseOffset('GMT+01:00')).toBe(60);
    expect(parseOffset('UTC-5')).toBe(-300);
  });

  it('moves the date across midnight into the practice zone', () => {
    const utc = parseTimestamp('2024-01-16 04:30', 'ymd')!;
    expect(dateAtOffset(utc, 0, 'America/New_York')).toBe('2024-01-15');
    expect(dateAtOffset(utc, 0, 'Asia/Tokyo')).toBe('2024-01-16');
    const la = parseTimestamp('2023-11-14 23:30:00', 'ymd')!;
    expect(dateFromZone(la, 'America/Los_Angeles', 'America/New_York')).toBe('2023-11-15');
    // A date without a time is a calendar date: it does not move.
    expect(dateAtOffset(parseTimestamp('2024-01-16', 'ymd')!, 0, 'Pacific/Honolulu')).toBe(
      '2024-01-16',
    );
  });
});

describe('localDateOf', () => {
  it('agrees with dateInZone around DST changes and odd offsets', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    const start = Date.UTC(2024, 2, 9);
    for (const zone of zones) {
      for (let t = start; t < start + 40 * 86_400_000; t += 7 * 60_000) {
        expect(localDateOf(t, zone)).toBe(dateInZone(t, zone));
      }
    }
  });
});
