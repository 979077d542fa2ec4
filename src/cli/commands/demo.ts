/** `fulcrum demo`: (re)creates the seeded demo practice. */
import type { Command } from 'commander';
import { recreateDemo } from '../../app/demo.ts';
import { dbTarget, describeTarget, globalsOf, withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { dateArg, intArg } from './args.ts';
import { prepareDashboard } from './dashboard.ts';
import { describeImport } from './summaries.ts';

export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('(re)create the demo practice: three years of a coaching practice, seeded')
    .option(
      '--seed <n>',
      'random seed: the same seed and end date give the same practice (default 1)',
      intArg,
    )
    .option('--end <date>', 'last day of the demo history (default: today)', dateArg)
    .action(async (opts: { seed?: number; end?: string }, command: Command) => {
      const end = opts.end ?? io.today();
      await withStore(command, io, async (store) => {
        const summary = await recreateDemo(store, { endDate: end, seed: opts.seed });
        await prepareDashboard(store, summary.practice.id, io);
        io.out(
          `Demo practice "${summary.practice.name}" written to ${describeTarget(dbTarget(globalsOf(command), io))}\n`,
        );
        io.out(describeImport(summary));
      });
    });
}
