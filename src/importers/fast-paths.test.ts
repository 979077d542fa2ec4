/**
 * The import's per-row fast paths give exactly what the general code they replace gave:
 * each is checked against that code (kept here as the reference) on generated inputs.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateInZone } from '../domain/dates.ts';
import { putAttribute } from './cells.ts';
import { ContentIds } from './format.ts';
import { attributesOf } from './time-entries.ts';
import { dateAtOffset, localDateOf } from './timestamps.ts';
import { type DateOrder, parseDate } from './values.ts';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
];

describe('dates kept per day', () => {
  it('localDateOf agrees with dateInZone over five centuries, before 1970 too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1700, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.constantFrom(...ZONES),
        (t, zone) => localDateOf(t, zone) === dateInZone(t, zone),
      ),
      { numRuns: 20_000 },
    );
  });

  it('localDateOf finds a change of offset off the quarter hours (local mean time ending)', () => {
    // Lord Howe left its local mean time (+10:36:20) for +10:00 at its midnight, which is
    // 1895-01-31T13:23:40Z: the clock went back to 23:23:40 on the 31st, so the half hour
    // after the change is still the 31st there, though the old offset would make it the 1st.
    const change = Date.UTC(1895, 0, 31, 13, 23, 40);
    for (let t = change - 120_000; t < change + 1_800_000; t += 997) {
      expect(localDateOf(t, 'Australia/Lord_Howe')).toBe(dateInZone(t, 'Australia/Lord_Howe'));
    }
    expect(localDateOf(change - 1, 'Australia/Lord_Howe')).toBe('1895-01-31');
    expect(localDateOf(Date.UTC(1895, 0, 31, 13, 29, 59, 999), 'Australia/Lord_Howe')).toBe(
      '1895-01-31',
    );
  });

  it('dateAtOffset agrees with the Date arithmetic it replaces', () => {
    const reference = (date: string, seconds: number, offset: number, zone: string) => {
      const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
      return dateInZone(Date.UTC(y, mo - 1, d) + seconds * 1000 - offset * 60_000, zone);
    };
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1900, 0, 1)),
          max: new Date(Date.UTC(2100, 0, 1)),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom(...ZONES),
        (day, seconds, offset, zone) => {
          const date = day.toISOString().slice(0, 10);
          const ts = { date, seconds, offsetMinutes: null };
          return dateAtOffset(ts, offset, zone) === reference(date, seconds, offset, zone);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

describe('attributes without a regular expression per cell', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\t', 'é', ',') });
  const previousPut = (attributes: Record<string, string>, name: string, value: string) => {
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (text) attributes[name] = text;
  };

  it('putAttribute keeps what the regular expression kept', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 6 }), (values) => {
        const fast: Record<string, string> = {};
        const previous: Record<string, string> = {};
        values.forEach((v, i) => {
          putAttribute(fast, `k${i}`, v);
          previousPut(previous, `k${i}`, v);
        });
        expect(JSON.stringify(fast)).toBe(JSON.stringify(previous));
      }),
    );
  });

  it('attributesOf keeps what Object.entries and the regular expression kept', () => {
    const previous = (values: Record<string, string | null | undefined>) => {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(values)) {
        const text = value?.replace(/\r\n?/g, '\n').trim();
        if (text) out[name] = text;
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('project', 'task', 'user', 'tags', '1', 'description'),
          fc.option(cell, { nil: undefined }),
        ),
        (values) => {
          expect(JSON.stringify(attributesOf(values))).toBe(JSON.stringify(previous(values)));
        },
      ),
    );
  });
});

describe('content ids with the one-shot hash', () => {
  it('are the SHA-1 of the joined cells, counted per repeat', () => {
    const ids = new ContentIds('toggl');
    const rows = [['a', 'b'], ['é', '\u{1F600}'], ['a', 'b'], ['a,b'], ['a', 'b']];
    const sha = (cells: string[]) =>
      createHash('sha1').update(cells.join('\u001f')).digest().toString('base64url', 0, 15);
    const seen = new Map<string, number>();
    for (const row of rows) {
      const n = (seen.get(row.join('\u001f')) ?? 0) + 1;
      seen.set(row.join('\u001f'), n);
      expect(ids.next(row)).toBe(`toggl:${sha(row)}#${n}`);
    }
  });

  it('keep counting right while the table grows and slots collide (5,000 rows)', () => {
    // 1,500 contents overflow the first table (768 of 1,024 slots) twice, so rows seen
    // before a growth must keep their counts after their slots moved.
    const ids = new ContentIds('stripe');
    const sha = (cells: string[]) =>
      createHash('sha1').update(cells.join('\u001f')).digest().toString('base64url', 0, 15);
    const seen = new Map<string, number>();
    let state = 7;
    for (let i = 0; i < 5_000; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      const row = [`row ${Math.floor(state / 65_536) % 1_500}`, 'same'];
      const n = (seen.get(row[0]!) ?? 0) + 1;
      seen.set(row[0]!, n);
      expect(ids.next(row)).toBe(`stripe:${sha(row)}#${n}`);
    }
    expect(seen.size).toBeGreaterThan(1_024);
  });
});

describe('dates read once per spelling', () => {
  it('parseDate gives from its cache what it reads directly, for each date order', () => {
    // Over 40 characters (the trailing blanks are trimmed) a cell is read directly.
    const direct = (text: string, order: DateOrder) => parseDate(`${text}${' '.repeat(41)}`, order);
    const part = fc.integer({ min: 0, max: 40 }).map(String);
    const text = fc
      .tuple(
        part,
        fc.constantFrom('/', '-', '.'),
        part,
        fc.constantFrom('/', '-', '.'),
        fc.constantFrom('2024', '24', '1999', '0'),
      )
      .map(([a, s1, b, s2, y]) => `${a}${s1}${b}${s2}${y}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.constantFrom<DateOrder>('ymd', 'dmy', 'mdy')), {
          maxLength: 20,
        }),
        (cells) => {
          // Each cell twice, in all orders, so later reads come from the cache.
          for (const [t] of cells) {
            for (const order of ['dmy', 'mdy', 'ymd', 'dmy'] as const) {
              expect(parseDate(t, order)).toBe(direct(t, order));
            }
          }
        },
      ),
    );
    expect(parseDate('12/03/2024', 'dmy')).toBe('2024-03-12');
    expect(parseDate('12/03/2024', 'mdy')).toBe('2024-12-03');
  });
});
