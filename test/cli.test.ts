/**
 * The CLI end to end, in-process, on both engines: what a user types and what they see.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { analyze } from '../src/domain/analysis/index.ts';
import { readBundle } from '../src/domain/bundle.ts';
import { generateDemo } from '../src/domain/demo/index.ts';
import { ENGINES, freshTarget } from './engines.ts';

const SMALL = path.resolve(import.meta.dirname, 'fixtures/bundles/small.json');
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-cli-'));

async function run(target: string, ...args: string[]) {
  const io = memoryIo({}, '2026-11-25');
  const code = await main(['node', 'fulcrum', '--db', target, ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function dataOf(bundle: unknown) {
  const result = readBundle(bundle);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.data;
}

it('--help lists every command with one line each', async () => {
  const io = memoryIo();
  expect(await main(['node', 'fulcrum', '--help'], io)).toBe(0);
  for (const command of ['start', 'demo', 'import', 'export', 'report', 'practices']) {
    expect(io.stdout).toMatch(new RegExp(`\\n  ${command}\\b.*\\S`));
  }
  expect(io.stdout).toContain('--db <file|url>');
  expect(io.stdout).toContain('--practice <name>');
});

describe.each(ENGINES)('the CLI on %s', (engine) => {
  it('imports a bundle, exports it back losslessly, and re-imports without duplicating', async () => {
    const db = await freshTarget(engine);
    const first = await run(db, 'import', SMALL);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Created practice "Tidewater Coaching"');

    const exported = await run(db, 'export');
    expect(exported.code).toBe(0);
    const original = JSON.parse(readFileSync(SMALL, 'utf8'));
    expect(dataOf(JSON.parse(exported.out))).toEqual(dataOf(original));

    // A second import of a changed bundle updates by id and adds the new record only.
    original.payments[0].amount = 175;
    original.payments.push({ id: 'p5', date: '2024-03-02', amount: 50, currency: 'USD' });
    const second = await run(db, 'import', writeJson('changed.json', original));
    expect(second.code).toBe(0);
    expect(second.out).toContain('Updated practice "Tidewater Coaching"');
    const after = dataOf(JSON.parse((await run(db, 'export')).out));
    expect(after.payments).toHaveLength(5);
    expect(after.payments[0]!.amount).toBe(17500);
    expect(after).toEqual(dataOf(original));
  });

  it('refuses a bad bundle whole, lists every problem by path and writes nothing', async () => {
    const db = await freshTarget(engine);
    const bad = JSON.parse(readFileSync(SMALL, 'utf8'));
    bad.offers[1].kind = 'ebook';
    bad.payments[3].clientId = 'nobody';
    const result = await run(db, 'import', writeJson('bad.json', bad));
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'bad.json is not a valid practice bundle (2 problems); nothing was imported',
    );
    expect(result.err).toContain('  offers[1].kind: expected one of one_to_one, package,');
    expect(result.err).toContain('  payments[3].clientId: no client "nobody"');
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
    const list = await run(db, 'practices', '--json');
    expect(JSON.parse(list.out)).toEqual([]);
  });

  it('names the line and column of malformed JSON', async () => {
    const db = await freshTarget(engine);
    const result = await run(
      db,
      'import',
      writeJson('broken.json', '{\n  "format": "fulcrum-bundle",\n  "version": 1,,\n}'),
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/broken\.json:3:16: expected a property name in double quotes/);
  });

  it('reports the demo practice exactly as the analysis of the generated data', async () => {
    const db = await freshTarget(engine);
    const demo = await run(db, 'demo', '--end', '2026-10-31');
    expect(demo.code).toBe(0);
    const report = await run(db, 'report', '--json', '--assume', 'raise=0.15');
    expect(report.code).toBe(0);
    const expected = analyze(generateDemo({ endDate: '2026-10-31' }), {
      assumptions: { raise: 0.15 },
    });
    expect(JSON.parse(report.out)).toEqual(expected);

    const text = await run(db, 'report');
    expect(text.out).toContain('Income streams');
    expect(text.out).toContain('Ready for products?');
    expect(text.out).toContain('Levers, worth most first');
    expect(text.out).toContain('The leverage ladder');
  });

  it('says when a period holds no data, and which record lacks an exchange rate', async () => {
    const db = await freshTarget(engine);
    await run(db, 'import', SMALL);
    const empty = await run(db, 'report', '--from', '2030-01-01', '--to', '2030-12-31');
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/^fulcrum: .*2030-01-01.*2030-12-31/);

    const csv = path.join(scratch, `gbp-${engine}.csv`);
    writeFileSync(csv, 'Date,Amount,Currency,Memo\n2024-03-10,120.00,GBP,Workshop seat\n');
    const imported = await run(
      db,
      'import',
      csv,
      '--map',
      'date=Date,amount=Amount,currency=Currency,description=Memo',
    );
    expect(imported.code).toBe(0);
    const report = await run(db, 'report');
    expect(report.code).toBe(1);
    expect(report.err).toContain('no rate from GBP to USD on or before 2024-03-10');
    expect(report.err).toMatch(/payment "generic:[^"]+"/);
  });

  it('asks which practice when there are several, and says what went wrong clearly', async () => {
    const db = await freshTarget(engine);
    await run(db, 'demo', '--end', '2026-10-31');
    await run(db, 'import', SMALL);
    const ambiguous = await run(db, 'report');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.err).toContain('this database holds 2 practices; say which with --practice');
    const named = await run(db, '--practice', 'Harbor Light Coaching', 'report', '--json');
    expect(named.code).toBe(0);
    expect(JSON.parse(named.out).currency).toBe('USD');
    const unknown = await run(db, '--practice', 'Nope', 'report');
    expect(unknown.err).toContain('no practice named "Nope"');
    const assumption = await run(
      db,
      '--practice',
      'Harbor Light Coaching',
      'report',
      '--assume',
      'rise=0.2',
    );
    expect(assumption.code).toBe(1);
    expect(assumption.err).toContain('valid names are raise, uplift, extraPerWeek');
  });
});

it('says clearly when a PostgreSQL server cannot be reached', async () => {
  const result = await run('postgres://nobody:secret@127.0.0.1:1/none', 'practices');
  expect(result.code).toBe(3);
  expect(result.err).toMatch(/^fulcrum: /);
  expect(result.err).not.toContain('secret');
  expect(result.err).not.toMatch(/\n\s+at /);
});

it('writes an export file atomically with --out', async () => {
  const db = path.join(scratch, 'out.db');
  await run(db, 'import', SMALL);
  const out = path.join(scratch, 'exported.json');
  const result = await run(db, 'export', '--out', out);
  expect(result.code).toBe(0);
  expect(dataOf(JSON.parse(readFileSync(out, 'utf8')))).toEqual(
    dataOf(JSON.parse(readFileSync(SMALL, 'utf8'))),
  );
});
