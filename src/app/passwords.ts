/**
 * Passwords: the rules a new password must meet, and hashing with argon2id (memory-hard;
 * 19 MiB, 2 passes, 1 lane — OWASP's recommended minimum) via @node-rs/argon2, whose
 * binary ships in its npm package. Hashes are PHC strings (`$argon2id$v=19$…`), so the
 * parameters can be raised later and old hashes still verify.
 */
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.ts';

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** A tiny list of the most common passwords that pass the length rule. */
const COMMON = new Set([
  '0123456789',
  '1234567890',
  '12345678910',
  '1111111111',
  '0000000000',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  '1q2w3e4r5t',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'abc1234567',
  'abcdefghij',
  'changeme123',
  'administrator',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'trustno1234',
  'fulcrum1234',
]);

/**
 * Why `password` is not acceptable for the account `email`, or `[]`.
 *
 * @example passwordProblems('short', 'a@b.co') // ['use at least 10 characters']
 */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  if ([...password].length < PASSWORD_MIN_LENGTH)
    problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (address && (lower === address || lower === address.split('@')[0]))
    problems.push('do not use your email address as your password');
  if (COMMON.has(lower) || /^(.)\1*$/.test(password))
    problems.push('this password is among the most common ones; choose another');
  return problems;
}

/** @throws AppError `invalid_input` listing what is wrong with the password. */
export function checkPassword(password: string, email: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length === 0) return;
  throw new AppError(
    'invalid_input',
    `the password is not acceptable: ${problems.join('; ')}`,
    problems.map((message) => ({ path: 'password', message })),
  );
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** True when `password` matches `hashed`; false (never a throw) for a malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown email answers as slowly as a known one. */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword('not a real password, only for timing');
  await verifyPassword(await dummy, password);
}
