/**
 * A bounded load test over loopback: the real server (`fulcrum serve`'s site) on a
 * SQLite file with the demo practice, 50 concurrent clients mixing reads of the report
 * and small writes (a sales conversation) for a fixed time (LOAD_SECONDS, default 60).
 * Every request must succeed; the latencies are printed and written to a temp file
 * (FULCRUM_LOAD_OUT to choose it) so the figures can be recorded in docs/reliability.md.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startServer } from '../../src/cli/server.ts';
import { openStore } from '../../src/store/connect.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = 50;
const WRITE_SHARE = 0.2;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

it(
  `${CLIENTS} clients reading the report and writing for ${SECONDS} s: no errors`,
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fulcrum-load-'));
    const store = await openStore(path.join(dir, 'load.db'));
    const server = await startServer({ store, port: 0, host: '127.0.0.1', webDir: null });
    try {
      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({
          email: 'coach@example.org',
          password: 'a long and quiet passphrase',
        }),
      });
      expect(setup.status).toBe(201);
      const body = (await setup.json()) as { csrfToken: string; practices: { id: number }[] };
      const cookie = setup.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const practice = `${server.url}/api/practices/${body.practices[0]!.id}`;
      const headers = { cookie, origin: server.url, 'x-csrf-token': body.csrfToken };

      const latencies: number[] = [];
      const failures: string[] = [];
      let writes = 0;
      const until = performance.now() + SECONDS * 1000;
      let seed = 7;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const client = async (n: number) => {
        for (let i = 0; performance.now() < until; i++) {
          const write = random() < WRITE_SHARE;
          const started = performance.now();
          const response = write
            ? await fetch(`${practice}/conversations`, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify({
                  date: '2026-11-20',
                  outcome: i % 3 === 0 ? 'enrolled' : 'declined',
                  prospect: `load ${n}.${i}`,
                  channel: 'podcast',
                }),
              })
            : await fetch(`${practice}/report`, { headers });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          if (write) writes++;
          if (response.status >= 300)
            failures.push(`${response.status} ${write ? 'write' : 'report'}`);
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

      const sorted = [...latencies].sort((a, b) => a - b);
      const figures = {
        seconds: SECONDS,
        clients: CLIENTS,
        requests: latencies.length,
        writes,
        errors: failures.length,
        requestsPerSecond: Math.round(latencies.length / SECONDS),
        p50ms: Math.round(percentile(sorted, 50)),
        p99ms: Math.round(percentile(sorted, 99)),
        maxMs: Math.round(sorted.at(-1) ?? 0),
      };
      const out = process.env.FULCRUM_LOAD_OUT ?? path.join(dir, 'load.json');
      writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
      console.log(`load: ${JSON.stringify(figures)}`);
      expect(failures.slice(0, 5)).toEqual([]);
      expect(latencies.length).toBeGreaterThan(CLIENTS);
      // Every write landed: the report now counts them as conversations.
      const report = (await (await fetch(`${practice}/report`, { headers })).json()) as {
        readiness: { criteria: { id: string; value: number }[] };
      };
      expect(
        report.readiness.criteria.find((c) => c.id === 'sales_experience')!.value,
      ).toBeGreaterThan(writes / 2);
    } finally {
      await server.close();
      await store.close();
    }
  },
  (SECONDS + 120) * 1000,
);
