/**
 * `fulcrum start` (what `npm start` runs): opens the embedded database, loads the demo
 * practice on first run, prints a summary, and serves the web app until stopped
 * (`--no-serve` prints the summary only).
 */
import type { Command } from 'commander';
import { recreateDemo } from '../../app/demo.ts';
import { listPracticeSummaries } from '../../app/practices.ts';
import { reportJson } from '../../app/report-cache.ts';
import type { Report } from '../../domain/analysis/report.ts';
import { dbTarget, describeTarget, globalsOf, withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { formatters, LEVER_TITLES } from '../report-text.ts';
import { type ServeFlags, withServeOptions } from './serve.ts';
import { describeImport } from './summaries.ts';

export function registerStartCommand(program: Command, io: CliIo): void {
  withServeOptions(
    program
      .command('start')
      .description(
        'open the database (the demo practice on first run), print a summary and serve the web app',
      )
      .option('--no-serve', 'print the summary only'),
  ).action(async (opts: ServeFlags & { serve: boolean }, command: Command) => {
    const target = dbTarget(globalsOf(command), io);
    const server = opts.serve ? await import('../server.ts') : null;
    const pool = server?.earlyThreads(target, opts, io) ?? null;
    await withStore(command, io, async (store) => {
      let practices = await listPracticeSummaries(store.db);
      if (practices.length === 0) {
        io.out(`New database at ${describeTarget(target)}: loading the demo practice…\n`);
        io.out(describeImport(await recreateDemo(store, { endDate: io.today() })));
        practices = await listPracticeSummaries(store.db);
      } else {
        io.out(`Database: ${describeTarget(target)}\n`);
      }
      for (const p of practices) {
        // Through the report cache: the server's warm-up then finds this report computed.
        const r = await reportJson(store, p.id)
          .then((text) => JSON.parse(text) as Report)
          .catch(() => null);
        if (!r) {
          io.out(`\n${p.name}: no records yet.\n`);
          continue;
        }
        const f = formatters(r.currency);
        const best = r.levers[0];
        io.out(
          `\n${p.name} (${r.period.from} to ${r.period.to}): revenue ${f.money(r.totals.revenue)}, ` +
            `net ${f.money(r.totals.net)} over ${r.totals.hours.toLocaleString('en-US')} hours = ${f.rate(r.totals.effectiveHourlyRate)}.\n`,
        );
        if (best)
          io.out(
            `  Worth most now: ${LEVER_TITLES[best.id].toLowerCase()} (${f.money(best.annualImpact)} a year).\n`,
          );
      }
      const practiceFlag = practices.length > 1 ? ` --practice "${practices[0]!.name}"` : '';
      const steps: [string, string][] = [
        [
          `npx fulcrum${practiceFlag} report`,
          'the full report: streams, readiness, levers, ladder',
        ],
        [`npx fulcrum${practiceFlag} report --json`, 'the same as JSON'],
        [
          'npx fulcrum import FILE…',
          'your own data: Stripe, PayPal, Square, Toggl, Clockify, Harvest,',
        ],
        ['', 'calendars (.ics), any CSV, or a practice bundle'],
        ['npx fulcrum --help', 'every command'],
      ];
      const width = Math.max(...steps.map(([command]) => command.length));
      io.out(
        `\nWhere to look next:\n${steps.map(([c, what]) => `  ${c.padEnd(width)}   ${what}`).join('\n')}\n`,
      );
      if (!server) return;
      io.out(
        '\nThe web app: open the address below in a browser. On the first visit it asks you to\ncreate your account, then opens the demo practice.\n\n',
      );
      await server.serveUntilStopped(store, target, opts, io, pool);
    }).finally(() => pool?.close());
  });
}
