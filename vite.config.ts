/**
 * The web app's build (src/web → dist/web). `npm run build:web` builds it; `npm run
 * dev:web` serves it with hot reload and proxies /api to a `fulcrum serve` on
 * FULCRUM_API (default http://127.0.0.1:3000).
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compressAssets } from './src/cli/web-assets.ts';

/** Brotli and gzip copies of the built scripts and styles, for the server to send. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'fulcrum-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      compressAssets(outDir);
    },
  };
}

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    // .vite/manifest.json: which chunks each scene needs, for the server's preloads
    // (src/cli/web-assets.ts, scenePreloads).
    manifest: true,
    // No "callbacks ran for 1.4s" note on every `npm start`.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/api': process.env.FULCRUM_API ?? 'http://127.0.0.1:3000' },
  },
});
