/**
 * `fulcrum import FILE…`: practice bundles (`.json`) and exports from payment processors,
 * time trackers and calendars. Exports go in together, all or nothing; `--preview`
 * shows what would happen and writes nothing.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { importBundleText } from '../../app/bundle.ts';
import { AppError } from '../../app/errors.ts';
import { fileSource, importFiles } from '../../app/imports/import.ts';
import { resolvePractice } from '../../app/practices.ts';
import { isTimeZone } from '../../domain/dates.ts';
import { parseMapOption } from '../../importers/generic-csv/map.ts';
import type { Store } from '../../store/connect.ts';
import { type GlobalOptions, withStore } from '../context.ts';
import type { CliIo } from '../io.ts';
import { repeatArg } from './args.ts';
import { prepareDashboard } from './dashboard.ts';
import { describeImportReport } from './import-report.ts';
import { progressReporter } from './progress.ts';
import { describeImport } from './summaries.ts';

interface ImportOpts {
  preview?: boolean;
  format?: string;
  timezone?: string;
  dateFormat?: string;
  decimal?: string;
  map?: string;
  saveMap?: string;
  ownerEmail?: string[];
  json?: boolean;
}

async function checkReadable(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new AppError('invalid_input', `${file}: not a file`);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'invalid_input',
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read it (${code ?? 'error'})`,
    );
  }
}

async function isBundleFile(file: string): Promise<boolean> {
  if (file.toLowerCase().endsWith('.json')) return true;
  for await (const chunk of createReadStream(file, { start: 0, end: 255 })) {
    return (chunk as Buffer)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
      .startsWith('{');
  }
  return false;
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description(
      'import a practice bundle (.json) or exports (Stripe, PayPal, Square, Toggl, Clockify, Harvest, .ics, CSV)',
    )
    .argument('<files...>', 'files to import')
    .option('--preview', 'show what would be imported and write nothing')
    .option(
      '--format <id>',
      'the export format, when detection cannot tell (see docs/importing.md)',
    )
    .option('--timezone <zone>', "IANA zone of exports without one (default: the practice's)")
    .option(
      '--date-format <format>',
      'date order of the file: DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD, DD.MM.YYYY',
    )
    .option('--decimal <mark>', 'decimal mark of the file when it cannot be told: . or ,')
    .option(
      '--map <field=Header,…|name>',
      'generic CSV: which column holds what (date=Date,amount=Amount,…), or a saved mapping',
    )
    .option('--save-map <name>', 'save the --map under a name, to use later as --map NAME')
    .option(
      '--owner-email <email>',
      'calendars: your address, to skip invitations you declined (repeatable)',
      repeatArg,
    )
    .option('--json', 'print the import report as JSON')
    .action(async (files: string[], opts: ImportOpts, command: Command) => {
      if (opts.timezone && !isTimeZone(opts.timezone)) {
        throw new AppError(
          'invalid_input',
          `unknown time zone "${opts.timezone}": use an IANA name such as Europe/Berlin`,
        );
      }
      if (opts.decimal && opts.decimal !== '.' && opts.decimal !== ',') {
        throw new AppError('invalid_input', `--decimal must be . or , (got "${opts.decimal}")`);
      }
      let map: Record<string, string> | undefined;
      let mapName: string | undefined;
      if (opts.map?.includes('=')) {
        const parsed = parseMapOption(opts.map);
        if ('problem' in parsed) throw new AppError('invalid_input', parsed.problem);
        map = parsed;
      } else if (opts.map) mapName = opts.map.trim();
      for (const file of files) await checkReadable(file);
      const bundles: string[] = [];
      const exports: string[] = [];
      for (const file of files) ((await isBundleFile(file)) ? bundles : exports).push(file);
      await withStore(command, io, async (store, globals) => {
        /** Practices written, whose dashboard is prepared once at the end. */
        const written = new Set<number>();
        try {
          await importAll(store, globals, written);
        } finally {
          for (const id of written) await prepareDashboard(store, id, io);
        }
      });
      async function importAll(store: Store, globals: GlobalOptions, written: Set<number>) {
        for (const file of bundles) {
          if (opts.preview)
            throw new AppError(
              'invalid_input',
              `${file}: --preview is for exports; a bundle is validated whole anyway`,
            );
          const summary = await importBundleText(store, await readFile(file, 'utf8'), file);
          io.out(
            `${summary.created ? 'Created' : 'Updated'} practice "${summary.practice.name}" from ${file}\n`,
          );
          io.out(describeImport(summary));
          written.add(summary.practice.id);
        }
        if (exports.length === 0) return;
        const practice = await resolvePractice(store.db, globals.practice);
        const progress = progressReporter(io);
        try {
          const report = await importFiles(store, practice.id, {
            files: exports.map((name) => fileSource(name)),
            preview: opts.preview,
            format: opts.format,
            timezone: opts.timezone,
            dateFormat: opts.dateFormat,
            decimal: opts.decimal as '.' | ',' | undefined,
            map,
            mapName,
            saveMapAs: opts.preview ? undefined : opts.saveMap,
            ownerEmails: opts.ownerEmail,
            asOf: io.today(),
            onProgress: progress.update,
          });
          progress.done();
          io.out(
            opts.json
              ? `${JSON.stringify(report, null, 2)}\n`
              : describeImportReport(report, practice.name),
          );
          if (!opts.preview) written.add(practice.id);
        } finally {
          progress.done();
        }
      }
    });
}
