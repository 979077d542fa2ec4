/**
 * Which code this process runs: a hash of Fulcrum's server-side sources (everything
 * under `src/` but the web page and tests), read once per process. A document kept in
 * the database (store/kept-document.repository.ts) is used only by the same code that
 * computed it, so an upgrade that changes a figure never serves an old one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Not part of what the server computes: the page, and tests. */
const skipped = (relative: string) =>
  relative === 'web' ||
  relative.startsWith(`web${path.sep}`) ||
  /\.test(-support)?\.ts$/.test(relative);

async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skipped(path.relative(SOURCES, full))) continue;
    if (entry.isDirectory()) found.push(...(await sourceFiles(full)));
    else if (/\.(ts|json)$/.test(entry.name)) found.push(full);
  }
  return found;
}

let version: Promise<string> | undefined;

/**
 * The hash (hex, 16 characters) of the sources, computed on first use. Sources that
 * cannot be read give a value of this process alone: nothing kept is used, nothing fails.
 */
export function codeVersion(): Promise<string> {
  version ??= (async () => {
    const hash = createHash('sha256');
    for (const file of (await sourceFiles(SOURCES)).sort()) {
      hash.update(path.relative(SOURCES, file));
      hash.update('\u0000');
      hash.update(await readFile(file));
      hash.update('\u0000');
    }
    return hash.digest('hex').slice(0, 16);
  })().catch(() => `unread-${randomUUID()}`);
  return version;
}
