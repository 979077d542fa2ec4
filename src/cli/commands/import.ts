/**
 * `fulcrum import FILE…`: practice bundles (`.json`) and exports from payment processors,
 * time trackers and calendars. Each file is all or nothing.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importBundleText } from '../../app/bundle.ts';
import { AppError } from '../../app/errors.ts';
import { withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { describeImport } from './summaries.ts';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid_input',
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? 'error'})`,
    );
  }
}

function isBundleFile(file: string, head: string): boolean {
  return file.toLowerCase().endsWith('.json') || head.trimStart().startsWith('{');
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import a practice bundle (.json) or exports (Stripe, PayPal, Square, Toggl, Clockify, Harvest, .ics, CSV)',
    )
    .argument('<files...>', 'files to import')
    .action(async (files: string[], _opts: unknown, command: Command) => {
      await withStore(command, io, async (store) => {
        for (const file of files) {
          const text = await readText(file);
          if (!isBundleFile(file, text.slice(0, 100))) {
            throw new AppError(
              'invalid_input',
              `${file}: importing exports is not available yet; use a practice bundle (.json)`,
            );
          }
          const summary = await importBundleText(store, text, file);
          io.out(
            `${summary.created ? 'Created' : 'Updated'} practice "${summary.practice.name}" from ${file}\n`,
          );
          io.out(describeImport(summary));
        }
      });
    });
}
