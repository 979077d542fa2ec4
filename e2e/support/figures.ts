/**
 * The dashboard's figures as the page shows them (each element with data-figure =
 * its place in the report, data-value = the raw value) and the same places in a report
 * document, so a test can say "every figure on the page equals `fulcrum report --json`".
 */
import type { Page } from 'playwright-core';
import type { Report } from '../../src/domain/analysis/report.ts';

export type Figures = Map<string, string>;

/** Every figure on the page: path → raw value as text. */
export async function readFigures(page: Page): Promise<Figures> {
  const pairs = await page.$$eval('[data-figure]', (els) =>
    els.map(
      (el) => [el.getAttribute('data-figure') ?? '', el.getAttribute('data-value') ?? ''] as const,
    ),
  );
  return new Map(pairs);
}

function nested(value: unknown, keys: string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The value at a figure path in a report (`streams.o1.hours.total`, `levers.referrals.annualImpact`). */
export function valueAt(report: Report, path: string): unknown {
  const [head, key, ...rest] = path.split('.');
  switch (head) {
    case 'streams':
      return nested(
        report.streams.find((s) => s.offerId === key),
        rest,
      );
    case 'levers':
      return nested(
        report.levers.find((l) => l.id === key),
        rest,
      );
    case 'readiness':
      if (key === 'criteria') {
        const [id, ...field] = rest;
        return nested(
          report.readiness.criteria.find((c) => c.id === id),
          field,
        );
      }
      if (key === 'warnings') return report.readiness.warnings.find((w) => w === rest[0]);
      return nested(report.readiness, [key ?? '', ...rest]);
    case 'ladder':
      if (key === 'candidates') {
        const [rung, ...field] = rest;
        return nested(
          report.ladder.candidates.find((c) => String(c.rung) === rung),
          field,
        );
      }
      return nested(report.ladder, [key ?? '', ...rest]);
    default:
      return nested(report, path.split('.'));
  }
}

/** The figures whose shown value differs from the report's: path → [page, report]. */
export function mismatches(figures: Figures, report: Report): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const [path, shown] of figures) {
    const expected = valueAt(report, path);
    const text = expected === null ? 'null' : String(expected);
    if (expected === undefined || text !== shown) out[path] = [shown, String(expected)];
  }
  return out;
}
