/**
 * A progress line for long work on a terminal — imports, `rules apply` — (rows done, of
 * how many when known, and the rate, redrawn in place on stderr; then, after a large
 * import, that the indexes are being built); silent when output is not a terminal.
 */
import type { ImportProgress } from '../../app/imports/import.ts';
import type { CliIo } from '../io.ts';

export function progressReporter(io: CliIo, now: () => number = () => performance.now()) {
  const started = now();
  let shown = false;
  let last = 0;
  const count = (n: number) => n.toLocaleString('en-US');
  return {
    update: ({ file, rows, of, stage }: ImportProgress) => {
      if (!io.isTty) return;
      const t = now();
      if (stage === 'indexing') {
        io.err(`\r\x1b[K${count(rows)} rows read; building the indexes…`);
        shown = true;
        return;
      }
      if (t - last < 100) return;
      last = t;
      const rate = rows / Math.max(0.001, (t - started) / 1000);
      const done = of === undefined ? count(rows) : `${count(rows)} of ${count(of)}`;
      io.err(`\r\x1b[K${file}: ${done} rows (${count(Math.round(rate))} rows/s)`);
      shown = true;
    },
    done: () => {
      if (shown) io.err('\r\x1b[K');
      shown = false;
    },
  };
}
