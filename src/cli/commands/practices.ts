/** `fulcrum practices`: the practices in the database, with their record counts. */
import type { Command } from 'commander';
import { listPracticeSummaries } from '../../app/practices.ts';
import { withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { renderTable } from '../table.ts';

export function registerPracticesCommand(program: Command, io: CliIo): void {
  program
    .command('practices')
    .description('list the practices in the database')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withStore(command, io, async (store) => {
        const list = await listPracticeSummaries(store.db);
        if (opts.json) {
          io.out(`${JSON.stringify(list, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          io.out('No practice yet: run `fulcrum demo` or `fulcrum import practice.json`.\n');
          return;
        }
        io.out(
          renderTable(
            [
              { header: 'practice' },
              { header: 'currency' },
              { header: 'payments', align: 'right' },
              { header: 'time entries', align: 'right' },
            ],
            list.map((p) => [p.name, p.currency, String(p.payments), String(p.timeEntries)]),
          ),
        );
      });
    });
}
