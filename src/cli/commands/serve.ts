/**
 * `fulcrum serve [--port 3000] [--host 127.0.0.1] [--trust-proxy]`: the web app on the
 * database of `--db` (a SQLite file, or PostgreSQL for a shared deployment). Serves the
 * API (`/api/*`, `/healthz`) and, once built (`npm run build:web`), the page: files from
 * dist/web, `index.html` for every other GET. Prints the URL; stops gracefully on SIGINT
 * or SIGTERM (no new connections, requests in flight finish, then the database closes).
 * The server itself is in ../server.ts, loaded when the command runs.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { AppError } from '../../app/errors.ts';
import { dbTarget, globalsOf, withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { intArg } from './args.ts';

/** The compute threads `FULCRUM_THREADS` asks for (default 2). */
export function computeThreads(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.FULCRUM_THREADS ?? '').trim();
  if (value === '') return DEFAULT_THREADS;
  const n = threadCount(value);
  if (n === null) {
    throw new AppError('invalid_input', `FULCRUM_THREADS must be ${THREAD_COUNT}, got "${value}"`);
  }
  return n;
}

/** `--threads` (else bad usage, exit 2). */
function threadsArg(value: string): number {
  const n = threadCount(value);
  if (n === null) throw new InvalidArgumentError(`expected ${THREAD_COUNT}, got "${value}"`);
  return n;
}

const MAX_THREADS = 16;
const THREAD_COUNT = `a whole number from 0 to ${MAX_THREADS}`;

/** A number of compute threads: a whole number from 0 to `MAX_THREADS`, else null. */
function threadCount(value: string): number | null {
  const text = value.trim();
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_THREADS ? n : null;
}

const DEFAULT_THREADS = 2;

export interface ServeFlags {
  port: number;
  host: string;
  trustProxy?: boolean;
  inviteOnly?: boolean;
  /** false with --no-warm. */
  warm?: boolean;
  threads?: number;
}

/** The options `serve` and `start` share. */
export function withServeOptions(command: Command): Command {
  return command
    .option('--port <n>', 'TCP port (default 3000; 0 picks a free one)', intArg, 3000)
    .option(
      '--host <address>',
      'address to listen on (default 127.0.0.1: this machine only)',
      '127.0.0.1',
    )
    .option(
      '--trust-proxy',
      'behind a reverse proxy: believe its X-Forwarded-Proto/-Host/-For (Secure cookies over https)',
    )
    .option('--invite-only', 'accounts only by invitation (after the first-run setup)')
    .option(
      '--no-warm',
      "don't compute the reports in the background at start and after writes (also FULCRUM_WARM=0)",
    )
    .option(
      '--threads <n>',
      'threads that compute reports, so requests never wait behind one (0 to 16; default 2, or FULCRUM_THREADS; 0: on the server thread)',
      threadsArg,
    );
}

export function registerServeCommand(program: Command, io: CliIo): void {
  withServeOptions(
    program
      .command('serve')
      .description('serve the web app and its API on the database (SQLite file or PostgreSQL)'),
  ).action(async (opts: ServeFlags, command: Command) => {
    const target = dbTarget(globalsOf(command), io);
    const { earlyThreads, serveUntilStopped } = await import('../server.ts');
    const pool = earlyThreads(target, opts, io);
    try {
      await withStore(command, io, (store) => serveUntilStopped(store, target, opts, io, pool));
    } finally {
      await pool?.close();
    }
  });
}
