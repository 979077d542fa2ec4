/**
 * The page as the server sends it (src/cli/web-assets.ts, serve.ts): the HTML of an
 * address carries the preloads of the scene that address opens (its chunk and the
 * chunks it imports that the entry does not), read from Vite's build manifest; built
 * files are cacheable for good, and sent compressed (Brotli or gzip, written at build
 * time) to browsers that accept it; `PAGE_SCENES` is the route table of src/web/routes.tsx.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSite } from '../src/cli/server.ts';
import { compressAssets, PAGE_SCENES, scenePreloads } from '../src/cli/web-assets.ts';
import { openStore, type Store } from '../src/store/connect.ts';
import { repoRoot } from './api-harness.ts';

/** A build as Vite writes it: an entry, two scenes, shared chunks, a scene stylesheet. */
const MANIFEST = {
  'index.html': {
    file: 'assets/index-1.js',
    isEntry: true,
    imports: ['_react-1.js'],
    css: ['assets/index-1.css'],
  },
  '_react-1.js': { file: 'assets/react-1.js' },
  '_table-1.js': { file: 'assets/table-1.js', imports: ['_react-1.js'] },
  'scenes/dashboard/DashboardScene.tsx': {
    file: 'assets/DashboardScene-1.js',
    isDynamicEntry: true,
    imports: ['_react-1.js', '_table-1.js', 'index.html'],
  },
  'scenes/forecast/ForecastScene.tsx': {
    file: 'assets/ForecastScene-1.js',
    isDynamicEntry: true,
    imports: ['_table-1.js'],
    css: ['assets/ForecastScene-1.css'],
  },
};

describe('the page with its scene preloaded', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-web-'));
    mkdirSync(path.join(dir, 'assets'));
    mkdirSync(path.join(dir, '.vite'));
    writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
    writeFileSync(path.join(dir, 'index.html'), '<html><head><title>page</title></head></html>');
    writeFileSync(path.join(dir, 'assets', 'index-1.js'), 'export {};');
    store = await openStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("preloads the chunks of the address's scene that the entry does not load", async () => {
    const site = buildSite({ store, port: 0, host: '127.0.0.1', webDir: dir });
    const dashboard =
      '<link rel="modulepreload" crossorigin href="/assets/DashboardScene-1.js">' +
      '<link rel="modulepreload" crossorigin href="/assets/table-1.js">';
    for (const address of ['/p/7', '/p/7/', '/p/7/dashboard']) {
      const html = await (await site.request(address)).text();
      expect(html).toBe(`<html><head><title>page</title>${dashboard}</head></html>`);
    }
    expect(await (await site.request('/p/7/forecast')).text()).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/ForecastScene-1.js">' +
        '<link rel="stylesheet" crossorigin href="/assets/ForecastScene-1.css">' +
        '<link rel="modulepreload" crossorigin href="/assets/table-1.js">',
    );
    // No scene of its own, or one the build does not have: the page as built.
    for (const address of ['/', '/p/7/nowhere', '/sign-in']) {
      expect(await (await site.request(address)).text()).toBe(
        '<html><head><title>page</title></head></html>',
      );
    }
  });

  it('reads the manifest again after a rebuild, and does without one', () => {
    expect(scenePreloads(dir, '/p/1/forecast')).toContain('ForecastScene-1.js');
    const rebuilt = { ...MANIFEST, 'scenes/forecast/ForecastScene.tsx': { file: 'assets/F-2.js' } };
    writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(rebuilt));
    // A rebuild within the same millisecond would go unseen: give it another mtime.
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, '.vite', 'manifest.json'), later, later);
    expect(scenePreloads(dir, '/p/1/forecast')).toBe(
      '<link rel="modulepreload" crossorigin href="/assets/F-2.js">',
    );
    rmSync(path.join(dir, '.vite'), { recursive: true });
    expect(scenePreloads(dir, '/p/1/forecast')).toBe('');
  });

  it('lets browsers keep the built files for good; the page is asked again each visit', async () => {
    const site = buildSite({ store, port: 0, host: '127.0.0.1', webDir: dir });
    const asset = await site.request('/assets/index-1.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await site.request('/p/7/dashboard');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends a built script compressed to a browser that accepts it, as it is otherwise', async () => {
    // A script as a build writes it: text that compresses, and a tiny one that is not worth it.
    const script = `export const lines = [${Array.from({ length: 400 }, (_, i) => `"line ${i}"`).join(',')}];`;
    writeFileSync(path.join(dir, 'assets', 'big-1.js'), script);
    expect(compressAssets(dir)).toMatchObject({ files: 1, bytes: script.length });
    expect(existsSync(path.join(dir, 'assets', 'index-1.js.br'))).toBe(false);
    const site = buildSite({ store, port: 0, host: '127.0.0.1', webDir: dir });
    const ask = (encodings?: string) =>
      site.request('/assets/big-1.js', {
        headers: encodings ? { 'accept-encoding': encodings } : {},
      });

    const chromium = await ask('gzip, deflate, br, zstd');
    expect(chromium.headers.get('content-encoding')).toBe('br');
    expect(chromium.headers.get('vary')).toContain('Accept-Encoding');
    expect(chromium.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(chromium.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brotli = Buffer.from(await chromium.arrayBuffer());
    expect(brotli.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(brotli).toString()).toBe(script);

    const gzipOnly = await ask('gzip');
    expect(gzipOnly.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipOnly.arrayBuffer())).toString()).toBe(script);

    const plain = await ask();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });
});

it("names every scene route of the page's router, and only those", () => {
  const routes = readFileSync(path.join(repoRoot, 'src/web/routes.tsx'), 'utf8');
  const declared: { path: string; scene: string }[] = [];
  for (const [, route, scene] of routes.matchAll(
    /scene\('([^']+)', \(\) => import\('\.\/([^']+)'\)\)/g,
  )) {
    if (route === '*') continue; // not found: any other address
    const inPractice = !route!.startsWith('/');
    declared.push({ path: inPractice ? `/p/:practiceId/${route}` : route!, scene: scene! });
  }
  // The dashboard: the practice's index and /dashboard, through its loader.
  expect(routes).toContain('scene(undefined, loadDashboard)');
  expect(routes).toContain("scene('dashboard', loadDashboard)");
  expect(readFileSync(path.join(repoRoot, 'src/web/scenes/dashboard/load.ts'), 'utf8')).toContain(
    "import('./DashboardScene.tsx')",
  );
  for (const page of ['/p/:practiceId', '/p/:practiceId/dashboard']) {
    declared.push({ path: page, scene: 'scenes/dashboard/DashboardScene.tsx' });
  }
  const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
  expect([...PAGE_SCENES].sort(byPath)).toEqual(declared.sort(byPath));
});
