/** `fulcrum report`: the leverage analysis of spec/analysis.md, in words or as JSON. */
import type { Command } from 'commander';
import { buildReport } from '../../app/report.ts';
import { ASSUMPTION_NOTES } from '../../domain/analysis/assumptions.ts';
import { withPractice } from '../context.ts';
import type { CliIo } from '../io.ts';
import { renderReport } from '../report-text.ts';
import { assumeArg, dateArg } from './args.ts';

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('what each income stream earns per hour, readiness, levers and the next rung')
    .option('--from <date>', 'first day of the period (default: a year before --to)', dateArg)
    .option('--to <date>', 'last day of the period (default: the latest record)', dateArg)
    .option('--assume <name=value>', 'override a lever assumption (repeatable)', assumeArg)
    .option('--json', 'print the report document (spec/analysis.md) as JSON')
    .addHelpText(
      'after',
      `\nAssumptions:\n${Object.values(ASSUMPTION_NOTES)
        .map((n) => `  ${n}`)
        .join('\n')}\n`,
    )
    .action(
      async (
        opts: { from?: string; to?: string; assume?: Record<string, number>; json?: boolean },
        command: Command,
      ) => {
        await withPractice(command, io, async (store, practice) => {
          const report = await buildReport(store, practice.id, {
            from: opts.from,
            to: opts.to,
            assumptions: opts.assume,
          });
          io.out(
            opts.json
              ? `${JSON.stringify(report, null, 2)}\n`
              : renderReport(report, practice.name),
          );
        });
      },
    );
}
