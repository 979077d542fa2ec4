/**
 * What a compute thread (pool.ts) loads: worker-main.ts and the sources it imports,
 * bundled by esbuild into one ES module (the libraries left to Node), kept in
 * `node_modules/.cache/fulcrum/` under the code version and made again when the code
 * changes (app/bundle.mjs, which makes the command line's bundle too). Through tsx, each
 * thread compiles every source file itself: two threads took ~1.4 s to be ready on the
 * benchmark machine, against ~0.45 s from the bundle — time a first visit after a
 * restart would wait.
 *
 * If the bundle cannot be made (a read-only install, esbuild missing), the threads load
 * worker.mjs, which runs the same sources through tsx: slower to start, the same code.
 */
import { bundledEntry } from '../bundle.mjs';

/** The entry that runs the sources through tsx. */
export const TSX_ENTRY = new URL('./worker.mjs', import.meta.url);

let entry: Promise<URL> | undefined;

/**
 * The module compute threads start from: the bundle (made on first call if needed) or,
 * failing that, `TSX_ENTRY`. `log` hears why the bundle could not be made.
 */
export function computeEntry(log: (line: string) => void = () => {}): Promise<URL> {
  entry ??= bundledEntry({ name: 'compute', entry: 'src/app/compute/worker-main.ts' }).catch(
    (error) => {
      log(`compute threads run through tsx: ${error instanceof Error ? error.message : error}`);
      return TSX_ENTRY;
    },
  );
  return entry;
}
