/**
 * A file on disk as an import source: the whole file, from the start on every opening,
 * in chunks of at most `READ_CHUNK_BYTES` (so each chunk's string stays out of V8's
 * large-object space; see the constant).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fileSource, READ_CHUNK_BYTES } from './import.ts';

const dir = mkdtempSync(join(tmpdir(), 'fulcrum-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads the whole file in chunks of at most READ_CHUNK_BYTES, again on each opening', async () => {
  const file = join(dir, 'payments.csv');
  const text = 'id,Description\n' + 'ch_1,Séance “coaching” – 1:1\n'.repeat(10_000);
  writeFileSync(file, text);
  const source = fileSource(file, 'payments.csv');
  expect(source.name).toBe('payments.csv');
  expect(fileSource(file).name).toBe(file);
  for (let pass = 0; pass < 2; pass++) {
    const chunks: Buffer[] = [];
    for await (const chunk of source.open() as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(READ_CHUNK_BYTES);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
  }
});
