/**
 * Where the built web page lives (`npm run build:web` writes it): the folder a server
 * serves at `/` — files as they are, `index.html` for every other GET that is not under
 * `/api` (the page routes in the browser). See docs/web.md, "Serving the page".
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
