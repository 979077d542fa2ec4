/** Entry point of the `fulcrum` command: parse, run, report errors, return the exit code. */
import { codeVersion } from '../app/code-version.mjs';
import { reportError } from './errors.ts';
import { type CliIo, processIo } from './io.ts';
import { buildProgram } from './program.ts';

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  // Which code this process loaded, taken before any command runs (app/code-version.mjs).
  void codeVersion();
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}
