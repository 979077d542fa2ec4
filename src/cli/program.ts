/**
 * The `fulcrum` command: global options, one `register<Noun>Command` per noun, output
 * routed through the injected io.
 */
import { Command, Option } from 'commander';
import { registerBackupCommands } from './commands/backup.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerForecastCommand } from './commands/forecast.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerPracticesCommand } from './commands/practices.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRulesCommand, registerUnassignedCommand } from './commands/rules.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStartCommand } from './commands/start.ts';
import type { CliIo } from './io.ts';

export function buildProgram(io: CliIo): Command {
  const program = new Command('fulcrum')
    .description(
      'What every income stream of your practice really earns per hour, and which lever is worth most.',
    )
    .addOption(
      new Option('--db <file|url>', 'SQLite file or postgres:// URL (default: ./fulcrum.db)').env(
        'FULCRUM_DB',
      ),
    )
    .option('--practice <name>', 'which practice, when the database holds more than one')
    .showHelpAfterError('(run `fulcrum --help` for usage)')
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    })
    .exitOverride();
  registerStartCommand(program, io);
  registerServeCommand(program, io);
  registerDemoCommand(program, io);
  registerImportCommand(program, io);
  registerExportCommand(program, io);
  registerReportCommand(program, io);
  registerForecastCommand(program, io);
  registerPracticesCommand(program, io);
  registerRulesCommand(program, io);
  registerUnassignedCommand(program, io);
  registerBackupCommands(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
    });
  }
  return program;
}
