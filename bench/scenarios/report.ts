/**
 * Scenario `report`: the leverage report of a large practice on SQLite, as
 * `fulcrum report --json` computes it, against two hand-written GROUP BY queries that sum
 * revenue and hours per offer per month straight from the same file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ComputePool } from '../../src/app/compute/pool.ts';
import { buildReport } from '../../src/app/report.ts';
import {
  analyze,
  analyzeGroups,
  type GroupedData,
  type Period,
  periodAfter,
  type Report,
  resolveAssumptions,
  type WhatIfBasis,
} from '../../src/domain/analysis/index.ts';
import { openStore, SQLITE_READ_PRAGMAS, type Store } from '../../src/store/connect.ts';
import { loadAnalysisData, loadGroupedData } from '../../src/store/records.repository.ts';
import type { Scenario } from '../harness.ts';
import { savedPractice } from '../saved-practice.ts';

interface State {
  store: Store;
  practiceId: number;
  /** Two compute threads, started and ready: the server's (app/compute/pool.ts). */
  pool: ComputePool;
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
    let pool: ComputePool | undefined;
    const dispose = async () => {
      raw?.close();
      await pool?.close();
      await store?.close();
      await rm(dir, { recursive: true, force: true });
    };
    try {
      const saved = await savedPractice(options, file);
      store = await openStore(file);
      const opened = store;
      const practiceId = saved.practiceId;
      const rows = saved.records;
      const savedRows = Object.values(rows).reduce((a, b) => a + b, 0);

      raw = new BetterSqlite3(file, { readonly: true });
      // The baseline reads with the same settings as the store's connections.
      for (const pragma of SQLITE_READ_PRAGMAS) raw.pragma(pragma);
      const revenue = raw.prepare(REVENUE_SQL);
      const hours = raw.prepare(HOURS_SQL);
      const sqlite = raw.prepare('SELECT sqlite_version() AS v').get() as { v: string };

      // Compute threads started and ready, as the server's are (app/compute/pool.ts).
      const started = performance.now();
      pool = new ComputePool(file, { size: 2 });
      await pool.ready();
      const threadsReadyMs = Math.round(performance.now() - started);

      const loaded = await loadGroups(opened, practiceId);
      const report = analyzeGroups(loaded.data, loaded.period, resolveAssumptions({}));
      return {
        state: {
          store: opened,
          practiceId,
          pool,
          loaded,
          report,
          baseline: () => [revenue.all(practiceId), hours.all(practiceId)],
        },
        records: rows,
        setup: {
          ...saved.figures,
          savedRows,
          sqlite: sqlite.v,
          threadsReadyMs,
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
        'buildReport(store, id, {}) then JSON.stringify(report, null, 2), as report --json (one connection)',
      async run({ store, practiceId }) {
        return JSON.stringify(await buildReport(store, practiceId, {}), null, 2);
      },
    },
    {
      name: 'server',
      description:
        "the report as the server computes it: a task of two compute threads started and ready beforehand (the first reads the payments, the second, lent, the time entries, clients, costs and conversations) making the period's what-if basis, its JSON text handed back, the report's text taken out of it (app/report-cache.ts)",
      run: async ({ pool, practiceId }) => {
        const text = await pool.run({ kind: 'whatIfBasis', practiceId, options: {} });
        return JSON.stringify((JSON.parse(text) as WhatIfBasis).report);
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
