/**
 * One Fulcrum import in a process of its own, so its peak memory is its own: the import
 * benchmark (bench/scenarios/import.ts) runs
 *
 *   node --import tsx bench/import-child.ts '{"target":"…","files":["…"]}'
 *
 * The child opens the target (a fresh SQLite file or PostgreSQL database), creates the
 * benchmark practice (offers and rules, no records: bench/import-data.ts), then times
 * `importFiles`, the use case `fulcrum import` runs (parse, normalise, rules, dedupe,
 * write, in one transaction), and prints one JSON line: the import's wall and CPU
 * milliseconds, what it added, and the process's peak RSS.
 */
import path from 'node:path';
import { fileSource, importFiles } from '../src/app/imports/import.ts';
import { openStore } from '../src/store/connect.ts';
import { createPractice } from '../src/store/practice.repository.ts';
import { savePracticeData } from '../src/store/records.repository.ts';
import { importPractice } from './import-data.ts';

export interface ChildRequest {
  target: string;
  files: string[];
}

export interface ChildResult {
  /** Wall-clock ms of `importFiles` alone (not the process start or the practice set-up). */
  ms: number;
  /** CPU ms (user + system) of the process during the import. */
  cpuMs: number;
  /** Rows the importers turned into records, over every file. */
  rows: number;
  added: { payments: number; timeEntries: number; clients: number };
  duplicates: number;
  unassigned: number;
  /** Peak resident set size of this process, MB. */
  peakRssMB: number;
  /** V8's heap size at the end of the import, MB (what of the RSS is JavaScript's). */
  heapMB: number;
}

async function main(request: ChildRequest): Promise<ChildResult> {
  const store = await openStore(request.target);
  try {
    const data = importPractice();
    const practiceId = await createPractice(store.db, data.practice);
    await savePracticeData(store.db, practiceId, data);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const report = await importFiles(store, practiceId, {
      files: request.files.map((file) => fileSource(file, path.basename(file))),
      asOf: '2026-11-25',
    });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const sum = (pick: (f: (typeof report.files)[number]) => number) =>
      report.files.reduce((total, f) => total + pick(f), 0);
    return {
      ms,
      cpuMs: (used.user + used.system) / 1000,
      rows: sum((f) => f.rows),
      added: {
        payments: sum((f) => f.added.payments),
        timeEntries: sum((f) => f.added.timeEntries),
        clients: sum((f) => f.added.clients),
      },
      duplicates: sum((f) => f.duplicates),
      unassigned: sum((f) => f.unassigned),
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      heapMB: process.memoryUsage().heapTotal / 2 ** 20,
    };
  } finally {
    await store.close();
  }
}

const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
process.stdout.write(`${JSON.stringify(await main(request))}\n`);
