/** `fulcrum export`: the practice as a bundle, on stdout or into a file. */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { exportBundle } from '../../app/bundle.ts';
import { withPractice } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerExportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write the practice bundle (JSON) to stdout or a file')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { out?: string }, command: Command) => {
      await withPractice(command, io, async (store, practice) => {
        const text = `${JSON.stringify(await exportBundle(store, practice.id), null, 2)}\n`;
        if (!opts.out) {
          io.out(text);
          return;
        }
        // Write beside the target, then rename: a crash never leaves half a bundle.
        const target = path.resolve(opts.out);
        const temp = `${target}.${process.pid}.tmp`;
        await writeFile(temp, text);
        await rename(temp, target);
        io.err(`Exported "${practice.name}" to ${target}\n`);
      });
    });
}
