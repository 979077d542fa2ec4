/**
 * A progress line for long imports on a terminal (rows read and the rate, redrawn in
 * place on stderr; then, after a large import, that the indexes are being built); silent
 * when output is not a terminal.
 */
import type { ImportProgress } from '../../app/imports/import.ts';
import type { CliIo } from '../io.ts';

export function progressReporter(io: CliIo, now: () => number = () => performance.now()) {
  const started = now();
  let shown = false;
  let last = 0;
  return {
    update: ({ file, rows, stage }: ImportProgress) => {
      if (!io.isTty) return;
      const t = now();
      if (stage === 'indexing') {
        io.err(`\r\x1b[K${rows.toLocaleString('en-US')} rows read; building the indexes…`);
        shown = true;
        return;
      }
      if (t - last < 100) return;
      last = t;
      const rate = rows / Math.max(0.001, (t - started) / 1000);
      io.err(
        `\r\x1b[K${file}: ${rows.toLocaleString('en-US')} rows (${Math.round(rate).toLocaleString('en-US')} rows/s)`,
      );
      shown = true;
    },
    done: () => {
      if (shown) io.err('\r\x1b[K');
      shown = false;
    },
  };
}
