/** Parsers for option values: a bad value is a usage error that says what to write. */
import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../../domain/dates.ts';

export function dateArg(value: string): string {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`expected a date written YYYY-MM-DD, got "${value}"`);
  return value;
}

export function intArg(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

/** Collects repeated `--assume name=value` options into one object. */
export function assumeArg(
  value: string,
  previous: Record<string, number> = {},
): Record<string, number> {
  const m = /^([A-Za-z][\w]*)=(.+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected name=value, such as raise=0.15, got "${value}"`);
  const n = Number(m[2]);
  if (!Number.isFinite(n))
    throw new InvalidArgumentError(`expected a number for ${m[1]}, got "${m[2]}"`);
  return { ...previous, [m[1]!]: n };
}

/** Collects a repeatable option into a list. */
export function repeatArg(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
