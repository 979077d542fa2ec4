/**
 * The real `fulcrum` command in child processes, for the crash and concurrency tests: a
 * large generated Toggl export, spawning `node bin/fulcrum.mjs`, waiting for a sign that
 * an import is under way, and a SIGKILL in the middle of it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BIN = path.resolve(import.meta.dirname, '../../bin/fulcrum.mjs');

/**
 * Writes a Toggl detailed report of `rows` distinct one-hour entries (project
 * "Coaching", eight a day from 2020-01-01) and returns its path.
 */
export function writeTogglExport(file: string, rows: number): string {
  const lines = [
    'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags',
  ];
  const first = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(first + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10);
    const hour = String(8 + (i % 8)).padStart(2, '0');
    lines.push(
      `Ana Lima,ana@example.test,Acme,Coaching,,Session ${i},Yes,${day},${hour}:00:00,${day},${hour}:45:00,00:45:00,`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface Running {
  child: ChildProcess;
  finished: Promise<Finished>;
}

/** Starts `fulcrum --db <db> <args…>` in a child process. */
export function startCli(db: string, ...args: string[]): Running {
  const env = { ...process.env, FULCRUM_DB: undefined, FULCRUM_DEBUG: '1' };
  const child = spawn(process.execPath, [BIN, '--db', db, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const finished = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    out,
    err,
  }));
  return { child, finished };
}

/**
 * Waits until `underway()` says the import is writing, then kills the process with
 * SIGKILL. Fails if the process ended on its own first (the kill came too late) or the
 * sign never came within `timeoutMs`.
 * @returns how long after the start the kill was sent, in ms.
 */
export async function killWhenUnderway(
  running: Running,
  underway: () => Promise<boolean> | boolean,
  timeoutMs = 120_000,
): Promise<number> {
  const started = performance.now();
  let ended = false;
  void running.finished.then(() => {
    ended = true;
  });
  while (!ended && performance.now() - started < timeoutMs) {
    if (await underway()) break;
    await sleep(25);
  }
  if (ended) {
    const result = await running.finished;
    throw new Error(`the import ended before it could be killed: ${result.code} ${result.err}`);
  }
  if (performance.now() - started >= timeoutMs) throw new Error('the import never got under way');
  running.child.kill('SIGKILL');
  const result = await running.finished;
  if (result.signal !== 'SIGKILL') throw new Error(`not killed: ${JSON.stringify(result)}`);
  return Math.round(performance.now() - started);
}
