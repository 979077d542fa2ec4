/**
 * The web app's build (src/web → dist/web). `npm run build:web` builds it; `npm run
 * dev:web` serves it with hot reload and proxies /api to a `fulcrum serve` on
 * FULCRUM_API (default http://127.0.0.1:3000).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
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
