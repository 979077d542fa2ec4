/**
 * Scenario `report`: the leverage report of a large practice on SQLite, as
 * `fulcrum report --json` computes it, against two hand-written GROUP BY queries that sum
 * revenue and hours per offer per month straight from the same file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildReport } from '../../src/app/report.ts';
import { type AnalysisData, analyze, type Report } from '../../src/domain/analysis/index.ts';
import type { PracticeData } from '../../src/domain/model.ts';
import { openStore, type Store } from '../../src/store/connect.ts';
import { createPractice } from '../../src/store/practice.repository.ts';
import {
  loadAnalysisData,
  loadPracticeData,
  savePracticeData,
} from '../../src/store/records.repository.ts';
import { generateLargePractice } from '../data.ts';
import type { Scenario } from '../harness.ts';

interface State {
  store: Store;
  practiceId: number;
  /** The practice as the report loads it, loaded once, for the analyze-only measure. */
  loaded: AnalysisData;
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
    let start = performance.now();
    const data = generateLargePractice({
      payments: options.payments,
      timeEntries: options.timeEntries,
      seed: options.seed,
    });
    const generateMs = performance.now() - start;

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
      store = await openStore(file);
      const opened = store;
      start = performance.now();
      const practiceId = await createPractice(opened.db, data.practice);
      await savePracticeData(opened.db, practiceId, data);
      const saveMs = performance.now() - start;
      const rows = records(data);
      const savedRows = Object.values(rows).reduce((a, b) => a + b, 0);

      raw = new BetterSqlite3(file, { readonly: true });
      const revenue = raw.prepare(REVENUE_SQL);
      const hours = raw.prepare(HOURS_SQL);
      const sqlite = raw.prepare('SELECT sqlite_version() AS v').get() as { v: string };

      const loaded = await loadAnalysisData(opened.db, practiceId);
      const report = analyze(loaded, {});
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
          generateMs: Math.round(generateMs),
          saveMs: Math.round(saveMs),
          savedRows,
          saveRowsPerSecond: Math.round(savedRows / (saveMs / 1000)),
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
        "loadAnalysisData(store.db, id): the report's load, every record with the columns the analysis reads",
      run: ({ store, practiceId }) => loadAnalysisData(store.db, practiceId),
    },
    {
      name: 'analyze',
      description: 'analyze(data, {}) on the practice loaded once',
      run: ({ loaded }) => analyze(loaded, {}),
    },
    {
      name: 'loadAll',
      description:
        'loadPracticeData(store.db, id): every record with every column, as export does (informative)',
      run: ({ store, practiceId }) => loadPracticeData(store.db, practiceId),
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

function records(data: PracticeData): Record<string, number> {
  return {
    offers: data.offers.length,
    clients: data.clients.length,
    payments: data.payments.length,
    timeEntries: data.timeEntries.length,
    costs: data.costs.length,
    conversations: data.conversations.length,
    listSnapshots: data.listSnapshots.length,
    rates: data.rates.length,
  };
}
