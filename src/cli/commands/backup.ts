/**
 * `fulcrum backup FILE` and `fulcrum restore FILE`: the SQLite database named by `--db`
 * copied to a file (online: safe while Fulcrum runs), and put back from one. Neither
 * opens the database through the store, so neither migrates it.
 */
import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../../app/backup.ts';
import { dbTarget, describeTarget, globalsOf } from '../context.ts';
import type { CliIo } from '../io.ts';

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('copy the SQLite database to FILE (safe while Fulcrum runs)')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'replace FILE if it exists')
    .action(async (file: string, opts: { force?: boolean }, command: Command) => {
      const target = dbTarget(globalsOf(command), io);
      const result = await backupDatabase(target, file, opts);
      io.out(`Backed up ${describeTarget(target)} to ${result.file} (${size(result.bytes)})\n`);
    });
  program
    .command('restore')
    .description('replace the SQLite database with the backup FILE (stop Fulcrum first)')
    .argument('<file>', 'a backup written by `fulcrum backup`')
    .option('--force', 'replace a database that holds data')
    .action(async (file: string, opts: { force?: boolean }, command: Command) => {
      const target = dbTarget(globalsOf(command), io);
      const result = await restoreDatabase(file, target, opts);
      io.out(
        `Restored ${describeTarget(target)} from ${result.file} (${result.rows.toLocaleString('en-US')} rows)\n`,
      );
      if (result.pending.length > 0) {
        io.out(`Its schema is older than this Fulcrum: the next command brings it up to date.\n`);
      }
    });
}
