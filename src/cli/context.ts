/**
 * The global options every command shares (`--db`, `--practice`), resolved once: which
 * database to open and which practice to act on.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { type PracticeRef, resolvePractice } from '../app/practices.ts';
import { openAppStore } from '../app/store.ts';
import type { Store } from '../store/connect.ts';
import type { CliIo } from './io.ts';

export const DEFAULT_DB = 'fulcrum.db';

export interface GlobalOptions {
  db?: string;
  practice?: string;
}

/** The database target: `--db`, else `FULCRUM_DB`, else `fulcrum.db` in the current folder. */
export function dbTarget(options: GlobalOptions, io: CliIo): string {
  const target = options.db ?? io.env.FULCRUM_DB ?? DEFAULT_DB;
  return /^postgres(ql)?:\/\//.test(target) || target === ':memory:'
    ? target
    : path.resolve(target);
}

/** A database target fit to print: a PostgreSQL URL without its password. */
export function describeTarget(target: string): string {
  return target.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Opens the store for a command, runs `fn`, and always closes it. */
export async function withStore<T>(
  command: Command,
  io: CliIo,
  fn: (store: Store, options: GlobalOptions) => Promise<T>,
): Promise<T> {
  const options = globalsOf(command);
  const store = await openAppStore(dbTarget(options, io), {
    onUpgrade: (pending) =>
      io.err(
        `Updating the database for this version of Fulcrum (${pending.length} schema change${pending.length > 1 ? 's' : ''}); a large database takes a minute…\n`,
      ),
  });
  try {
    return await fn(store, options);
  } finally {
    await store.close();
  }
}

/** Opens the store and resolves the practice named by `--practice` (or the only one). */
export async function withPractice<T>(
  command: Command,
  io: CliIo,
  fn: (store: Store, practice: PracticeRef) => Promise<T>,
): Promise<T> {
  return withStore(command, io, async (store, options) =>
    fn(store, await resolvePractice(store.db, options.practice)),
  );
}
