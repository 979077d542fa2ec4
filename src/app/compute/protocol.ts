/**
 * The messages between the server's thread and its compute threads (pool.ts,
 * worker-main.ts), and how an error crosses between them: an `AppError` or `StoreError`
 * arrives as the same class with the same code and message (the API maps it to the same
 * HTTP answer as if it had been thrown in the server's thread); anything else arrives as
 * an `Error` naming the thread, with the original stack as its cause's.
 */
import type { MessagePort } from 'node:worker_threads';
import { StoreError, type StoreErrorCode } from '../../store/errors.ts';
import type { HelperAnswer, HelperStatement } from '../../store/read-helper.ts';
import { AppError, type AppErrorCode } from '../errors.ts';
import type { MonthlyOptions } from '../monthly.ts';
import type { ReportOptions } from '../report.ts';

/** A document computed off the server's thread: its JSON text is the answer. */
export type Task =
  | { kind: 'report'; practiceId: number; options: ReportOptions }
  /** The report of a period with the basis of its levers (`buildWhatIfBasis`). */
  | { kind: 'whatIfBasis'; practiceId: number; options: Pick<ReportOptions, 'from' | 'to'> }
  | { kind: 'monthly'; practiceId: number; options: MonthlyOptions };

/** What a compute thread is given at its start (`workerData`). */
export interface WorkerStart {
  /** The database: a SQLite file path or a postgres:// URL. */
  target: string;
  /** This thread's number in the pool. */
  index: number;
}

/** The server's thread → a compute thread. */
export type ToWorker =
  /** Compute `task`; `helper` names a peer lent for it (its reads in parallel), if any. */
  | { type: 'task'; id: number; task: Task; helper: number | null }
  /** The port to peer `index` (replacing any earlier one: a restarted peer). */
  | { type: 'peer'; index: number; port: MessagePort };

/** A helper's read, between two threads: the statements of one snapshot, with the practice's revision. */
export interface ReadRequest {
  type: 'read';
  id: number;
  /** The task of the thread that asks. */
  task: number;
  practiceId: number;
  statements: readonly HelperStatement[];
}

/** The answer to a `ReadRequest`. */
export type ReadAnswer =
  | ({ type: 'answer'; id: number } & HelperAnswer)
  | { type: 'refused'; id: number; message: string };

/** A compute thread → the server's thread. */
export type FromWorker =
  | { type: 'ready' }
  /** The store could not be opened: the thread stops. */
  | { type: 'unusable'; error: WireError }
  | { type: 'done'; id: number; text: string }
  | { type: 'failed'; id: number; error: WireError }
  /** It answered the read of task `task` of peer `borrower`: no longer lent to it. */
  | { type: 'helped'; borrower: number; task: number };

/** Between two compute threads: reads and their answers. */
export type PeerMessage = ReadRequest | ReadAnswer;

/** An error as it crosses threads. */
export interface WireError {
  kind: 'app' | 'store' | 'other';
  code?: string;
  message: string;
  details?: unknown;
  stack?: string;
}

export function toWire(error: unknown): WireError {
  if (error instanceof AppError) {
    return { kind: 'app', code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof StoreError)
    return { kind: 'store', code: error.code, message: error.message };
  if (error instanceof Error) {
    // A driver's code (SQLITE_BUSY, 57P01, ECONNRESET…) says what the caller can do.
    const code = (error as { code?: unknown }).code;
    return {
      kind: 'other',
      message: error.message,
      stack: error.stack,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { kind: 'other', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  if (wire.kind === 'app')
    return new AppError(wire.code as AppErrorCode, wire.message, wire.details);
  if (wire.kind === 'store') return new StoreError(wire.code as StoreErrorCode, wire.message);
  const cause = Object.assign(new Error(wire.message), { stack: wire.stack, code: wire.code });
  const error = new Error(`compute thread: ${wire.message}`, { cause });
  return wire.code === undefined ? error : Object.assign(error, { code: wire.code });
}
