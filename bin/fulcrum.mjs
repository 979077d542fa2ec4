#!/usr/bin/env node
// Fulcrum's command line. Runs the TypeScript sources directly through tsx, so a clone
// works without a build step.
import { register } from 'tsx/esm/api';

// `fulcrum report | head`: the reader went away; stop quietly like other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
