/**
 * Which code this process runs: a hash of Fulcrum's server-side sources (everything
 * under `src/` but the web page and tests: each file's path, size and modification
 * time), of `package-lock.json` (the libraries) and of Node's and ICU's versions (`Intl`
 * formats dates and numbers). A document kept in the database
 * (store/kept-document.repository.ts) is used only by the same code that computed it,
 * so an upgrade that changes a figure never serves an old one; the command line's and
 * the compute threads' bundles (app/bundle.mjs) are kept under it too.
 *
 * Taken once per process, as early as possible: `bin/fulcrum.mjs` takes it to choose the
 * CLI's bundle, before any command, so a process that runs while the sources are
 * replaced (a long import during an upgrade) keeps the hash of the code it loaded, not
 * of the new one. Plain JavaScript, because the launcher reads it before TypeScript can
 * be loaded; the bundle's own copy of this module shares the launcher's value (a
 * global, below).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCKFILE = path.resolve(SOURCES, '..', 'package-lock.json');

/**
 * Not code that runs: the page, tests, and what benchmarks write (`bench/results`, under
 * the root the benchmarks' bundle is hashed from: app/bundle.mjs), which every run
 * rewrites.
 */
const skipped = (/** @type {string} */ relative) =>
  ['web', 'results'].some((dir) => relative === dir || relative.startsWith(`${dir}${path.sep}`)) ||
  /\.test(-support)?\.ts$/.test(relative);

/**
 * @param {string} root
 * @param {string} [dir]
 * @returns {Promise<string[]>}
 */
async function sourceFiles(root, dir = root) {
  /** @type {string[]} */
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skipped(path.relative(root, full))) continue;
    if (entry.isDirectory()) found.push(...(await sourceFiles(root, full)));
    else if (/\.(ts|mjs|json)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/**
 * The hash (hex, 16 characters) of the source tree under `root` and of the files in
 * `extra`: what changes when any of them is edited, added or removed.
 *
 * @param {string} root
 * @param {readonly string[]} [extra]
 * @returns {Promise<string>}
 */
export async function hashOfSources(root, extra = []) {
  const files = (await sourceFiles(root)).sort();
  if (files.length === 0) throw new Error(`no sources under ${root}`);
  const hash = createHash('sha256');
  for (const file of [...files, ...extra]) {
    const { size, mtimeMs } = await stat(file);
    hash.update(`${path.relative(root, file)}\u0000${size}\u0000${mtimeMs}\u0000`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Where the process's value lives: one per process, whichever copy of this module asks. */
const TAKEN = Symbol.for('fulcrum.codeVersion');

/**
 * This process's code version, taken on the first call. Sources that cannot be read
 * give a value of this process alone: nothing kept is used, nothing fails.
 *
 * @returns {Promise<string>}
 */
export function codeVersion() {
  const holder = /** @type {{ [TAKEN]?: Promise<string> }} */ (globalThis);
  holder[TAKEN] ??= hashOfSources(SOURCES, [LOCKFILE])
    .then((sources) =>
      createHash('sha256')
        .update(`${sources}|${process.versions.node}|${process.versions.icu ?? ''}`)
        .digest('hex')
        .slice(0, 16),
    )
    .catch(() => `unread-${randomUUID()}`);
  return holder[TAKEN];
}
