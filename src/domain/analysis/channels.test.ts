import { describe, expect, it } from 'vitest';
import { analyze } from './index.ts';
import type { Lever, Report } from './report.ts';
import { buildPractice, type PracticeSpec } from './test-factory.ts';

const YEAR_2023 = { from: '2023-01-01', to: '2023-12-31' };
const bestChannel = (r: Report) =>
  r.levers.find((l) => l.id === 'best_channel') as Extract<Lever, { id: 'best_channel' }>;

const spec = (): PracticeSpec => ({
  offers: [{ id: 'o1', kind: 'one_to_one' }],
  clients: [
    { id: 'c1', source: 'Podcast' },
    { id: 'c2', source: ' podcast ' },
    { id: 'c3', source: 'Instagram' },
    { id: 'c4', source: 'instagram' }, // an old client
    { id: 'c5', source: 'speaking' },
    { id: 'c6' }, // no source
    { id: 'c7', source: 'Newsletter' }, // an old client: nothing in P for its channel
  ],
  payments: [
    { date: '2023-02-01', amount: 1000, offerId: 'o1', clientId: 'c1' },
    { date: '2023-03-01', amount: 500, offerId: 'o1', clientId: 'c1' },
    { date: '2023-05-01', amount: 2000, offerId: 'o1', clientId: 'c2' },
    { date: '2023-04-01', amount: 600, offerId: 'o1', clientId: 'c3' },
    { date: '2023-05-01', amount: -100, offerId: 'o1', clientId: 'c3' },
    { date: '2022-06-01', amount: 1000, offerId: 'o1', clientId: 'c4' },
    { date: '2023-06-01', amount: 1000, offerId: 'o1', clientId: 'c4' },
    { date: '2023-07-01', amount: 300, offerId: 'o1', clientId: 'c5' },
    { date: '2023-07-01', amount: 900, offerId: 'o1', clientId: 'c6' },
    { date: '2022-07-01', amount: 900, offerId: 'o1', clientId: 'c7' },
    { date: '2023-07-01', amount: 900, offerId: 'o1', clientId: 'c7' },
  ],
  timeEntries: [
    { date: '2023-01-10', hours: 12, activity: 'marketing', channel: 'PODCAST' },
    { date: '2023-01-11', hours: 8, activity: 'marketing', channel: 'podcast ' },
    { date: '2023-01-10', hours: 25, activity: 'marketing', channel: 'instagram' },
    { date: '2023-01-10', hours: 100, activity: 'delivery', channel: 'instagram' }, // not marketing
    { date: '2022-12-31', hours: 50, activity: 'marketing', channel: 'instagram' }, // before P
    { date: '2023-01-10', hours: 4, activity: 'marketing', channel: 'YouTube' }, // no clients
    { date: '2023-01-10', hours: 3, activity: 'marketing' }, // no channel
  ],
  costs: [
    { date: '2023-03-01', amount: 300, channel: 'Podcast' },
    { date: '2023-03-01', amount: 200, channel: 'instagram' },
    { date: '2023-08-01', amount: 50, channel: 'INSTAGRAM', offerId: 'o1' },
    { date: '2022-08-01', amount: 999, channel: 'instagram' }, // before P
  ],
});

describe('best_channel', () => {
  it('measures every channel and moves the worst channel’s hours to the best', () => {
    const sut = bestChannel(analyze(buildPractice(spec()), YEAR_2023));
    // podcast: new c1, c2; revenue 1000 + 500 + 2000 = 3500; costs 300; hours 12 + 8 = 20;
    //   yield (3500 − 300) / 20 = 160.
    // instagram: new c3 (c4 is old); revenue 600 − 100 = 500; costs 200 + 50 = 250; hours 25;
    //   yield (500 − 250) / 25 = 10.
    // speaking: new c5, revenue 300, no hours → yield null, not measured.
    // youtube: no new clients, 4 hours → yield 0 / 4 = 0, not measured.
    // (160 − 10) × 25 × 365/365 = 3750.
    expect(sut).toEqual({
      id: 'best_channel',
      annualImpact: 3750,
      assumptions: {},
      details: {
        best: 'podcast',
        worst: 'instagram',
        channels: {
          instagram: {
            newClients: 1,
            revenue: 500,
            marketingHours: 25,
            marketingCosts: 250,
            yieldPerHour: 10,
          },
          podcast: {
            newClients: 2,
            revenue: 3500,
            marketingHours: 20,
            marketingCosts: 300,
            yieldPerHour: 160,
          },
          speaking: {
            newClients: 1,
            revenue: 300,
            marketingHours: 0,
            marketingCosts: 0,
            yieldPerHour: null,
          },
          youtube: {
            newClients: 0,
            revenue: 0,
            marketingHours: 4,
            marketingCosts: 0,
            yieldPerHour: 0,
          },
        },
      },
      explanation:
        "Your best channel, podcast, brought $160.00 of new-client revenue after costs per marketing hour and instagram $10.00; putting instagram's 25 h of marketing into podcast instead is worth $3,750.00 a year (($160.00 − $10.00) × 25 h × 365/365).",
    });
    expect(Object.keys(sut.details.channels)).toEqual([
      'instagram',
      'podcast',
      'speaking',
      'youtube',
    ]);
  });

  it('annualises with f', () => {
    // 2023-01-01 … 2023-07-01 = 182 days (c5 and c6 pay on its last day, inside). The
    // instagram cost of 2023-08-01 falls outside: instagram yields (500 − 200) / 25 = 12.
    // (160 − 12) × 25 × 365/182 = 7420.329… → 7420.33.
    const sut = bestChannel(
      analyze(buildPractice(spec()), { from: '2023-01-01', to: '2023-07-01' }),
    );
    expect(sut.details.channels.instagram!.yieldPerHour).toBe(12);
    expect(sut.annualImpact).toBe(7420.33);
  });

  it('is 0 with a single measured channel, and names it best', () => {
    const s = spec();
    s.timeEntries = s.timeEntries!.filter((t) => t.channel?.trim().toLowerCase() !== 'instagram');
    const sut = bestChannel(analyze(buildPractice(s), YEAR_2023));
    expect(sut).toMatchObject({ annualImpact: 0, details: { best: 'podcast', worst: null } });
    expect(sut.explanation).toBe(
      'Only podcast has both new clients and marketing hours between 2023-01-01 and 2023-12-31 ($160.00 per marketing hour), so there is no second channel to compare it with: $0.00 a year.',
    );
  });

  it('is 0 with no measured channel', () => {
    const s = spec();
    s.timeEntries = [];
    const sut = bestChannel(analyze(buildPractice(s), YEAR_2023));
    expect(sut).toMatchObject({ annualImpact: 0, details: { best: null, worst: null } });
    expect(sut.details.channels.podcast).toMatchObject({ marketingHours: 0, yieldPerHour: null });
    expect(sut.explanation).toContain('No channel has both new clients and marketing hours');
  });

  it('breaks ties: best by name; worst by fewer marketing hours, then name', () => {
    const channel = (id: string, source: string, revenue: number, hours: number): PracticeSpec => ({
      clients: [{ id, source }],
      payments: [{ date: '2023-03-01', amount: revenue, clientId: id }],
      timeEntries: [{ date: '2023-03-01', hours, activity: 'marketing', channel: source }],
    });
    const parts = [
      channel('c1', 'b', 1000, 10), // 100/h
      channel('c2', 'a', 500, 5), // 100/h
      channel('c3', 'x', 300, 30), // 10/h
      channel('c4', 'y', 50, 5), // 10/h
    ];
    const data = buildPractice({
      clients: parts.flatMap((p) => p.clients!),
      payments: parts.flatMap((p) => p.payments!),
      timeEntries: parts.flatMap((p) => p.timeEntries!),
    });
    const sut = bestChannel(analyze(data, YEAR_2023));
    // best: a (100/h, first by name); worst: y (10/h with 5 h, fewer than x's 30 h).
    // (100 − 10) × 5 × 1 = 450.
    expect(sut).toMatchObject({ annualImpact: 450, details: { best: 'a', worst: 'y' } });
  });

  it('allows a negative yield when costs exceed revenue', () => {
    const s = spec();
    s.costs!.push({ date: '2023-09-01', amount: 750, channel: 'instagram' });
    const sut = bestChannel(analyze(buildPractice(s), YEAR_2023));
    // instagram: (500 − 1000) / 25 = −20; (160 − (−20)) × 25 = 4500.
    expect(sut.details.channels.instagram!.yieldPerHour).toBe(-20);
    expect(sut.annualImpact).toBe(4500);
  });

  it('keeps a channel named like an object property as data', () => {
    const data = buildPractice({
      clients: [{ id: 'c1', source: '__proto__' }],
      payments: [{ date: '2023-03-01', amount: 100, clientId: 'c1' }],
    });
    const { channels } = bestChannel(analyze(data, YEAR_2023)).details;
    expect(Object.keys(channels)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(channels))).toEqual(channels);
  });
});
