/**
 * Fuzzed practice bundles: thousands of malformed variants of a valid bundle (see
 * bundle-mutations.ts) through `parseBundleText`, the validation every bundle import
 * runs before writing. None may throw anything but a refusal; a refusal names every
 * problem by a JSON path into the document, or by a line and column inside the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBundleText } from '../../src/app/bundle.ts';
import { AppError } from '../../src/app/errors.ts';
import { dataToBundle } from '../../src/domain/bundle.ts';
import { buildBundle, bundleCaseArb, SEED_BUNDLE } from './bundle-mutations.ts';
import { pathProblems, positionProblems } from './checks.ts';
import { forbidUnhandledRejections, fuzzParams, fuzzTimeout, report } from './fuzz-settings.ts';

const RUNS = 2500;
const FILE = 'practice.json';

/** What is wrong with the answer to one bundle text ([] = a clean refusal or a valid bundle). */
function answerProblems(text: string): { problems: string[]; outcome: string } {
  try {
    const data = parseBundleText(text, FILE);
    // Accepted: it must survive the way back out.
    JSON.stringify(dataToBundle(data));
    return { problems: [], outcome: 'accepted' };
  } catch (error) {
    if (!(error instanceof AppError)) {
      return { problems: [`threw ${String(error)}`], outcome: 'crash' };
    }
    if (error.code === 'invalid_json') {
      const m = /^practice\.json:(\d+):(\d+): \S/.exec(error.message);
      if (!m) return { problems: [`no line:column in "${error.message}"`], outcome: error.code };
      return { problems: positionProblems(text, Number(m[1]), Number(m[2])), outcome: error.code };
    }
    if (error.code === 'invalid_bundle') {
      const details = error.details as Array<{ path: string; message: string }>;
      if (!details.length) return { problems: ['no problems listed'], outcome: error.code };
      const doc = JSON.parse(text.replace(/^\uFEFF/, ''));
      const problems = details.flatMap((d) => [
        ...pathProblems(doc, d.path),
        ...(d.message ? [] : [`${d.path}: empty message`]),
      ]);
      return { problems, outcome: error.code };
    }
    return { problems: [`unexpected code ${error.code}: ${error.message}`], outcome: error.code };
  }
}

forbidUnhandledRejections();

describe('fuzzed bundles', () => {
  it('the seed bundle is valid', () => {
    expect(answerProblems(JSON.stringify(SEED_BUNDLE))).toEqual({
      problems: [],
      outcome: 'accepted',
    });
  });

  it(
    'never crash, and every refusal names where',
    () => {
      const outcomes: Record<string, number> = {};
      const started = performance.now();
      fc.assert(
        fc.property(bundleCaseArb, (c) => {
          const text = buildBundle(c);
          const answer = answerProblems(text);
          expect(answer.problems).toEqual([]);
          outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
        }),
        fuzzParams(RUNS),
      );
      report('bundles', { outcomes, ms: Math.round(performance.now() - started) });
      // Most variants must be refused, or the fuzzer is not trying hard enough.
      const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
      expect((outcomes.accepted ?? 0) / total).toBeLessThan(0.5);
    },
    fuzzTimeout(30_000),
  );

  it.each([
    ['deep arrays, unterminated', '['.repeat(100_000)],
    ['deep objects, unterminated', '{"a":'.repeat(50_000)],
    ['deep arrays, closed', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['a NUL byte in a string', JSON.stringify(SEED_BUNDLE).replace('Tidewater', 'Tide\u0000water')],
    ['an unpaired surrogate', JSON.stringify(SEED_BUNDLE).replace('"nurses"', '"\\ud800"')],
  ])('%s', (_, text) => {
    expect(answerProblems(text).problems).toEqual([]);
  });
});
