/**
 * The server's compute threads: the report and monthly series of a large practice are
 * computed on threads of their own, each with its own connection to the database, so the
 * server's thread goes on answering requests meanwhile. (SQLite's calls are synchronous:
 * computed on the server's thread, a 1,000,000-row report held every request — the page,
 * its scripts, other users' pages — for its whole duration.)
 *
 * - `size` threads (default 2: the reads of one document can use two cores). Tasks are
 *   taken in order, each by a free thread, and lent a second free thread when there is
 *   one: it reads the time entries and clients (and for a report the costs and
 *   conversations) while the first reads the payments (store/read-helper.ts), then is
 *   free for the next task while the first computes. One document at a time thus gets
 *   both cores for its reads: the first asked (the dashboard's report) is answered first.
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
import { computeEntry, TSX_ENTRY } from './entry.ts';
import {
  type FromWorker,
  fromWire,
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
  /** Its id, once sent to a thread. */
  id?: number;
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
  /** The task it computes, or null. */
  job: Job | null;
  /** The slot it was lent to as a helper, or null. */
  lentTo: Slot | null;
  /** The slot lent to it for its task, or null. */
  helper: Slot | null;
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
        if (borrower && borrower.index === message.borrower && borrower.job?.id === message.task) {
          borrower.helper = null;
          slot.lentTo = null;
          this.dispatch();
        }
        return;
      }
      case 'unusable':
        this.giveUp(fromWire(message.error).message);
        return;
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
    if (slot.helper) {
      slot.helper.lentTo = null;
      slot.helper = null;
    }
    slot.worker.unref();
  }

  private died(slot: Slot, error: unknown): void {
    // 'error' and 'exit' both come for one death (an out-of-memory sends both at once).
    if (slot.dead || this.slots[slot.index] !== slot) return;
    slot.dead = true;
    if (this.closed) return;
    this.log(`compute thread ${slot.index} stopped: ${toWire(error).message}`);
    const job = slot.job;
    // A borrower keeps going: its reads fall back to its own connection.
    if (slot.lentTo) slot.lentTo.helper = null;
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
    this.readyWait ??= setTimeout(() => this.dispatch(), READY_WAIT_MS);
    this.readyWait.unref();
  }

  private free(): Slot[] {
    return this.slots.filter((slot) => slot.ready && !slot.dead && !slot.job && !slot.lentTo);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const [slot, second] = this.free();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      // A second free thread reads for it; it is free again once it has answered
      // ('helped'), while the task goes on computing, and takes the next task then.
      const helper = second ?? null;
      job.id = this.nextId++;
      slot.job = job;
      slot.helper = helper;
      if (helper) {
        helper.lentTo = slot;
        this.counts.helped++;
      }
      this.counts.tasks++;
      slot.worker.ref();
      const message: ToWorker = {
        type: 'task',
        id: job.id,
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
