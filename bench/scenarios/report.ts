/**
 * Scenario `report`: the leverage report of a large practice on SQLite, as
 * `fulcrum report --json` computes it, against two hand-written GROUP BY queries that sum
 * revenue and hours per offer per month straight from the same file.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildReport } from '../../src/app/report.ts';
import {
  analyze,
  analyzeGroups,
  type GroupedData,
  type Period,
  periodAfter,
  type Report,
  resolveAssumptions,
} from '../../src/domain/analysis/index.ts';
import type { PracticeData } from '../../src/domain/model.ts';
import { openStore, SQLITE_READ_PRAGMAS, type Store } from '../../src/store/connect.ts';
import { createPractice } from '../../src/store/practice.repository.ts';
import {
  countRecords,
  loadAnalysisData,
  loadGroupedData,
  savePracticeData,
} from '../../src/store/records.repository.ts';
import { generateLargePractice } from '../data.ts';
import type { BenchOptions, Scenario } from '../harness.ts';

interface State {
  store: Store;
  practiceId: number;
  /** The groups of the default period as the report loads them, once, for `analyze`. */
  loaded: { period: Period; data: GroupedData };
  /** A report computed once, for the serialise-only measure. */
  report: Report;
  baseline: () => unknown[];
}

/** Revenue and fees per offer, month and currency: no conversion, no period, no rules. */
const REVENUE_SQL = `
  SELECT offer_id, substr(date, 1, 7) AS month, currency,
         SUM(amount) AS revenue, SUM(COALESCE(fee, 0)) AS fees, COUNT(*) AS payments
  FROM payments WHERE practice_id = ?
  GROUP BY offer_id, month, currency`;

/** Hours per offer and month. */
const HOURS_SQL = `
  SELECT offer_id, substr(date, 1, 7) AS month, SUM(hours) AS hours
  FROM time_entries WHERE practice_id = ?
  GROUP BY offer_id, month`;

export const reportScenario: Scenario<State> = {
  name: 'report',
  description:
    'buildReport on a SQLite file holding one large practice (load + analyze + JSON), against two hand-written GROUP BY queries of revenue and hours per offer per month',
  headline: 'full',

  async setup(options) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fulcrum-bench-'));
    const file = path.join(dir, 'bench.db');
    let store: Store | undefined;
    let raw: BetterSqlite3.Database | undefined;
    const dispose = async () => {
      raw?.close();
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      const saved = await savedPractice(options, file);
      store = await openStore(file);
      const opened = store;
      const practiceId = saved.practiceId;
      const rows = { ...(await countRecords(opened.db, practiceId)) };
      const savedRows = Object.values(rows).reduce((a, b) => a + b, 0);

      raw = new BetterSqlite3(file, { readonly: true });
      // The baseline reads with the same settings as the store's connections.
      for (const pragma of SQLITE_READ_PRAGMAS) raw.pragma(pragma);
      const revenue = raw.prepare(REVENUE_SQL);
      const hours = raw.prepare(HOURS_SQL);
      const sqlite = raw.prepare('SELECT sqlite_version() AS v').get() as { v: string };

      const loaded = await loadGroups(opened, practiceId);
      const report = analyzeGroups(loaded.data, loaded.period, resolveAssumptions({}));
      return {
        state: {
          store: opened,
          practiceId,
          loaded,
          report,
          baseline: () => [revenue.all(practiceId), hours.all(practiceId)],
        },
        records: rows,
        setup: {
          ...saved.figures,
          savedRows,
          sqlite: sqlite.v,
        },
        dispose,
      };
    } catch (error) {
      await dispose();
      throw error;
    }
  },

  measures: [
    {
      name: 'full',
      description:
        'buildReport(store, id, {}) then JSON.stringify(report, null, 2), as report --json',
      async run({ store, practiceId }) {
        return JSON.stringify(await buildReport(store, practiceId, {}), null, 2);
      },
    },
    {
      name: 'load',
      description:
        "loadGroupedData(store.db, id, default period): the report's load, the period's records summed by the database",
      run: ({ store, practiceId }) => loadGroups(store, practiceId),
    },
    {
      name: 'analyze',
      description: 'analyzeGroups(groups, period) on the groups loaded once',
      run: ({ loaded }) => analyzeGroups(loaded.data, loaded.period, resolveAssumptions({})),
    },
    {
      name: 'records',
      description:
        'loadAnalysisData + analyze: the report from every record read into the process (the path before the groups; informative)',
      async run({ store, practiceId }) {
        return analyze(await loadAnalysisData(store.db, practiceId), {});
      },
    },
    {
      name: 'json',
      description: 'JSON.stringify(report, null, 2) of a report computed once',
      run: ({ report }) => JSON.stringify(report, null, 2),
    },
  ],

  baseline: {
    name: 'baseline',
    description:
      'two prepared GROUP BY queries via better-sqlite3 on the same file: revenue and fees per offer, month and currency; hours per offer and month',
    run: ({ baseline }) => baseline(),
  },
};

/** The report's load for the default period, as buildReport does it. */
function loadGroups(store: Store, practiceId: number) {
  return loadGroupedData(store.db, practiceId, async (latest) => {
    const last = await latest();
    return periodAfter(() => last);
  });
}

/**
 * Generating and saving a million-record practice takes a minute or more, so the saved
 * SQLite file is kept in the temp folder, named by the size, the seed and a hash of the
 * generator's sources (bench/data.ts, src/domain/demo, the model), and copied for each
 * run: the file every run measures is fresh, its contents the same. The setup figures
 * (generate and save times, rows/s) are those of the run that saved it.
 * `BENCH_NO_CACHE=1` always generates and saves.
 */
async function savedPractice(
  options: BenchOptions,
  file: string,
): Promise<{ practiceId: number; figures: Record<string, number | string> }> {
  const key = `${options.payments}-${options.timeEntries}-${options.seed}-${await generatorHash()}`;
  const cacheDir = path.join(os.tmpdir(), 'fulcrum-bench-cache');
  const cached = path.join(cacheDir, `report-${key}.db`);
  const meta = `${cached}.json`;
  if (process.env.BENCH_NO_CACHE !== '1' && existsSync(cached) && existsSync(meta)) {
    await copyFile(cached, file);
    const saved = JSON.parse(await readFile(meta, 'utf8'));
    return { practiceId: saved.practiceId, figures: { ...saved.figures, cached: 'yes' } };
  }
  let start = performance.now();
  const data = generateLargePractice({
    payments: options.payments,
    timeEntries: options.timeEntries,
    seed: options.seed,
  });
  const generateMs = performance.now() - start;
  const store = await openStore(file);
  let practiceId: number;
  let saveMs: number;
  try {
    start = performance.now();
    practiceId = await createPractice(store.db, data.practice);
    await savePracticeData(store.db, practiceId, data);
    saveMs = performance.now() - start;
  } finally {
    await store.close();
  }
  const savedRows = recordCount(data);
  const figures = {
    generateMs: Math.round(generateMs),
    saveMs: Math.round(saveMs),
    saveRowsPerSecond: Math.round(savedRows / (saveMs / 1000)),
  };
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await copyFile(file, partial);
  await rename(partial, cached);
  await writeFile(meta, JSON.stringify({ practiceId, figures }));
  return { practiceId, figures: { ...figures, cached: 'no' } };
}

/** A short hash of the sources the generated data depends on. */
async function generatorHash(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '../..');
  const demo = path.join(root, 'src/domain/demo');
  const files = [
    path.join(root, 'bench/data.ts'),
    path.join(root, 'src/domain/model.ts'),
    ...(await readdir(demo)).filter((f) => f.endsWith('.ts')).map((f) => path.join(demo, f)),
  ].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(await readFile(f));
  return hash.digest('hex').slice(0, 12);
}

function recordCount(data: PracticeData): number {
  return (
    data.offers.length +
    data.clients.length +
    data.payments.length +
    data.timeEntries.length +
    data.costs.length +
    data.conversations.length +
    data.listSnapshots.length +
    data.rates.length
  );
}
