/**
 * Fulcrum's TypeScript sources bundled by esbuild into ES modules that Node loads
 * directly, for the command line (`bin/fulcrum.mjs`) and the compute threads
 * (app/compute/entry.ts). Through tsx every source file and every library module passes
 * through its loader hooks: `fulcrum --help` took 1.3 s, ~0.5 s of it module loading
 * that the bundle does without (docs/performance.md, "The command line's start").
 *
 * - Kept in `node_modules/.cache/fulcrum/<name>-<version>-<checkout>/`: inside the
 *   package, so that Node finds the libraries the bundle imports (they are left out of
 *   it), and made again when any source changes (app/code-version.mjs) or the checkout
 *   moves (the bundle names its sources' files: `import.meta.url` is each source's own).
 * - Written aside, then renamed into place: a process starting meanwhile never loads
 *   half a bundle, and of two processes making it at once, one keeps its copy.
 * - Bundles of other versions an hour old are removed.
 *
 * Plain JavaScript: the launcher loads it before anything can read TypeScript.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeVersion, hashOfSources } from './code-version.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'fulcrum');
const CHECKOUT = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);

/**
 * The URL of the bundle of `entry` (a path under the package), made if needed.
 *
 * @param {{ name: string, entry: string, splitting?: boolean }} options
 *   `name`: the bundle's family (`cli`, `compute`); `splitting`: modules imported with
 *   `import()` go in chunks of their own, loaded (with their libraries) only when asked.
 * @returns {Promise<URL>}
 * @throws when esbuild is missing or fails, or the cache cannot be written.
 */
export async function bundledEntry({ name, entry, splitting = false }) {
  const dir = path.join(CACHE, `${name}-${await versionOf(entry)}-${CHECKOUT}`);
  const file = path.join(dir, `${path.basename(entry).replace(/\.[cm]?[jt]s$/, '')}.mjs`);
  if (await isFile(file)) return pathToFileURL(file);
  const { build } = await import('esbuild');
  await mkdir(CACHE, { recursive: true });
  const partial = `${dir}.${process.pid}.${Date.now()}.tmp`;
  try {
    await build({
      entryPoints: [path.resolve(ROOT, entry)],
      outdir: partial,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      plugins: [OWN_URLS],
    });
    await rename(partial, dir).catch(async (error) => {
      // Another process put its copy in place first: use that one.
      if (!(await isFile(file))) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  await forgetOld(name, path.basename(dir));
  return pathToFileURL(file);
}

/**
 * The version a bundle of `entry` is kept under: the code version, and for an entry
 * outside `src/` (the benchmarks' import child, in `bench/`) the hash of its own folder
 * too.
 *
 * @param {string} entry
 */
async function versionOf(entry) {
  const top = entry.split(/[\\/]/)[0] ?? '';
  if (top === 'src') return codeVersion();
  return `${await codeVersion()}.${await hashOfSources(path.join(ROOT, top))}`;
}

/**
 * Each source's `import.meta.url` stays its own file's URL inside the bundle, so paths
 * made from it (the built page, the sources' hash, the threads' entry) still point into
 * the package.
 *
 * @type {import('esbuild').Plugin}
 */
const OWN_URLS = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * @param {string} name
 * @param {string} current
 */
async function forgetOld(name, current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of await readdir(CACHE).catch(() => /** @type {string[]} */ ([]))) {
    if (entry === current || !entry.startsWith(`${name}-`)) continue;
    const full = path.join(CACHE, entry);
    const modified = await stat(full).then(
      (s) => s.mtimeMs,
      () => Date.now(),
    );
    if (modified < hourAgo) await rm(full, { recursive: true, force: true }).catch(() => {});
  }
}

/** @param {string} file */
async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
