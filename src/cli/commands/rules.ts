/**
 * `fulcrum rules …` and `fulcrum unassigned`: the rules that assign imported rows to
 * offers, activities, channels and clients, and the rows no rule assigned yet.
 */
import { type Command, Option } from 'commander';
import {
  addRule,
  applyRulesToImports,
  listRules,
  removeRule,
  updateRule,
} from '../../app/rules.ts';
import { listUnassigned } from '../../app/unassigned.ts';
import { ACTIVITIES } from '../../domain/model.ts';
import { toMajor } from '../../domain/money.ts';
import { formatRule } from '../../domain/rules/format.ts';
import { APPLIES_TO } from '../../domain/rules/model.ts';
import { withPractice } from '../context.ts';
import type { CliIo } from '../io.ts';
import { renderTable } from '../table.ts';
import { intArg } from './args.ts';
import { prepareDashboard } from './dashboard.ts';
import { progressReporter } from './progress.ts';

export function registerRulesCommand(program: Command, io: CliIo): void {
  const rules = program
    .command('rules')
    .description('list, add, remove and re-apply the rules that assign imported rows')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      await withPractice(command, io, async (store, practice) => {
        const list = await listRules(store, practice.id);
        if (opts.json) return io.out(`${JSON.stringify(list, null, 2)}\n`);
        if (list.length === 0) {
          io.out(
            'No rules yet. Add one, e.g.:\n  fulcrum rules add \'description contains "VIP"\' --offer o5\n',
          );
          return;
        }
        io.out(`${list.map((r) => formatRule(r)).join('\n')}\n`);
      });
    });

  rules
    .command('add')
    .description('add a rule at the end: CONDITIONS then what to assign')
    .argument(
      '<conditions>',
      "e.g. 'project = \"Group circle\"', 'title starts with Discovery', 'amount > 500'",
    )
    .option('--offer <id>', 'assign this offer')
    .addOption(
      new Option('--activity <activity>', 'assign this activity (time entries)').choices([
        ...ACTIVITIES,
      ]),
    )
    .option('--channel <name>', 'assign this channel')
    .option('--client <id>', 'assign this client')
    .addOption(
      new Option('--applies-to <kind>', 'which rows the rule looks at')
        .choices([...APPLIES_TO])
        .default('any'),
    )
    .option('--name <text>', 'a name to recognise the rule by')
    .action(
      async (
        when: string,
        opts: {
          offer?: string;
          activity?: string;
          channel?: string;
          client?: string;
          appliesTo: string;
          name?: string;
        },
        command: Command,
      ) => {
        await withPractice(command, io, async (store, practice) => {
          const rule = await addRule(store, practice.id, {
            when,
            then: {
              offerId: opts.offer ?? null,
              activity: (opts.activity as (typeof ACTIVITIES)[number] | undefined) ?? null,
              channel: opts.channel ?? null,
              clientId: opts.client ?? null,
            },
            appliesTo: opts.appliesTo as (typeof APPLIES_TO)[number],
            name: opts.name ?? null,
          });
          io.out(
            `Added ${formatRule(rule)}\nRun \`fulcrum rules apply\` to re-assign the rows imported so far.\n`,
          );
        });
      },
    );

  rules
    .command('edit')
    .description('change a rule in place: new conditions, or targets (`none` clears one)')
    .argument('<id>', 'the rule id, as `fulcrum rules` lists it (e.g. r3)')
    .option('--when <conditions>', 'new conditions, e.g. \'description contains "VIP"\'')
    .option('--offer <id|none>', 'assign this offer')
    .option('--activity <activity|none>', `assign this activity (${ACTIVITIES.join(', ')})`)
    .option('--channel <name|none>', 'assign this channel')
    .option('--client <id|none>', 'assign this client')
    .addOption(
      new Option('--applies-to <kind>', 'which rows the rule looks at').choices([...APPLIES_TO]),
    )
    .option('--name <text>', 'a name to recognise the rule by')
    .action(
      async (
        id: string,
        opts: {
          when?: string;
          offer?: string;
          activity?: string;
          channel?: string;
          client?: string;
          appliesTo?: string;
          name?: string;
        },
        command: Command,
      ) => {
        const target = (value: string | undefined) =>
          value === undefined ? undefined : value === 'none' ? null : value;
        const then = Object.fromEntries(
          Object.entries({
            offerId: target(opts.offer),
            activity: target(opts.activity),
            channel: target(opts.channel),
            clientId: target(opts.client),
          }).filter(([, v]) => v !== undefined),
        );
        await withPractice(command, io, async (store, practice) => {
          const rule = await updateRule(store, practice.id, id.replace(/^#/, ''), {
            when: opts.when,
            then,
            appliesTo: opts.appliesTo as (typeof APPLIES_TO)[number] | undefined,
            name: opts.name,
          });
          io.out(
            `Changed ${formatRule(rule)}\nRun \`fulcrum rules apply\` to re-assign the rows imported so far.\n`,
          );
        });
      },
    );

  rules
    .command('remove')
    .description('remove a rule by id')
    .argument('<id>', 'the rule id, as `fulcrum rules` lists it (e.g. r3)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withPractice(command, io, async (store, practice) => {
        await removeRule(store, practice.id, id.replace(/^#/, ''));
        io.out(`Removed rule ${id}.\n`);
      });
    });

  rules
    .command('apply')
    .description('re-apply the rules to every row imported so far')
    .action(async (_opts: unknown, command: Command) => {
      await withPractice(command, io, async (store, practice) => {
        const progress = progressReporter(io);
        // Off a terminal no progress is shown: the rows need not be counted for it.
        const s = await applyRulesToImports(store, practice.id, {
          onProgress: io.isTty
            ? ({ rows, of }) => progress.update({ file: 'Re-applying the rules', rows, of })
            : undefined,
        }).finally(progress.done);
        if (s.changed + s.added + s.removed > 0) await prepareDashboard(store, practice.id, io);
        const n = (count: number) => count.toLocaleString('en-US');
        io.out(
          `Re-applied the rules to ${n(s.rows)} imported rows: ${n(s.changed)} changed` +
            (s.added ? `, ${n(s.added)} time entries now counted` : '') +
            (s.removed ? `, ${n(s.removed)} time entries taken out (no activity)` : '') +
            `; ${n(s.unassigned)} still unassigned.\n`,
        );
      });
    });

  for (const sub of rules.commands) {
    sub.exitOverride().configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
  }
}

export function registerUnassignedCommand(program: Command, io: CliIo): void {
  program
    .command('unassigned')
    .description('list imported rows no rule assigned, and the values most worth a rule')
    .option('--limit <n>', 'rows to show', intArg, 50)
    .option('--offset <n>', 'rows to skip', intArg, 0)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; offset: number; json?: boolean }, command: Command) => {
      await withPractice(command, io, async (store, practice) => {
        const page = await listUnassigned(store, practice.id, opts);
        if (opts.json) return io.out(`${JSON.stringify(page, null, 2)}\n`);
        if (page.total === 0) return io.out('Every imported row is assigned.\n');
        io.out(`${page.total} imported rows no rule assigned (showing ${page.rows.length}):\n`);
        io.out(
          renderTable(
            [
              { header: 'date' },
              { header: 'kind' },
              { header: 'amount', align: 'right' },
              { header: 'what' },
              { header: 'from' },
            ],
            page.rows.map((r) => [
              r.date,
              r.kind,
              r.kind === 'time'
                ? `${(r.hours ?? 0).toFixed(2)} h`
                : `${toMajor(r.amount ?? 0, r.currency ?? 'USD')} ${r.currency}`,
              (
                r.attributes.project ??
                r.attributes.title ??
                r.attributes.description ??
                r.attributes.type ??
                ''
              )
                .replace(/\s+/g, ' ')
                .slice(0, 50),
              `${r.file.split('/').pop()}:${r.line}`,
            ]),
          ),
        );
        const common = Object.entries(page.common);
        if (common.length) {
          io.out('\nMost common values — each is one rule away:\n');
          for (const [field, values] of common) {
            io.out(`  ${field}: ${values.map((v) => `"${v.value}" (${v.rows})`).join(', ')}\n`);
          }
          const [field, values] = common[0]!;
          io.out(
            `\nFor example: fulcrum rules add '${field} = "${values[0]!.value}"' --offer <id> --activity delivery\n`,
          );
        }
      });
    });
}
