/**
 * `fulcrum forecast` end to end, in-process, on a demo database: the JSON document is
 * the domain's forecast of the same data, the tables read well, and a bad scenario file
 * is an error naming the file and the JSON path.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../src/cli/io.ts';
import { main } from '../src/cli/main.ts';
import { generateDemo } from '../src/domain/demo/index.ts';
import { forecast } from '../src/domain/forecast/index.ts';
import { freshTarget } from './engines.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples/scenarios');
const example = (name: string) => path.join(EXAMPLES, name);
const scratch = mkdtempSync(path.join(tmpdir(), 'fulcrum-forecast-'));

function writeScenario(name: string, value: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

async function run(db: string, ...args: string[]) {
  const io = memoryIo({}, '2026-11-25');
  const code = await main(['node', 'fulcrum', '--db', db, ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('fulcrum forecast', () => {
  let db: string;
  beforeAll(async () => {
    db = await freshTarget('sqlite');
    expect((await run(db, 'demo', '--end', '2026-10-31')).code).toBe(0);
  });

  it('prints the domain forecast of the practice as JSON', async () => {
    const files = ['raise-rates.json', 'launch-course.json', 'more-conversations.json'];
    const args = files.flatMap((f) => ['--scenario', example(f)]);
    const result = await run(db, 'forecast', '--json', '--months', '6', '--runs', '1000', ...args);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.out);
    const expected = forecast(generateDemo({ endDate: '2026-10-31' }), {
      months: 6,
      runs: 1000,
      seed: 7,
      scenarios: files.map((f) => JSON.parse(readFileSync(example(f), 'utf8'))),
    });
    expect(document).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(Object.keys(document)).toEqual(
      expect.arrayContaining(['asOf', 'months', 'runs', 'seed', 'model', 'baseline', 'scenarios']),
    );
    expect(document.months[0]).toBe('2026-11');
    expect(document.scenarios.map((s: { name: string }) => s.name)).toEqual([
      'Raise rates 10%',
      'Launch a $197 course',
      '2 more conversations a week',
    ]);
    expect(Object.keys(document.scenarios[0])).toEqual(
      expect.arrayContaining([
        'name',
        'changes',
        'revenue',
        'hours',
        'effectiveHourlyRate',
        'extraHours',
      ]),
    );
  });

  it('shows tidy tables: by month up to 12 months, by quarter beyond, and how it was computed', async () => {
    const short = await run(
      db,
      'forecast',
      '--months',
      '3',
      '--runs',
      '1000',
      '--scenario',
      example('launch-course.json'),
    );
    expect(short.code).toBe(0);
    expect(short.out).toContain(
      'Harbor Light Coaching — forecast of 3 months, 2026-11 to 2027-01, in USD',
    );
    expect(short.out).toContain('Baseline: the practice as it is');
    expect(short.out).toContain('Scenario: Launch a $197 course');
    expect(short.out).toMatch(/Month\s+Revenue USD P50\s+P10–P90\s+Hours P50/);
    expect(short.out).toMatch(/\n {2}2026-12 +[\d,]+ +[\d,]+–[\d,]+/);
    expect(short.out).toMatch(/Extra hours P50\s+P10–P90/);
    expect(short.out).toContain('All 3 months');
    expect(short.out).toContain('How this was computed');
    const long = await run(db, 'forecast', '--runs', '1000');
    expect(long.out).toMatch(/\n {2}2026-11 – 2027-01 +[\d,]+/);
    expect(long.out).toContain('All 24 months');
    const monthly = await run(db, 'forecast', '--runs', '1000', '--monthly');
    expect(monthly.out).toMatch(/\n {2}2028-10 +[\d,]+/);
  });

  it('names the file and the JSON path of a bad scenario, and writes nothing else', async () => {
    const bad = writeScenario('bad.json', {
      name: 'Raise',
      changes: [{ type: 'raise_rates', raisePercent: 'ten' }],
    });
    const result = await run(db, 'forecast', '--scenario', bad);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`fulcrum: ${bad} is not a valid scenario (1 problem)`);
    expect(result.err).toContain(
      '  changes[0].raisePercent: expected the raise as a percentage (10 for 10%), got "ten"',
    );
    expect(result.err).not.toMatch(/\n\s+at /);

    const broken = writeScenario('broken.json', '{\n  "name": "x",,\n}');
    expect((await run(db, 'forecast', '--scenario', broken)).err).toContain(
      `${broken}:2:15: expected a property name in double quotes`,
    );
    const missing = await run(db, 'forecast', '--scenario', path.join(scratch, 'nope.json'));
    expect(missing.err).toContain('nope.json: no such file');

    const tiktok = writeScenario('tiktok.json', {
      name: 'TikTok',
      changes: [{ type: 'shift_marketing', hoursPerMonth: 2, from: 'instagram', to: 'tiktok' }],
    });
    const unknown = await run(
      db,
      'forecast',
      '--scenario',
      example('raise-rates.json'),
      '--scenario',
      tiktok,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(
      `fulcrum: ${tiktok}: changes[0].to: no marketing hours logged for "tiktok"`,
    );
  });

  it('says what to write for options out of range', async () => {
    const runs = await run(db, 'forecast', '--runs', '10');
    expect(runs.code).toBe(1);
    expect(runs.err).toContain('runs must be a whole number from 1000 to 100000 (got 10)');
    const months = await run(db, 'forecast', '--months', 'many');
    expect(months.code).toBe(2);
    expect(months.err).toContain('expected a whole number, got "many"');
  });
});
