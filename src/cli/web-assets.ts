/**
 * Where the built web page lives (`npm run build:web` writes it): the folder a server
 * serves at `/` — files as they are, `index.html` for every other GET that is not under
 * `/api` (the page routes in the browser). See docs/web.md, "Serving the page".
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The absolute path of dist/web. @example webAssetsDir() // '/srv/fulcrum/dist/web' */
export function webAssetsDir(): string {
  return fileURLToPath(new URL('../../dist/web/', import.meta.url));
}

/** True once the page has been built (its index.html exists). */
export function webAssetsBuilt(dir: string = webAssetsDir()): boolean {
  return existsSync(`${dir}/index.html`);
}

/**
 * The Content-Security-Policy the page needs: its own scripts, styles (Mantine sets
 * inline styles), data: images (the icon), and the API on the same origin.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page's routes (src/web/routes.tsx) and the scene module each one loads on first
 * visit (a chunk of its own), in the web sources' terms. A test checks it against
 * routes.tsx.
 */
export const PAGE_SCENES: readonly { path: string; scene: string }[] = [
  ...['', '/dashboard'].map((page) => ({
    path: `/p/:practiceId${page}`,
    scene: 'scenes/dashboard/DashboardScene.tsx',
  })),
  ...[
    ['forecast', 'forecast/ForecastScene'],
    ['import', 'import/ImportScene'],
    ['inbox', 'import/InboxScene'],
    ['offers', 'records/OffersScene'],
    ['clients', 'records/ClientsScene'],
    ['conversations', 'records/ConversationsScene'],
    ['costs', 'records/CostsScene'],
    ['time', 'records/TimeScene'],
    ['payments', 'records/PaymentsScene'],
    ['settings', 'settings/SettingsScene'],
    ['members', 'members/MembersScene'],
    ['export', 'export/ExportScene'],
  ].map(([page, scene]) => ({ path: `/p/:practiceId/${page}`, scene: `scenes/${scene}.tsx` })),
  { path: '/setup', scene: 'scenes/auth/SetupScene.tsx' },
  { path: '/sign-in', scene: 'scenes/auth/SignInScene.tsx' },
  { path: '/sign-up', scene: 'scenes/auth/SignUpScene.tsx' },
  { path: '/invitations/:token', scene: 'scenes/auth/InviteScene.tsx' },
  { path: '/practices/new', scene: 'scenes/settings/NewPracticeScene.tsx' },
];

const ROUTES = PAGE_SCENES.map(({ path: route, scene }) => ({
  pattern: new RegExp(`^${route.replace(/:[a-zA-Z]+/g, '[^/]+')}/?$`),
  scene,
}));

/** One chunk of Vite's build manifest (`dist/web/.vite/manifest.json`). */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** The manifest last read, with the preload tags found in it so far, by scene. */
let manifestRead:
  | { file: string; mtimeMs: number; manifest: Manifest; tags: Map<string, string> }
  | undefined;

/**
 * The build manifest of `dir` and its tags by scene, read again when the page is
 * rebuilt; undefined without one.
 */
function manifestOf(dir: string): typeof manifestRead {
  const file = path.join(dir, '.vite', 'manifest.json');
  try {
    const { mtimeMs } = statSync(file);
    if (manifestRead?.file !== file || manifestRead.mtimeMs !== mtimeMs) {
      manifestRead = {
        file,
        mtimeMs,
        manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest,
        tags: new Map(),
      };
    }
    return manifestRead;
  } catch {
    return undefined;
  }
}

/**
 * The `<link>` tags that load the scene of page `pathname` with the page itself: its
 * chunk, the chunks it imports and its stylesheets, but for what the page's entry loads
 * already. Without them the scene's code is asked for only once the entry has run: one
 * more round of downloads before the first figure (docs/performance.md, "The page").
 * Empty for a path with no scene of its own, or a build without a manifest.
 * @example scenePreloads(webAssetsDir(), '/p/1/dashboard') // '<link rel="modulepreload" crossorigin href="/assets/DashboardScene-….js">…'
 */
export function scenePreloads(dir: string, pathname: string): string {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  const read = route ? manifestOf(dir) : undefined;
  if (!route || !read) return '';
  let tags = read.tags.get(route.scene);
  if (tags === undefined) {
    tags = preloadsOf(read.manifest, route.scene);
    read.tags.set(route.scene, tags);
  }
  return tags;
}

/** The preload tags of `scene` in `manifest` (see `scenePreloads`). */
function preloadsOf(manifest: Manifest, scene: string): string {
  if (!manifest[scene]) return '';
  const loaded = new Set<string>();
  const visit = (key: string, into: Set<string>) => {
    if (into.has(key)) return;
    into.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported, into);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key, loaded);
  const wanted = new Set<string>();
  visit(scene, wanted);
  const tags: string[] = [];
  for (const key of wanted) {
    const chunk = manifest[key];
    // An import the manifest does not list (a broken build): nothing to preload for it.
    if (loaded.has(key) || !chunk) continue;
    tags.push(`<link rel="modulepreload" crossorigin href="/${chunk.file}">`);
    for (const css of chunk.css ?? [])
      tags.push(`<link rel="stylesheet" crossorigin href="/${css}">`);
  }
  return tags.join('');
}

/** `html` with `tags` added at the end of its head. */
export function withHeadTags(html: string, tags: string): string {
  return tags === '' ? html : html.replace('</head>', () => `${tags}</head>`);
}

/** The built files worth compressing: scripts, stylesheets and other text. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|txt)$/;
/** Below this size a file is sent as it is (the headers would cost more than is saved). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each compressible file of
 * `dir/assets` (the build's hashed files), for the server to send to browsers that
 * accept them (`serveStatic`'s `precompressed`). Brotli at quality 6 and gzip at 9: the
 * whole build in ~0.1 s, as `npm start` builds the page each time (quality 11 saves 8 %
 * more and takes 3 s). Returns how many files it compressed and their bytes.
 */
export function compressAssets(dir: string): { files: number; bytes: number } {
  const assets = path.join(dir, 'assets');
  const totals = { files: 0, bytes: 0 };
  if (!existsSync(assets)) return totals;
  for (const name of readdirSync(assets)) {
    if (!COMPRESSIBLE.test(name)) continue;
    const file = path.join(assets, name);
    const content = readFileSync(file);
    if (content.length < COMPRESS_FROM_BYTES) continue;
    const brotli = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    writeFileSync(`${file}.br`, brotli);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    totals.files++;
    totals.bytes += content.length;
  }
  return totals;
}
