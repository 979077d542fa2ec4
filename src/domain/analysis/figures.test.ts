import { describe, expect, it } from 'vitest';
import { describeFigure, FIGURES, type FigureId, isFigureId } from './figures.ts';
import { analyze } from './index.ts';
import type { Report } from './report.ts';
import { buildPractice } from './test-factory.ts';

/** Every leaf of a JSON value, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [path] : value.flatMap((v, i) => leaves(v, [...path, i]));
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

/** The figure id of a leaf (see the header of figures.ts). */
function figureId(r: Report, path: (string | number)[]): string {
  const [head, a, b, ...rest] = path;
  let parts: (string | number)[] = path;
  if (head === 'streams') {
    parts = ['streams', b!, ...(b === 'hours' ? [] : rest)]; // hours.<activity> → streams.hours
  } else if (head === 'readiness' && a === 'criteria') {
    parts =
      rest[0] === 'gap' ? ['criteria', 'gap'] : ['criteria', r.readiness.criteria[b as number]!.id];
  } else if (head === 'readiness' && a === 'warnings') {
    parts = ['readiness', 'warnings', String(r.readiness.warnings[b as number])];
  } else if (head === 'levers') {
    const id = r.levers[a as number]!.id;
    if (b === 'assumptions' && rest.length > 0) parts = ['assumptions', rest[0]!];
    else if (b === 'details' && rest[0] === 'channels') parts = ['levers', id, rest[2]!];
    else if (b === 'details') parts = ['levers', id, ...rest];
    else parts = ['levers', id]; // annualImpact, explanation, an empty assumptions object
  } else if (head === 'ladder' && a === 'candidates') {
    parts = ['ladder', 'candidates', rest[0] ?? ''];
  }
  return parts.join('.');
}

/** A practice whose report has every kind of figure, warnings and channels included. */
const rich = () =>
  buildPractice({
    practice: { weeklyCapacityHours: 10 },
    offers: [
      { id: 'o1', kind: 'one_to_one' },
      { id: 'o2', kind: 'info_product' },
    ],
    clients: [
      { id: 'c1', source: 'podcast', segment: 'nurses' },
      { id: 'c2', source: 'instagram' },
    ],
    payments: [
      { date: '2024-03-01', amount: 1500, fee: 45, offerId: 'o1', clientId: 'c1' },
      { date: '2024-04-01', amount: 300, offerId: 'o1', clientId: 'c2' },
      { date: '2024-04-01', amount: 49, offerId: 'o2' },
      { date: '2024-04-02', amount: 10 },
    ],
    timeEntries: [
      { date: '2024-03-01', hours: 10, offerId: 'o1', clientId: 'c1' },
      { date: '2024-02-01', hours: 5, activity: 'marketing', channel: 'podcast' },
      { date: '2024-02-01', hours: 5, activity: 'marketing', channel: 'instagram' },
      { date: '2024-02-01', hours: 20, activity: 'creation', offerId: 'o2' },
    ],
    costs: [{ date: '2024-02-01', amount: 10, channel: 'podcast' }],
    conversations: [
      { date: '2024-06-30', outcome: 'enrolled' },
      { date: '2024-06-30', outcome: 'declined' },
    ],
  });

describe('describeFigure', () => {
  it('describes every figure of the report', () => {
    const report = analyze(rich());
    expect(report.readiness.warnings).toEqual(['products_before_foundation']);
    const missing = new Set<string>();
    for (const path of leaves(report)) {
      // Names, not figures: what the row is about.
      if (['offerId', 'name', 'kind', 'label'].includes(String(path.at(-1)))) continue;
      const id = figureId(report, path);
      if (!isFigureId(id)) missing.add(id);
    }
    expect([...missing]).toEqual([]);
  });

  it('gives one line per figure', () => {
    for (const id of Object.keys(FIGURES) as FigureId[]) {
      const text = describeFigure(id);
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toContain('\n');
    }
    expect(isFigureId('streams.leverage')).toBe(true);
    expect(isFigureId('toString')).toBe(false);
  });
});
