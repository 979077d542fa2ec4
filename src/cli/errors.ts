/**
 * How the CLI reports a failure: one clear message on stderr (with every problem listed
 * when there are several), an exit code, and never a stack trace for a user's mistake.
 */
import { CommanderError } from 'commander';
import { AppError, busyError } from '../app/errors.ts';
import type { CliIo } from './io.ts';

/** Exit codes: 1 a user error (bad input, missing data), 2 bad usage, 3 the database, 70 a bug. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof AppError) {
    if (error.code.startsWith('db_') || error.code === 'migration_failed') return 3;
    return 1;
  }
  return 70;
}

interface Problem {
  path?: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  columnName?: string;
}

function describeProblem(p: Problem): string {
  if (p.file !== undefined) {
    const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
    return `${where}${p.columnName ? ` (${p.columnName})` : ''}: ${p.message}`;
  }
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** Writes the error for a person and returns the exit code. */
export function reportError(thrown: unknown, io: CliIo): number {
  if (thrown instanceof CommanderError) return thrown.exitCode === 0 ? 0 : 2;
  // Another writer held the database past the busy timeout: say so, not "a bug".
  const error = busyError(thrown) ?? thrown;
  if (error instanceof AppError) {
    io.err(`fulcrum: ${error.message}\n`);
    if (Array.isArray(error.details)) {
      const problems = error.details as Problem[];
      const shown = problems.slice(0, 200);
      for (const p of shown) io.err(`  ${describeProblem(p)}\n`);
      if (problems.length > shown.length)
        io.err(`  … and ${problems.length - shown.length} more\n`);
    }
    return exitCodeOf(error);
  }
  io.err(
    `fulcrum: an unexpected error happened (this is a bug, please report it): ${
      error instanceof Error ? error.message : String(error)
    }\n`,
  );
  if (io.env.FULCRUM_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return exitCodeOf(error);
}
