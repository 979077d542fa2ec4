/**
 * The bulk loader on both engines: rows come back as JSON in position ranges, in stored
 * order, with numbers and text unchanged; `loadAnalysisData` reads only the analysis's
 * columns and gives the same report as `loadPracticeData`.
 */
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/engines.ts';
import { analyze } from '../domain/analysis/index.ts';
import { generateDemo } from '../domain/demo/index.ts';
import type { PracticeData } from '../domain/model.ts';
import { ANALYSIS_COLUMNS, COLLECTIONS } from './collections.ts';
import { createPractice } from './practice.repository.ts';
import { selectRecords } from './record-sql.ts';
import { loadAnalysisData, loadPracticeData, savePracticeData } from './records.repository.ts';
import { buildPayments, buildPracticeData, buildTimeEntries } from './test-data.ts';

describeEachEngine('bulk loading', (ctx) => {
  it('reads in position ranges of any size: the same records, in stored order', async () => {
    const { db } = ctx.store;
    const first = buildPayments(120, 'a');
    const data = buildPracticeData({ payments: first, timeEntries: buildTimeEntries(30) });
    const id = await createPractice(db, data.practice);
    await savePracticeData(db, id, data);
    // A second save appends after the first (positions 120…), updating one in place.
    const later = buildPayments(37, 'b');
    const updated = { ...first[5]!, amount: 1 };
    await savePracticeData(db, id, { ...data, payments: [updated, ...later] });
    const expected = [...first.slice(0, 5), updated, ...first.slice(6), ...later];

    for (const rowsPerSelect of [1, 7, 100, 156, 157, 10_000]) {
      const payments = await selectRecords(db, COLLECTIONS.payments, id, { rowsPerSelect });
      expect(payments).toStrictEqual(expected);
      const march = await selectRecords(db, COLLECTIONS.payments, id, {
        rowsPerSelect,
        to: '2024-03-31',
      });
      expect(march).toStrictEqual(expected.filter((p) => p.date <= '2024-03-31'));
    }
    expect(await selectRecords(db, COLLECTIONS.payments, id, { to: '2023-12-31' })).toEqual([]);
    expect(await selectRecords(db, COLLECTIONS.payments, id + 1)).toEqual([]);
  });

  it('keeps doubles, big integers and awkward text exactly', async () => {
    const { db } = ctx.store;
    const hours = [0.1 + 0.2, 1 / 3, 2 / 3, 1e-7, 123_456.789, 5e-324, 1.7976931348623157e308, 7];
    const notes = [
      '"quoted" \\ back\\slash',
      'line\nbreak\ttab\r',
      '🌊 Ré-équilibre 山田',
      '\u0001',
    ];
    const base = buildPracticeData();
    const data: PracticeData = {
      ...base,
      timeEntries: hours.map((h, i) => ({
        ...base.timeEntries[0]!,
        id: `t${i}`,
        hours: h,
        note: notes[i % notes.length]!,
      })),
      rates: [{ date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1 / 3 }],
    };
    const id = await createPractice(db, data.practice);
    await savePracticeData(db, id, data);
    const loaded = await loadPracticeData(db, id);
    expect(loaded.timeEntries.map((t) => t.hours)).toStrictEqual(hours);
    expect(loaded.timeEntries.map((t) => t.note)).toStrictEqual(
      hours.map((_, i) => notes[i % notes.length]),
    );
    expect(loaded.rates[0]!.rate).toBe(1 / 3);
    expect(loaded.payments).toStrictEqual(base.payments);
  });

  it('loadAnalysisData: only the columns the analysis reads, and the same report', async () => {
    const { db } = ctx.store;
    const data = generateDemo({ seed: 5, endDate: '2025-12-31' });
    const id = await createPractice(db, data.practice);
    await savePracticeData(db, id, data);
    const full = await loadPracticeData(db, id);
    const slim = await loadAnalysisData(db, id);

    for (const [name, columns] of Object.entries(ANALYSIS_COLUMNS)) {
      const records = slim[name as keyof typeof ANALYSIS_COLUMNS];
      const pick = (record: object) =>
        Object.fromEntries(columns.map((c) => [c, (record as Record<string, unknown>)[c]]));
      expect(records, name).toStrictEqual(full[name as keyof typeof ANALYSIS_COLUMNS].map(pick));
    }
    expect(Object.keys(slim).sort()).toEqual([...Object.keys(ANALYSIS_COLUMNS), 'practice'].sort());
    expect(slim.practice).toStrictEqual(full.practice);
    expect(analyze(slim)).toStrictEqual(analyze(full));

    const to = '2025-06-30';
    const upTo = await loadAnalysisData(db, id, { to });
    expect(upTo.payments).toStrictEqual(slim.payments.filter((p) => p.date <= to));
    expect(upTo.timeEntries).toStrictEqual(slim.timeEntries.filter((t) => t.date <= to));
    expect(upTo.clients).toStrictEqual(slim.clients);
    expect(analyze(upTo, { to })).toStrictEqual(analyze(full, { to }));
    await expect(loadAnalysisData(db, id + 1)).rejects.toMatchObject({
      code: 'practice_not_found',
    });
    await expect(loadAnalysisData(db, id, { to: '30/06/2025' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
