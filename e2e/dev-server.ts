/**
 * The page and the API on one port, for working on the page by hand:
 * `npx tsx e2e/dev-server.ts [db-file]` (a temp database unless given). Pair it with
 * `npm run dev:web` (FULCRUM_API=<printed url>) for hot reload.
 */
import { startServer } from './support/server.ts';

const server = await startServer({ dbPath: process.argv[2] });
process.stdout.write(`Fulcrum (e2e server) on ${server.url} — database ${server.dbPath}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
