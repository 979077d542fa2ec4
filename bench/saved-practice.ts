/**
 * The generated practice (bench/data.ts) saved in a SQLite file, for the scenarios that
 * read a large practice from a database. Generating and saving two million records
 * takes a minute or more, so the saved file is kept in the temp folder
 * (`$TMPDIR/fulcrum-bench-cache/practice-<payments>-<time entries>-<seed>-<hash>.db`, the
 * hash of the generator's sources: bench/data.ts, src/domain/demo, the model) and copied
 * for each run: every run reads a fresh file with the same contents, migrated by
 * `openStore` to the current schema. `BENCH_NO_CACHE=1` always generates and saves.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/store/connect.ts';
import { createPractice } from '../src/store/practice.repository.ts';
import { countRecords, savePracticeData } from '../src/store/records.repository.ts';
import { generateLargePractice } from './data.ts';
import type { BenchOptions } from './harness.ts';

export interface SavedPractice {
  practiceId: number;
  /** Records per collection, as counted in the file. */
  records: Record<string, number>;
  /**
   * How the file was made (generate and save times, rows/s: those of the run that saved
   * it) and `cached`: yes or no.
   */
  figures: Record<string, number | string>;
}

/**
 * Writes the practice of `options` into the SQLite file `file` (a path that does not
 * exist yet), from the cache when it holds it.
 * @example const { practiceId } = await savedPractice(options, path.join(dir, 'bench.db'));
 */
export async function savedPractice(options: BenchOptions, file: string): Promise<SavedPractice> {
  const key = `${options.payments}-${options.timeEntries}-${options.seed}-${await generatorHash()}`;
  const cacheDir = path.join(os.tmpdir(), 'fulcrum-bench-cache');
  const cached = path.join(cacheDir, `practice-${key}.db`);
  const meta = `${cached}.json`;
  if (process.env.BENCH_NO_CACHE !== '1' && existsSync(cached) && existsSync(meta)) {
    await copyFile(cached, file);
    const saved = JSON.parse(await readFile(meta, 'utf8')) as SavedPractice;
    return { ...saved, figures: { ...saved.figures, cached: 'yes' } };
  }
  let start = performance.now();
  const data = generateLargePractice({
    payments: options.payments,
    timeEntries: options.timeEntries,
    seed: options.seed,
  });
  const generateMs = performance.now() - start;
  const store = await openStore(file);
  let saved: SavedPractice;
  try {
    start = performance.now();
    const practiceId = await createPractice(store.db, data.practice);
    await savePracticeData(store.db, practiceId, data);
    const saveMs = performance.now() - start;
    const records = { ...(await countRecords(store.db, practiceId)) };
    const rows = Object.values(records).reduce((a, b) => a + b, 0);
    saved = {
      practiceId,
      records,
      figures: {
        generateMs: Math.round(generateMs),
        saveMs: Math.round(saveMs),
        saveRowsPerSecond: Math.round(rows / (saveMs / 1000)),
      },
    };
  } finally {
    await store.close();
  }
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  await copyFile(file, partial);
  await rename(partial, cached);
  await writeFile(meta, JSON.stringify(saved));
  return { ...saved, figures: { ...saved.figures, cached: 'no' } };
}

/** A short hash of the sources the generated data depends on. */
async function generatorHash(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '..');
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
