/** The CLI on the test server's database: `fulcrum report --json`, the page's reference. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Report } from '../../src/domain/analysis/report.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../bin/fulcrum.mjs', import.meta.url));

export async function fulcrum(dbPath: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args, '--db', dbPath], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** `fulcrum report --json [--from D --to D] [--assume k=v …] [--practice NAME]`. */
export async function cliReport(
  dbPath: string,
  options: { from?: string; to?: string; assume?: Record<string, number>; practice?: string } = {},
): Promise<Report> {
  const args = ['report', '--json'];
  if (options.from) args.push('--from', options.from);
  if (options.to) args.push('--to', options.to);
  for (const [k, v] of Object.entries(options.assume ?? {})) args.push('--assume', `${k}=${v}`);
  if (options.practice) args.push('--practice', options.practice);
  return JSON.parse(await fulcrum(dbPath, args)) as Report;
}
