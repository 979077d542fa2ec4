/**
 * The server's compute threads: the report and monthly series of a large practice are
 * computed on threads of their own, each with its own connection to the database, so the
 * server's thread goes on answering requests meanwhile. (SQLite's calls are synchronous:
 * computed on the server's thread, a 1,000,000-row report held every request — the page,
 * its scripts, other users' pages — for its whole duration.)
 *
 * - `size` threads (default 2: the reads of one document can use two cores). Tasks are
 *   taken in order, each by a free thread, and lent a second free thread when there is
 *   one: it reads the time entries and clients while the first reads the payments, costs
 *   and conversations (store/read-helper.ts), then is free for the next task while the
 *   first computes. One document at a time thus gets both cores for its reads: the
 *   first asked (the dashboard's report) is answered first.
 * - The text a thread answers is the one the server's thread would have computed: the
 *   same functions (tasks.ts), the same JSON.
 * - A thread that dies (out of memory, a bug) fails its task with an error and is
 *   started again; a thread that cannot open the database makes the pool unusable and
 *   every task then runs on the caller's thread (`computeJson`).
 * - Only for stores another connection can open: a SQLite file or PostgreSQL, not
 *   `:memory:`.
 *
 * `attachPool(store, pool)` makes `computeJson` use the pool for that store; without one
 * (the CLI, tests, `:memory:`) documents are computed where they are asked for.
 */
import { existsSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Store } from '../../store/connect.ts';
import type { HelperAnswer, ReadHelper } from '../../store/read-helper.ts';
import { countRecords } from '../../store/records.repository.ts';
import { computeEntry, TSX_ENTRY } from './entry.ts';
import {
  type FromWorker,
  fromWire,
  type ReadRequest,
  type Task,
  type ToWorker,
  toWire,
  type WorkerStart,
} from './protocol.ts';

export interface PoolOptions {
  /** Threads (default 2). */
  size?: number;
  /** The module the threads start from (default: `computeEntry()`, entry.ts). */
  entry?: URL;
  /** Unexpected events (a thread that died). */
  log?: (line: string) => void;
}

export interface PoolStats {
  /** Tasks computed by a thread (answered, failed or not). */
  tasks: number;
  /** Tasks that had a second thread lent for their reads. */
  helped: number;
  /** Threads started again after one died. */
  restarts: number;
}

interface Job {
  task: Task;
  resolve: (text: string) => void;
  reject: (error: Error) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  ready: boolean;
  /** Set once it has died: nothing more is done for it. */
  dead: boolean;
  /** The task it computes, and the id it was sent under, or null. */
  job: Job | null;
  taskId: number | null;
  /** The slot it was lent to as a helper, `caller` while it reads for `helper()`, or null. */
  lentTo: Slot | 'caller' | null;
  /** The slot lent to it for its task, or null. */
  helper: Slot | null;
}

/** A read asked through `helper()`, waiting for a thread or for its answer. */
interface CallerRead {
  request: Omit<ReadRequest, 'id'>;
  resolve: (answer: HelperAnswer) => void;
  reject: (error: Error) => void;
}

/**
 * What `run` rejects with when no thread can compute (none could open the database):
 * `computeJson` then computes on the caller's thread.
 */
export class PoolUnusable extends Error {
  override readonly name = 'PoolUnusable';
}

export class ComputePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Reads asked through `helper()` while every thread was still starting. */
  private readonly waitingReads: CallerRead[] = [];
  /** Reads sent to a thread, by request id, waiting for its answer. */
  private readonly reads = new Map<number, CallerRead & { slot: Slot }>();
  private nextId = 0;
  private closed = false;
  /** Set when a thread could not open the database or start: no task is computed here. */
  private unusable: PoolUnusable | null = null;
  private readonly counts: PoolStats = { tasks: 0, helped: 0, restarts: 0 };
  private readonly log: (line: string) => void;
  private readonly entry: Promise<URL>;
  /** Resolves once the threads are started (not yet ready). */
  private readonly started: Promise<void>;
  private readyWait: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: string,
    options: PoolOptions = {},
  ) {
    this.log = options.log ?? (() => {});
    const size = Math.max(1, options.size ?? 2);
    this.entry = options.entry ? Promise.resolve(options.entry) : computeEntry(this.log);
    this.started = this.entry.then((entry) => {
      if (this.closed) return;
      for (let index = 0; index < size; index++) this.slots.push(this.spawn(entry, index));
    });
  }

  /** False once no thread can compute (or after `close`). */
  get usable(): boolean {
    return this.unusable === null && !this.closed;
  }

  stats(): PoolStats {
    return { ...this.counts };
  }

  /** Resolves when every thread has opened the database (rejects if one cannot, or on close). */
  async ready(): Promise<void> {
    await this.started;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.unusable) reject(this.unusable);
        else if (this.closed) reject(new Error('the compute threads are stopped'));
        else if (this.slots.every((slot) => slot.ready)) resolve();
        else setTimeout(check, 10).unref();
      };
      check();
    });
  }

  /** The task's JSON text, computed on a thread. */
  run(task: Task): Promise<string> {
    if (this.unusable) return Promise.reject(this.unusable);
    if (this.closed) return Promise.reject(new Error('the compute threads are stopped'));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      // After the current turn: tasks asked together are seen together (two tasks share
      // the threads rather than the first taking both).
      queueMicrotask(() => this.dispatch());
    });
  }

  /**
   * A read helper for the caller's own computation (store/read-helper.ts). A read goes
   * to a free thread; while the threads are still starting it waits for the first one
   * ready (the caller meanwhile runs its own statements); when every thread is busy with
   * a task, or none can start, it is refused at once and the caller reads it itself.
   */
  helper(): ReadHelper {
    return {
      read: (practiceId, statements) =>
        new Promise<HelperAnswer>((resolve, reject) => {
          if (this.closed || this.unusable) {
            reject(new Error('no compute thread'));
            return;
          }
          const read: CallerRead = {
            request: {
              type: 'read',
              practiceId,
              statements: statements.map(({ sql, parameters }) => ({ sql, parameters })),
            },
            resolve,
            reject,
          };
          const [slot] = this.free();
          if (slot) this.sendRead(slot, read);
          else if (this.starting()) this.waitingReads.push(read);
          else reject(new Error('no compute thread is free'));
        }),
    };
  }

  /**
   * Stops the threads at once: a task under way or queued fails ("the compute threads
   * are stopped"). A server closes its pool once its requests are answered, so what is
   * left is background work (a warm-up) that no one waits for.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopAll(new Error('the compute threads are stopped'));
  }

  /** Fails everything waiting and ends every thread. */
  private async stopAll(error: Error): Promise<void> {
    clearTimeout(this.readyWait);
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const read of this.waitingReads.splice(0)) read.reject(error);
    for (const read of this.reads.values()) read.reject(error);
    this.reads.clear();
    for (const slot of this.slots) {
      slot.dead = true;
      slot.job?.reject(error);
      slot.job = null;
    }
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(entry: URL, index: number): Slot {
    const start: WorkerStart = { target: this.target, index };
    const worker = new Worker(entry, { workerData: start });
    worker.unref();
    const slot: Slot = {
      index,
      worker,
      ready: false,
      dead: false,
      job: null,
      taskId: null,
      lentTo: null,
      helper: null,
    };
    worker.on('message', (message: FromWorker) => this.received(slot, message));
    worker.on('error', (error) => this.died(slot, error));
    worker.on('exit', (code) =>
      this.died(slot, new Error(`compute thread ${index} exited (${code})`)),
    );
    return slot;
  }

  private received(slot: Slot, message: FromWorker): void {
    if (slot.dead) return;
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.link(slot);
        this.startWhenAllReady();
        return;
      case 'helped': {
        // A lent thread has answered its borrower's read: it is free for the next task.
        const borrower = slot.lentTo;
        if (
          borrower &&
          borrower !== 'caller' &&
          borrower.index === message.borrower &&
          borrower.taskId === message.task
        ) {
          borrower.helper = null;
          slot.lentTo = null;
          this.dispatch();
        }
        return;
      }
      case 'unusable':
        this.giveUp(fromWire(message.error).message);
        return;
      case 'answer':
      case 'refused': {
        const read = this.reads.get(message.id);
        if (!read) return;
        this.reads.delete(message.id);
        if (slot.lentTo === 'caller') slot.lentTo = null;
        if (!slot.job) slot.worker.unref();
        if (message.type === 'answer') read.resolve(message);
        else read.reject(new Error(message.message));
        this.dispatch();
        return;
      }
      case 'done':
      case 'failed': {
        const job = slot.job;
        this.finished(slot);
        if (message.type === 'done') job?.resolve(message.text);
        else job?.reject(fromWire(message.error));
        this.dispatch();
        return;
      }
    }
  }

  /** Connects a thread that became ready with every other ready thread. */
  private link(slot: Slot): void {
    for (const other of this.slots) {
      if (other === slot || !other.ready || other.dead) continue;
      const { port1, port2 } = new MessageChannel();
      const toSlot: ToWorker = { type: 'peer', index: other.index, port: port1 };
      const toOther: ToWorker = { type: 'peer', index: slot.index, port: port2 };
      slot.worker.postMessage(toSlot, [port1]);
      other.worker.postMessage(toOther, [port2]);
    }
  }

  private finished(slot: Slot): void {
    slot.job = null;
    slot.taskId = null;
    if (slot.helper) {
      slot.helper.lentTo = null;
      slot.helper = null;
    }
    slot.worker.unref();
  }

  /** True while some thread is still starting (it may take a waiting read). */
  private starting(): boolean {
    return this.slots.length === 0 || this.slots.some((slot) => !slot.ready && !slot.dead);
  }

  private died(slot: Slot, error: unknown): void {
    // 'error' and 'exit' both come for one death (an out-of-memory sends both at once).
    if (slot.dead || this.slots[slot.index] !== slot) return;
    slot.dead = true;
    if (this.closed) return;
    this.log(`compute thread ${slot.index} stopped: ${toWire(error).message}`);
    const job = slot.job;
    // A borrower keeps going: its reads fall back to its own connection.
    if (slot.lentTo && slot.lentTo !== 'caller') slot.lentTo.helper = null;
    for (const [id, read] of this.reads) {
      if (read.slot !== slot) continue;
      this.reads.delete(id);
      read.reject(new Error(`compute thread ${slot.index} stopped`));
    }
    this.finished(slot);
    job?.reject(error instanceof Error ? error : new Error(String(error)));
    if (this.unusable) return;
    if (!slot.ready) {
      // It never started: starting it again would fail again.
      this.giveUp(`compute thread ${slot.index} could not start: ${toWire(error).message}`);
      return;
    }
    this.counts.restarts++;
    void this.entry.then((entry) => {
      if (this.closed || this.unusable) return;
      // A bundle removed meanwhile (another version's clean-up): start from the sources.
      const from = entry.protocol === 'file:' && !existsSync(entry) ? TSX_ENTRY : entry;
      this.slots[slot.index] = this.spawn(from, slot.index);
    });
  }

  /** No thread can compute: every task and read is left to the caller. */
  private giveUp(why: string): void {
    if (this.unusable || this.closed) return;
    this.unusable = new PoolUnusable(why);
    this.log(`compute threads off: ${why}`);
    void this.stopAll(this.unusable);
  }

  /**
   * Threads started together become ready within milliseconds of each other: the first
   * tasks wait for all of them (at most `READY_WAIT_MS`), so that the first is lent a
   * second thread rather than two tasks sharing the cores from the start.
   */
  private startWhenAllReady(): void {
    if (this.slots.every((slot) => slot.ready || slot.dead)) {
      this.dispatch();
      return;
    }
    // Reads of the caller need no company: they go at once.
    this.dispatchReads();
    this.readyWait ??= setTimeout(() => this.dispatch(), READY_WAIT_MS);
    this.readyWait.unref();
  }

  private free(): Slot[] {
    return this.slots.filter((slot) => slot.ready && !slot.dead && !slot.job && !slot.lentTo);
  }

  private sendRead(slot: Slot, read: CallerRead): void {
    slot.lentTo = 'caller';
    slot.worker.ref();
    const id = this.nextId++;
    this.reads.set(id, { ...read, slot });
    const message: ToWorker = { ...read.request, id };
    slot.worker.postMessage(message);
  }

  /** Waiting reads of the caller first: its computation is under way. */
  private dispatchReads(): void {
    for (let slot = this.free()[0]; slot && this.waitingReads.length > 0; slot = this.free()[0]) {
      this.sendRead(slot, this.waitingReads.shift() as CallerRead);
    }
    if (!this.starting()) {
      for (const read of this.waitingReads.splice(0)) {
        read.reject(new Error('no compute thread is free'));
      }
    }
  }

  private dispatch(): void {
    this.dispatchReads();
    while (this.queue.length > 0) {
      const [slot, second] = this.free();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      // A second free thread reads for it; it is free again once it has answered
      // ('helped'), while the task goes on computing, and takes the next task then.
      const helper = second ?? null;
      const id = this.nextId++;
      slot.job = job;
      slot.taskId = id;
      slot.helper = helper;
      if (helper) {
        helper.lentTo = slot;
        this.counts.helped++;
      }
      this.counts.tasks++;
      slot.worker.ref();
      const message: ToWorker = {
        type: 'task',
        id,
        task: job.task,
        helper: helper?.index ?? null,
      };
      slot.worker.postMessage(message);
    }
  }
}

/** The longest the first tasks wait for the threads started with the first ready one. */
const READY_WAIT_MS = 250;

const pools = new WeakMap<Store, ComputePool>();

/** Makes `computeJson` compute `store`'s documents on `pool`'s threads. */
export function attachPool(store: Store, pool: ComputePool): void {
  pools.set(store, pool);
}

/**
 * The JSON text of `task`: computed on the store's compute threads when it has them
 * (attachPool), else here by `local` (the same computation, tasks.ts).
 */
export function computeJson(
  store: Store,
  task: Task,
  local: () => Promise<unknown>,
): Promise<string> {
  const pool = pools.get(store);
  const here = () => local().then((value) => JSON.stringify(value));
  if (!pool?.usable) return here();
  // Threads that turned out unusable while the task waited: computed here after all.
  return pool
    .run(task)
    .catch((error) => (error instanceof PoolUnusable ? here() : Promise.reject(error)));
}

/**
 * Records (payments and time entries) from which a one-off computation (the CLI's
 * report) starts a helper thread: below, the computation is done before a thread
 * would be ready, and the thread's start would be spent for nothing.
 */
export const HELPER_THRESHOLD = 50_000;

/**
 * Runs `work` with a read helper on a thread of its own (its reads in parallel with the
 * caller's, store/read-helper.ts) when the practice is large and the database can be
 * opened a second time (not `:memory:`); else with none.
 * @example const report = await withHelperThread(store, target, id, (helper) => buildReport(store, id, {}, helper));
 */
export async function withHelperThread<T>(
  store: Store,
  target: string,
  practiceId: number,
  work: (helper: ReadHelper | undefined) => Promise<T>,
): Promise<T> {
  if (target === ':memory:') return work(undefined);
  const counts = await countRecords(store.db, practiceId);
  if (counts.payments + counts.timeEntries < HELPER_THRESHOLD) return work(undefined);
  const pool = new ComputePool(target, { size: 1 });
  try {
    return await work(pool.helper());
  } finally {
    await pool.close();
  }
}
