/**
 * What a compute thread (pool.ts) loads: worker-main.ts and the sources it imports,
 * bundled by esbuild into one ES module (the libraries left to Node), kept in
 * `node_modules/.cache/fulcrum/` under the code version (code-version.ts) and made
 * again when the code changes. Through tsx, each thread compiles every source file
 * itself: two threads took ~1.4 s to be ready on the benchmark machine, against ~0.45 s
 * from the bundle — time a first visit after a restart would wait.
 *
 * If the bundle cannot be made (a read-only install, esbuild missing), the threads load
 * worker.mjs, which runs the same sources through tsx: slower to start, the same code.
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeVersion } from '../code-version.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
/** Inside the package, so that Node finds the libraries the bundle imports. */
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'fulcrum');

/** The entry that runs the sources through tsx. */
export const TSX_ENTRY = new URL('./worker.mjs', import.meta.url);

let entry: Promise<URL> | undefined;

/**
 * The module compute threads start from: the bundle (made on first call if needed) or,
 * failing that, `TSX_ENTRY`. `log` hears why the bundle could not be made.
 */
export function computeEntry(log: (line: string) => void = () => {}): Promise<URL> {
  entry ??= bundled().catch((error) => {
    log(`compute threads run through tsx: ${error instanceof Error ? error.message : error}`);
    return TSX_ENTRY;
  });
  return entry;
}

async function bundled(): Promise<URL> {
  const file = path.join(CACHE, `compute-${await codeVersion()}.mjs`);
  if (await exists(file)) return pathToFileURL(file);
  const { build } = await import('esbuild');
  await mkdir(CACHE, { recursive: true });
  // Written aside, then renamed: a server starting meanwhile never loads half a file.
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await build({
      entryPoints: [path.join(HERE, 'worker-main.ts')],
      outfile: partial,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  await forgetOld(path.basename(file));
  return pathToFileURL(file);
}

/** Bundles of other code versions an hour old: no thread of a running server starts from them. */
async function forgetOld(current: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of await readdir(CACHE).catch(() => [] as string[])) {
    if (name === current || !/^compute-.*\.mjs$/.test(name)) continue;
    const file = path.join(CACHE, name);
    const modified = await stat(file).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
    if (modified < hourAgo) await rm(file, { force: true }).catch(() => {});
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
