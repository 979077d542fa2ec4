/**
 * Scenarios `import` (SQLite) and `import-pg` (PostgreSQL): Fulcrum's full import of a
 * large Stripe payments export and a large Toggl detailed report (bench/import-data.ts),
 * against the database's own bulk loader reading the same files into a bare table in the
 * same run: the `sqlite3` CLI's `.import --csv`, and psql's `\copy … FROM` (`COPY … FROM
 * STDIN`). Ratios are rates: Fulcrum's rows/s as a fraction of the baseline's.
 *
 * Fulcrum imports in a child process per file (bench/import-child.ts) so the figures are
 * the import's alone: its own wall and CPU time, and the child's peak RSS. Each run imports
 * into a fresh database (a new SQLite file; a new PostgreSQL database).
 */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { bundledEntry } from '../../src/app/bundle.mjs';
import {
  type BenchOptions,
  childrenCpuMs,
  type Measure,
  type Scenario,
  Timed,
} from '../harness.ts';
import type { ChildResult } from '../import-child.ts';
import {
  STRIPE_HEADER,
  TOGGL_HEADER,
  writeStripePayments,
  writeTogglEntries,
} from '../import-data.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = path.join(ROOT, 'bench', 'import-child.ts');

/** The two files, in import order: name, path, data rows (CSV records after the header). */
interface Export {
  name: 'stripe' | 'toggl';
  file: string;
  rows: number;
  columns: number;
}

interface Engine {
  /** A fresh, empty target for one Fulcrum import, and how to remove it. */
  fresh(run: number): Promise<{ target: string; drop: () => Promise<void> }>;
  /** Loads one file into a fresh bare table with the engine's bulk loader; returns its rows. */
  baseline(file: Export): Promise<{ ms: number; cpuMs: number; rows: number }>;
  dispose(): Promise<void>;
  describe: Record<string, string>;
}

interface State {
  files: Export[];
  engine: Engine;
  runs: number;
}

/** Runs a command, resolves with its stdout; rejects with its stderr when it fails. */
function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args[0] ?? ''} failed (${code}): ${err.trim()}`));
    });
  });
}

const has = (command: string) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** The Debian package `pkg` for `command`: installed when missing (root with apt-get), else an error. */
function ensureCommand(command: string, pkg: string): void {
  if (has(command)) return;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    throw new Error(
      `the ${command} command is missing: install it (Debian: apt-get install ${pkg})`,
    );
  }
  process.stderr.write(`import: installing ${pkg} (apt-get install -y ${pkg})…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const done = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (done.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
  if (!has(command)) throw new Error(`${pkg} was installed but ${command} is still missing`);
}

async function timedCommand(command: string, args: string[]) {
  const cpu = childrenCpuMs();
  const start = performance.now();
  await run(command, args);
  return { ms: performance.now() - start, cpuMs: childrenCpuMs() - cpu };
}

function sqliteEngine(dir: string): Engine {
  ensureCommand('sqlite3', 'sqlite3');
  const version = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0];
  return {
    describe: { engine: 'SQLite', baseline: `sqlite3 ${version} .import --csv` },
    async fresh(n) {
      const target = path.join(dir, `fulcrum-${n}.db`);
      return { target, drop: () => removeDb(target) };
    },
    async baseline(file) {
      const target = path.join(dir, `baseline-${file.name}.db`);
      await removeDb(target);
      // No table yet: `.import` creates a bare one (TEXT columns) from the header row.
      const timed = await timedCommand('sqlite3', [target, `.import --csv ${file.file} t`]);
      const db = new BetterSqlite3(target, { readonly: true });
      const rows = (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
      db.close();
      await removeDb(target);
      return { ...timed, rows };
    },
    async dispose() {},
  };
}

async function removeDb(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(file + suffix, { force: true });
}

/**
 * The PostgreSQL server: FULCRUM_BENCH_PG_URL, else a throwaway cluster that
 * scripts/pg.sh installs and starts (in its own folder, port PGTEST_PORT or 54339, so it
 * never touches the tests' cluster), stopped afterwards when this run started it.
 */
async function postgresEngine(): Promise<Engine> {
  let url = process.env.FULCRUM_BENCH_PG_URL?.trim();
  let stop: (() => void) | undefined;
  if (!url) {
    const env = {
      ...process.env,
      PGTEST_PORT: process.env.PGTEST_PORT || '54339',
      PGTEST_DIR: process.env.PGTEST_DIR || path.join(os.tmpdir(), 'fulcrum-bench-pg'),
    };
    const script = path.join(ROOT, 'scripts', 'pg.sh');
    const wasRunning = spawnSync('bash', [script, 'status'], { env, stdio: 'ignore' }).status === 0;
    const started = spawnSync('bash', [script, 'start'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (started.status !== 0) throw new Error('scripts/pg.sh start failed (see above)');
    url = started.stdout.trim();
    if (!wasRunning) stop = () => spawnSync('bash', [script, 'stop'], { env, stdio: 'inherit' });
  }
  ensureCommand('psql', 'postgresql-client');
  const dbUrl = (name: string) => {
    const u = new URL(url!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const baseDb = 'fulcrum_bench_baseline';
  const recreate = async (name: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  };
  await recreate(baseDb);
  const base = new pg.Client({ connectionString: dbUrl(baseDb) });
  await base.connect();
  const version = (
    await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")
  ).rows[0]!.v;
  return {
    describe: {
      engine: `PostgreSQL ${version}`,
      baseline: 'psql \\copy … FROM … (FORMAT csv, HEADER)',
    },
    async fresh(n) {
      const name = `fulcrum_bench_${n}`;
      await recreate(name);
      return {
        target: dbUrl(name),
        drop: () => admin.query(`DROP DATABASE ${name} WITH (FORCE)`).then(() => {}),
      };
    },
    async baseline(file) {
      const columns = Array.from({ length: file.columns }, (_, i) => `c${i} text`).join(', ');
      await base.query(`DROP TABLE IF EXISTS t; CREATE TABLE t (${columns})`);
      const copy = `\\copy t FROM '${file.file}' WITH (FORMAT csv, HEADER true)`;
      const timed = await timedCommand('psql', [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        dbUrl(baseDb),
        '-c',
        copy,
      ]);
      const rows = Number(
        (await base.query<{ n: string }>('SELECT count(*) AS n FROM t')).rows[0]!.n,
      );
      await base.query('DROP TABLE t');
      return { ...timed, rows };
    },
    async dispose() {
      await base.end();
      await admin.query(`DROP DATABASE IF EXISTS ${baseDb} WITH (FORCE)`);
      await admin.end();
      stop?.();
    },
  };
}

let childEntry: Promise<string> | undefined;

/**
 * The child's module: bench/import-child.ts bundled by esbuild, as `fulcrum import` runs
 * its sources (src/app/bundle.mjs, bin/fulcrum.mjs), not through tsx, whose loader
 * thread and compiled sources would count in the child's memory; the sources through
 * tsx when no bundle can be made, as the command does.
 */
function childModule(): Promise<string> {
  childEntry ??= bundledEntry({ name: 'bench-import', entry: 'bench/import-child.ts' }).then(
    (url) => fileURLToPath(url),
    () => CHILD,
  );
  return childEntry;
}

async function importChild(target: string, file: string): Promise<ChildResult> {
  const child = await childModule();
  const out = await run(
    process.execPath,
    [
      ...(child === CHILD ? ['--import', 'tsx'] : []),
      child,
      JSON.stringify({ target, files: [file] }),
    ],
    {
      cwd: ROOT,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

const rate = (rows: number, ms: number) => Math.round((rows * 1000) / ms);

const fulcrum: Measure<State> = {
  name: 'fulcrum',
  description:
    'importFiles (what `fulcrum import` runs: parse, normalise, rules, dedupe, write) of each file into a fresh database, one child process per file',
  async run(state) {
    const figures: Record<string, number> = {};
    let ms = 0;
    let cpuMs = 0;
    let peak = 0;
    for (const file of state.files) {
      const { target, drop } = await state.engine.fresh(state.runs++);
      try {
        const result = await importChild(target, file.file);
        ms += result.ms;
        cpuMs += result.cpuMs;
        peak = Math.max(peak, result.peakRssMB);
        figures[`${file.name}RowsPerSec`] = rate(file.rows, result.ms);
        figures[`${file.name}PeakRssMB`] = result.peakRssMB;
        figures[`${file.name}Records`] = result.added.payments + result.added.timeEntries;
      } finally {
        await drop();
      }
    }
    figures.rowsPerSec = rate(totalRows(state), ms);
    figures.peakRssMB = peak;
    return new Timed(figures, ms, cpuMs);
  },
};

const baseline: Measure<State> = {
  name: 'baseline',
  description: "the database's bulk CSV loader reading the same files into a fresh bare table",
  async run(state) {
    const figures: Record<string, number> = {};
    let ms = 0;
    let cpuMs = 0;
    for (const file of state.files) {
      const result = await state.engine.baseline(file);
      if (result.rows !== file.rows) {
        throw new Error(
          `baseline loaded ${result.rows} rows of ${file.name}, expected ${file.rows}`,
        );
      }
      ms += result.ms;
      cpuMs += result.cpuMs;
      figures[`${file.name}RowsPerSec`] = rate(file.rows, result.ms);
    }
    figures.rowsPerSec = rate(totalRows(state), ms);
    return new Timed(figures, ms, cpuMs);
  },
};

const totalRows = (state: State) => state.files.reduce((n, f) => n + f.rows, 0);

function importScenario(
  name: string,
  engineName: string,
  target: string,
  makeEngine: (dir: string) => Promise<Engine>,
): Scenario<State> {
  return {
    name,
    description: `Fulcrum's full import of a Stripe payments export and a Toggl detailed report into ${engineName}, against ${target} of the same files into a bare table (rate ratio: ≥ ${name === 'import' ? '0.5' : '0.4'} is the target)`,
    headline: 'fulcrum',
    ratio: 'throughput',
    defaults: { payments: 1_000_000, timeEntries: 1_000_000, runs: 3, warmup: 0 },
    async setup(options: BenchOptions) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'fulcrum-bench-import-'));
      let engine: Engine | undefined;
      try {
        const start = performance.now();
        const stripe = path.join(dir, 'unified_payments.csv');
        const toggl = path.join(dir, 'toggl_detailed.csv');
        await writeStripePayments(stripe, options.payments, options.seed);
        await writeTogglEntries(toggl, options.timeEntries, options.seed);
        const generateMs = performance.now() - start;
        engine = await makeEngine(dir);
        const files: Export[] = [
          { name: 'stripe', file: stripe, rows: options.payments, columns: STRIPE_HEADER.length },
          { name: 'toggl', file: toggl, rows: options.timeEntries, columns: TOGGL_HEADER.length },
        ];
        const sizes = await Promise.all(files.map((f) => stat(f.file)));
        const made = engine;
        return {
          state: { files, engine: made, runs: 0 },
          setup: {
            ...made.describe,
            generateMs: Math.round(generateMs),
            stripeMB: Math.round(sizes[0]!.size / 1e5) / 10,
            togglMB: Math.round(sizes[1]!.size / 1e5) / 10,
          },
          records: { stripeRows: options.payments, togglRows: options.timeEntries },
          async dispose() {
            await made.dispose();
            await rm(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        await engine?.dispose();
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },
    measures: [fulcrum],
    baseline,
  };
}

export const importSqliteScenario = importScenario(
  'import',
  'a fresh SQLite file',
  'the sqlite3 CLI .import',
  async (dir) => sqliteEngine(dir),
);

export const importPgScenario = importScenario(
  'import-pg',
  'a fresh PostgreSQL database',
  'psql \\copy (COPY FROM STDIN)',
  () => postgresEngine(),
);
