import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataToBundle, readBundle } from './bundle.ts';
import { MAX_JSON_DEPTH, parseJson } from './json.ts';

const small = () =>
  JSON.parse(
    readFileSync(new URL('../../test/fixtures/bundles/small.json', import.meta.url), 'utf8'),
  );

function problemsOf(bundle: unknown): string[] {
  const result = readBundle(bundle);
  if (result.ok) throw new Error('expected the bundle to be refused');
  return result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('readBundle', () => {
  it('reads a valid bundle into minor units and nulls', () => {
    const result = readBundle(small());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { data } = result;
    expect(data.practice.targets).toEqual({ monthlyServiceIncome: 8000, buyers: 40 });
    expect(data.offers[1]).toEqual({
      id: 'o2',
      name: 'Charting Confidence',
      kind: 'info_product',
      price: 19750,
      launchedOn: null,
    });
    expect(data.payments[1]).toMatchObject({ amount: 18025, fee: 553, currency: 'EUR' });
    expect(data.payments[2]).toMatchObject({ amount: -18025, fee: null });
    expect(data.timeEntries[2]!.hours).toBe(0.3333333333);
  });

  it('round-trips: the exported bundle reads back to the same facts', () => {
    const first = readBundle(small());
    if (!first.ok) throw new Error('invalid');
    const again = readBundle(JSON.parse(JSON.stringify(dataToBundle(first.data))));
    if (!again.ok) throw new Error(JSON.stringify(again.problems));
    expect(again.data).toEqual(first.data);
  });

  it('fills defaults for absent optional practice facts', () => {
    const b = small();
    b.practice = { name: 'Solo', currency: 'JPY' };
    b.payments = [];
    b.costs = [];
    b.offers[0].price = 1500;
    b.offers[1].price = null;
    const result = readBundle(b);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.data.practice).toEqual({
      name: 'Solo',
      currency: 'JPY',
      timezone: 'UTC',
      startedOn: null,
      niche: null,
      weeklyCapacityHours: null,
      liveSessions: true,
      targets: {},
    });
  });

  it('names a bad enum by its path and lists the valid values', () => {
    const b = small();
    b.offers[1].kind = 'ebook';
    expect(problemsOf(b)).toEqual([
      'offers[1].kind: expected one of one_to_one, package, retainer, group_program, workshop, team_delivered, info_product, membership, licensing, other',
    ]);
  });

  it('refuses references to records that do not exist', () => {
    const b = small();
    b.payments[3].clientId = 'nobody';
    b.timeEntries[0].offerId = 'o9';
    b.clients[1].referredBy = 'c7';
    expect(problemsOf(b)).toEqual([
      'clients[1].referredBy: no client "c7"',
      'payments[3].clientId: no client "nobody"',
      'timeEntries[0].offerId: no offer "o9"',
    ]);
  });

  it('lists every schema problem at once, with types and unknown keys', () => {
    const b = small();
    b.extra = true;
    b.payments[0].amount = '150';
    b.timeEntries[1].hours = 25;
    b.costs[0].amount = -3;
    b.conversations[0].date = '2024-02-30';
    delete b.practice.currency;
    const problems = problemsOf(b);
    expect(problems).toContain('(document): unknown key "extra"');
    expect(problems).toContain('payments[0].amount: expected number, got string');
    expect(problems).toContain('practice.currency: required: expected string');
    expect(problems.some((p) => p.startsWith('timeEntries[1].hours: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('costs[0].amount: '))).toBe(true);
    expect(problems).toContain(
      'conversations[0].date: expected a real calendar date written YYYY-MM-DD',
    );
    expect(problems).toHaveLength(6);
  });

  it('refuses a currency without a rate on or before the record date', () => {
    const b = small();
    b.payments[1].date = '2023-12-31';
    expect(problemsOf(b)).toEqual([
      'payments[1].currency: no rate from EUR to USD on or before 2023-12-31',
    ]);
  });

  it('accepts a rate given in the other direction', () => {
    const b = small();
    b.rates = [{ date: '2024-01-01', from: 'USD', to: 'EUR', rate: 0.9 }];
    expect(readBundle(b).ok).toBe(true);
  });

  it('refuses more decimals than the currency has, duplicate ids and external ids', () => {
    const b = small();
    b.payments[0].amount = 150.005;
    b.payments[1].id = 'p1';
    b.payments[3].externalId = 'ch_3Nx1';
    expect(problemsOf(b)).toEqual([
      'payments[1].id: duplicate id "p1" (also payments[0])',
      'payments[0].amount: 150.005 has more decimals than USD allows (2)',
      'payments[3].externalId: duplicate externalId "ch_3Nx1" (also payments[0])',
    ]);
  });

  it('refuses something that is not a bundle', () => {
    expect(problemsOf([])).toEqual(['(document): expected object, got an array']);
    expect(
      problemsOf({
        format: 'fulcrum-bundle',
        version: 2,
        practice: { name: 'x', currency: 'USD' },
      }),
    ).toEqual(['version: expected 1']);
  });

  it('names a rule target of the wrong type once, however deep it is nested', () => {
    let deep: unknown = 'o1';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const bundle = small();
    bundle.rules = [
      {
        id: 'r1',
        appliesTo: 'any',
        when: [{ field: 'description', op: 'contains', value: 'x' }],
        then: { offerId: deep },
      },
      {
        id: 'r2',
        appliesTo: 'any',
        when: [{ field: 'description', op: 'contains', value: 'x' }],
        then: { clientId: { id: 'c1' } },
      },
    ];
    expect(problemsOf(bundle)).toEqual([
      'rules[0].then.offerId: expected string, got an array',
      'rules[1].then.clientId: expected string, got object',
    ]);
  });
});

describe('parseJson', () => {
  it('names the line and column of malformed JSON', () => {
    expect(parseJson('{\n  "a": 1,\n  "b": tru\n}')).toEqual({
      ok: false,
      line: 3,
      column: 8,
      message: 'unexpected character',
    });
    expect(parseJson('{"a": [1, 2}')).toMatchObject({ ok: false, line: 1, column: 12 });
    expect(parseJson('')).toMatchObject({
      ok: false,
      line: 1,
      column: 1,
      message: 'expected a value',
    });
  });

  it('reads JSON with a byte-order mark', () => {
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses malformed JSON nested thousands deep without overflowing the stack', () => {
    expect(parseJson('['.repeat(100_000))).toEqual({
      ok: false,
      line: 1,
      column: MAX_JSON_DEPTH + 1,
      message: `nested more than ${MAX_JSON_DEPTH} deep`,
    });
    // An error before the depth is reached is still the one named.
    expect(parseJson(`{"a": tru, "b": ${'{"c":'.repeat(50_000)}`)).toMatchObject({
      line: 1,
      column: 7,
      message: 'unexpected character',
    });
    // Brackets inside strings do not count.
    expect(parseJson(`["${'['.repeat(1000)}", x]`)).toMatchObject({ column: 1006 });
  });
});
