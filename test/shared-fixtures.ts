/**
 * The real export files the importers are tested on (shared/fixtures: see its
 * SOURCES.md): `../shared/fixtures` beside the checkout, the project's layout (CI clones
 * there), or the folder `FULCRUM_FIXTURES` names. Test input only, never shipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');

export const SHARED_FIXTURES = path.resolve(
  process.env.FULCRUM_FIXTURES ?? path.join(repoRoot, '..', 'shared', 'fixtures'),
);

/**
 * The path of a shared fixture, e.g. `sharedFixturePath('paypal/oca_activity_en.csv')`.
 * Without the folder the error says where it was looked for and how to point at it, not
 * just ENOENT.
 */
export function sharedFixturePath(name: string): string {
  if (!existsSync(SHARED_FIXTURES)) {
    throw new Error(
      `the shared real-export fixtures are not at ${SHARED_FIXTURES}: clone the project beside its shared/ folder, or set FULCRUM_FIXTURES to that fixtures folder`,
    );
  }
  return path.join(SHARED_FIXTURES, name);
}

/** The bytes of a shared fixture. */
export function sharedFixture(name: string): Buffer {
  return readFileSync(sharedFixturePath(name));
}
