#!/usr/bin/env node
// Fulcrum's command line. Runs the TypeScript sources bundled by esbuild (made on the
// first run after any change, kept in node_modules/.cache/fulcrum: src/app/bundle.mjs),
// or, when no bundle can be made or loaded, the same sources through tsx. Either way a
// clone works without a build step. FULCRUM_BUNDLE=0 always takes tsx.
import { bundledEntry } from '../src/app/bundle.mjs';

// `fulcrum report | head`: the reader went away; stop quietly like other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** The CLI's `main`, from the bundle when there is one. */
async function loadMain() {
  if (process.env.FULCRUM_BUNDLE !== '0') {
    try {
      const bundle = await bundledEntry({ name: 'cli', entry: 'src/cli/main.ts', splitting: true });
      return (await import(bundle.href)).main;
    } catch {
      // A read-only install, esbuild missing: the sources through tsx do the same.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv);
