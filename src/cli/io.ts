/**
 * Where the CLI writes. Commands never touch `process.stdout` directly, so tests run the
 * whole CLI in-process and read what a user would have seen.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
  env: Record<string, string | undefined>;
  /** Today's date (YYYY-MM-DD), the CLI's only clock. */
  today(): string;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY),
  env: process.env,
  today: () => new Date().toISOString().slice(0, 10),
};

/** An in-memory io for tests: everything written is kept. */
export function memoryIo(env: Record<string, string | undefined> = {}, today = '2026-11-25') {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    isTty: false,
    env,
    today: () => today,
  };
  return io;
}
