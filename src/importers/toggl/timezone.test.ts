import { describe, expect, it } from 'vitest';
import { importFileResult } from '../detect.ts';

const CSV = [
  'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags',
  'Ana,ana@example.org,,Coaching,,Late call,No,2024-03-04,23:30:00,2024-03-05,00:30:00,01:00:00,',
  'Ana,ana@example.org,,Coaching,,Morning,No,2024-03-05,09:00:00,2024-03-05,10:00:00,01:00:00,',
].join('\n');

const read = (options: { timezone: string; sourceTimezone?: string }) =>
  importFileResult('toggl.csv', () => [Buffer.from(CSV)], { currency: 'USD', ...options });

describe('Toggl times written in another zone (--timezone)', () => {
  it('keeps the written dates when the export is in the practice zone', async () => {
    const result = await read({ timezone: 'Europe/Berlin' });
    expect(result.records.map((r) => r.date)).toEqual(['2024-03-04', '2024-03-05']);
  });

  it('moves a start to the practice calendar: 23:30 in Berlin is the next morning in Tokyo', async () => {
    const result = await read({ timezone: 'Asia/Tokyo', sourceTimezone: 'Europe/Berlin' });
    // 2024-03-04 23:30 CET = 22:30 UTC = 2024-03-05 07:30 JST; 09:00 CET = 17:00 JST, same day.
    expect(result.records.map((r) => r.date)).toEqual(['2024-03-05', '2024-03-05']);
  });

  it('gives the same ids whatever the zone, so a re-import with another --timezone adds nothing', async () => {
    const here = await read({ timezone: 'Europe/Berlin' });
    const there = await read({ timezone: 'Asia/Tokyo', sourceTimezone: 'Europe/Berlin' });
    expect(there.records.map((r) => r.externalId)).toEqual(here.records.map((r) => r.externalId));
  });
});
