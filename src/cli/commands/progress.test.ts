/**
 * The import's progress line on a terminal: rows and rate redrawn at most every 100 ms,
 * then that the indexes are being built (never held back), cleared when done; nothing
 * at all when the output is not a terminal.
 */
import { expect, it } from 'vitest';
import { memoryIo } from '../io.ts';
import { progressReporter } from './progress.ts';

it('shows rows and their rate, then the index build, and clears the line', () => {
  const io = memoryIo();
  io.isTty = true;
  let now = 0;
  const progress = progressReporter(io, () => now);
  now = 150;
  progress.update({ file: 'a.csv', rows: 3000 });
  now = 200; // under 100 ms since the last line: not drawn
  progress.update({ file: 'a.csv', rows: 4000 });
  now = 210;
  progress.update({ file: 'a.csv', rows: 1_200_000, stage: 'indexing' });
  progress.done();
  expect(io.stderr.split('\r\x1b[K')).toEqual([
    '',
    'a.csv: 3,000 rows (20,000 rows/s)',
    '1,200,000 rows read; building the indexes…',
    '',
  ]);
});

it('is silent when the output is not a terminal', () => {
  const io = memoryIo();
  const progress = progressReporter(io, () => 500);
  progress.update({ file: 'a.csv', rows: 10 });
  progress.update({ file: 'a.csv', rows: 10, stage: 'indexing' });
  progress.done();
  expect(io.stderr).toBe('');
});

it('shows how many rows there are in all when the work knows', () => {
  const io = memoryIo();
  io.isTty = true;
  let now = 0;
  const progress = progressReporter(io, () => now);
  now = 2000;
  progress.update({ file: 'Re-applying the rules', rows: 10_000, of: 2_004_166 });
  progress.done();
  expect(io.stderr.split('\r\x1b[K')).toEqual([
    '',
    'Re-applying the rules: 10,000 of 2,004,166 rows (5,000 rows/s)',
    '',
  ]);
});
