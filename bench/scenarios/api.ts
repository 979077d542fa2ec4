/**
 * Scenario `api`: the HTTP API under load. The real server (`fulcrum serve`, in a child
 * process so the load generator does not share its event loop) on a SQLite file holding
 * one large practice, on loopback; autocannon drives 50 connections for 20 s per run at:
 *
 * - `report`: `GET /api/practices/{id}/report` (the report, cached per practice, period
 *   and assumptions until the practice's data changes: app/report-cache.ts);
 * - `list`: `GET /api/practices/{id}/payments?limit=100&sort=-date` (a page of 100, as
 *   the payments page asks for it; kept under the data revision after the first);
 * - `listUncached`: a random page per request (50–100 rows at offsets 0–200: 10,251
 *   pages against a page cache of 1,024), so most are read from the database;
 * - `health` (the baseline): `GET /healthz`, the same server's trivial route (one query).
 *
 * Each run is one autocannon run: its figures are requests/s, p50/p90/p99 latency (ms),
 * errors (connection errors, timeouts and non-2xx answers), and the server's CPU ms per
 * request. The timed value is the inverse rate (1000 ÷ requests/s, ms per request) with
 * `ratio: 'throughput'`, so a measure's ratio is its requests/s ÷ the health route's;
 * the CPU ratio compares the server's CPU time per request, which other processes on
 * the machine disturb much less.
 *
 * The setup's `reportColdMs` is the first report after the server started (computed;
 * every later one is a cache hit until a write). Seconds per run: 20, 1 for a practice
 * under 10,000 payments (the smoke size), or `BENCH_API_SECONDS`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type BenchOptions, type Scenario, Timed } from '../harness.ts';
import { savedPractice } from '../saved-practice.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONNECTIONS = 50;
const ACCOUNT = { email: 'bench@example.com', password: 'a long bench passphrase, not a secret' };
/** Clock ticks per second of /proc/<pid>/stat (Linux). */
const CLOCK_TICKS = 100;

interface State {
  server: ChildProcess;
  base: string;
  practiceId: number;
  headers: Record<string, string>;
  seconds: number;
}

function secondsPerRun(options: BenchOptions): number {
  const env = Number(process.env.BENCH_API_SECONDS);
  if (Number.isFinite(env) && env > 0) return env;
  return options.payments < 10_000 ? 1 : 20;
}

/**
 * Extra Node options for the server (`BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p"`
 * profiles it under load; the profile is written when the server stops).
 */
function nodeArgs(): string[] {
  return (process.env.BENCH_API_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** CPU ms (user + system) the process has used so far, from /proc (0 where there is none). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Resident memory of the process, MB, from /proc (0 where there is none). */
function processRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/**
 * One load run against `url` (or, with `vary`, a new path per request); its rate is the
 * timed value (ms per request).
 */
async function load(state: State, url: string, vary?: () => string): Promise<Timed> {
  const cpuBefore = processCpuMs(state.server.pid);
  const result = await autocannon({
    url: `${state.base}${url}`,
    connections: CONNECTIONS,
    duration: state.seconds,
    headers: state.headers,
    ...(vary && {
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: vary() }) }],
    }),
  });
  const serverCpu = processCpuMs(state.server.pid) - cpuBefore;
  const requests = result.requests.total;
  const rps = requests / result.duration;
  const errors = result.errors + result.non2xx;
  return new Timed(
    {
      rps: Math.round(rps),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      errors,
      serverCpuMsPerRequest: requests > 0 ? serverCpu / requests : 0,
      serverRssMB: processRssMb(state.server.pid),
    },
    rps > 0 ? 1000 / rps : Number.POSITIVE_INFINITY,
    requests > 0 ? serverCpu / requests : 0,
  );
}

export const apiScenario: Scenario<State> = {
  name: 'api',
  description: `fulcrum serve (child process, SQLite, loopback) under ${CONNECTIONS} connections: the report and a list page of 100 against the same server's /healthz; ratio = requests/s ÷ the health route's`,
  headline: 'report',
  ratio: 'throughput',
  defaults: { payments: 1_000_000, timeEntries: 1_000_000, runs: 3, warmup: 1 },

  async setup(options) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fulcrum-bench-api-'));
    const file = path.join(dir, 'api.db');
    let server: ChildProcess | undefined;
    const dispose = async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server?.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    };
    try {
      const saved = await savedPractice(options, file);
      const started = performance.now();
      server = spawn(
        process.execPath,
        [...nodeArgs(), path.join(ROOT, 'bin/fulcrum.mjs'), '--db', file, 'serve', '--port', '0'],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const base = await listening(server);
      const serverStartMs = performance.now() - started;

      const setup = await fetch(`${base}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(ACCOUNT),
      });
      if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
      const cookie = setup.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const headers = { cookie };
      const timedGet = async (url: string) => {
        const start = performance.now();
        const response = await fetch(`${base}${url}`, { headers });
        const bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
        return { ms: performance.now() - start, bytes };
      };
      const report = `/api/practices/${saved.practiceId}/report`;
      const cold = await timedGet(report);
      const warm = await timedGet(report);
      const page = await timedGet(
        `/api/practices/${saved.practiceId}/payments?limit=100&sort=-date`,
      );
      return {
        state: {
          server,
          base,
          practiceId: saved.practiceId,
          headers,
          seconds: secondsPerRun(options),
        },
        records: saved.records,
        setup: {
          ...saved.figures,
          serverStartMs: Math.round(serverStartMs),
          reportColdMs: Math.round(cold.ms),
          reportWarmMs: Math.round(warm.ms * 100) / 100,
          reportBytes: cold.bytes,
          listFirstMs: Math.round(page.ms * 100) / 100,
          secondsPerRun: secondsPerRun(options),
          connections: CONNECTIONS,
        },
        dispose,
      };
    } catch (error) {
      await dispose();
      throw error;
    }
  },

  measures: [
    {
      name: 'report',
      description: `GET /api/practices/{id}/report, ${CONNECTIONS} connections (cached after the first)`,
      run: (state) => load(state, `/api/practices/${state.practiceId}/report`),
    },
    {
      name: 'list',
      description: `GET /api/practices/{id}/payments?limit=100&sort=-date, ${CONNECTIONS} connections`,
      run: (state) =>
        load(state, `/api/practices/${state.practiceId}/payments?limit=100&sort=-date`),
    },
    {
      name: 'listUncached',
      description: `GET /api/practices/{id}/payments?limit=50…100&offset=0…200&sort=-date, a random page per request (10,251 pages: mostly not in the page cache), ${CONNECTIONS} connections`,
      run: (state) => {
        const base = `/api/practices/${state.practiceId}/payments`;
        const random = (from: number, to: number) =>
          from + Math.floor(Math.random() * (to - from + 1));
        return load(
          state,
          base,
          () => `${base}?limit=${random(50, 100)}&offset=${random(0, 200)}&sort=-date`,
        );
      },
    },
  ],

  baseline: {
    name: 'health',
    description: `GET /healthz of the same server (one query), ${CONNECTIONS} connections`,
    run: (state) => load(state, '/healthz'),
  },
};

/** Waits for `fulcrum serve` to print its URL; fails with its output if it exits first. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/[^\s]+)/.exec(out)?.[1];
      if (url) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`fulcrum serve exited (${code}): ${out}`)));
  });
}
