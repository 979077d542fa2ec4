/**
 * A progress line for long imports on a terminal (rows read and the rate, redrawn in
 * place on stderr); silent when output is not a terminal.
 */
import type { CliIo } from '../io.ts';

export function progressReporter(io: CliIo, now: () => number = () => performance.now()) {
  const started = now();
  let shown = false;
  let last = 0;
  return {
    update: ({ file, rows }: { file: string; rows: number }) => {
      if (!io.isTty) return;
      const t = now();
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
