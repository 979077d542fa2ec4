/**
 * Test factories for the storage tests: a practice and a `PracticeData` exercising every
 * field type (nulls, refunds, 0-decimal currencies, unicode, long fractions of hours).
 */
import type { Payment, Practice, PracticeData, TimeEntry } from '../domain/model.ts';
import type { ImportRow } from './import-row.repository.ts';

export function buildPractice(overrides: Partial<Practice> = {}): Practice {
  return {
    name: 'Harbor Light Coaching',
    currency: 'USD',
    timezone: 'America/New_York',
    startedOn: '2021-03-01',
    niche: 'nurses',
    weeklyCapacityHours: 30,
    liveSessions: true,
    targets: { monthlyServiceIncome: 1_000_000, nicheShare: 0.6 },
    ...overrides,
  };
}

export function buildPracticeData(overrides: Partial<PracticeData> = {}): PracticeData {
  return {
    rules: [],
    practice: buildPractice(),
    offers: [
      {
        id: 'o2',
        name: '1:1 coaching',
        kind: 'one_to_one',
        price: 15_000,
        launchedOn: '2021-03-01',
      },
      {
        id: 'o1',
        name: 'Séminaire « Ré-équilibre » 🌊',
        kind: 'workshop',
        price: null,
        launchedOn: null,
      },
    ],
    clients: [
      {
        id: 'c1',
        name: 'Ana Ruiz',
        email: 'ana@example.com',
        segment: 'nurses',
        source: 'referral',
        referredBy: null,
      },
      { id: 'c2', name: '山田 花子', email: null, segment: null, source: null, referredBy: 'c1' },
    ],
    payments: [
      {
        id: 'p1',
        date: '2024-01-05',
        amount: 15_000,
        currency: 'USD',
        fee: 465,
        clientId: 'c1',
        offerId: 'o2',
        externalId: 'ch_1',
        note: '',
      },
      {
        id: 'p2',
        date: '2024-01-20',
        amount: -15_000,
        currency: 'USD',
        fee: null,
        clientId: 'c1',
        offerId: 'o2',
        externalId: null,
        note: 'refund',
      },
      {
        id: 'p3',
        date: '2024-02-01',
        amount: 120_000,
        currency: 'JPY',
        fee: 0,
        clientId: 'c2',
        offerId: null,
        externalId: null,
        note: null,
      },
      {
        id: 'p4',
        date: '2024-02-02',
        amount: 9_007_199_254_740_991,
        currency: 'USD',
        fee: null,
        clientId: null,
        offerId: null,
        externalId: 'ch_big',
        note: 'max safe integer',
      },
    ],
    timeEntries: [
      {
        id: 't1',
        date: '2024-01-05',
        hours: 1.3333333333,
        activity: 'delivery',
        offerId: 'o2',
        clientId: 'c1',
        channel: null,
        note: '',
      },
      {
        id: 't2',
        date: '2024-01-06',
        hours: 0.1,
        activity: 'marketing',
        offerId: null,
        clientId: null,
        channel: 'podcast',
        note: 'épisode 12',
      },
    ],
    costs: [
      {
        id: 'k1',
        date: '2024-02-01',
        amount: 2_900,
        currency: 'USD',
        offerId: 'o1',
        channel: null,
        category: 'software',
      },
      {
        id: 'k2',
        date: '2024-03-01',
        amount: 5_000,
        currency: 'JPY',
        offerId: null,
        channel: 'instagram',
        category: null,
      },
    ],
    conversations: [
      {
        id: 'v1',
        date: '2024-03-02',
        prospect: 'J. Lee',
        channel: 'podcast',
        offerId: 'o2',
        outcome: 'enrolled',
        clientId: 'c2',
      },
      {
        id: 'v2',
        date: '2024-03-03',
        prospect: null,
        channel: null,
        offerId: null,
        outcome: 'pending',
        clientId: null,
      },
    ],
    listSnapshots: [
      { date: '2024-06-30', subscribers: 1200 },
      { date: '2024-01-31', subscribers: 0 },
    ],
    rates: [
      { date: '2024-01-01', from: 'JPY', to: 'USD', rate: 0.0068123456789 },
      { date: '2024-01-01', from: 'EUR', to: 'USD', rate: 1.09 },
    ],
    ...overrides,
  };
}

/** `count` payments with ids `${prefix}1…`, dated through 2024, each with an external id. */
export function buildPayments(count: number, prefix = 'p'): Payment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    date: `2024-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
    amount: 10_000 + (i % 500) - 250,
    currency: 'USD',
    fee: i % 3 === 0 ? null : 300 + (i % 7),
    clientId: `c${i % 50}`,
    offerId: `o${i % 5}`,
    externalId: `${prefix}_ch_${i + 1}`,
    note: i % 10 === 0 ? 'batch' : null,
  }));
}

/** `count` time entries with ids `${prefix}1…`. */
export function buildTimeEntries(count: number, prefix = 't'): TimeEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    date: `2024-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
    hours: ((i % 16) + 1) / 3,
    activity: i % 4 === 0 ? 'sales' : 'delivery',
    offerId: `o${i % 5}`,
    clientId: i % 2 === 0 ? `c${i % 50}` : null,
    channel: null,
    note: null,
  }));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An imported Stripe payment row (`import_rows`), waiting in the inbox unless overridden. */
export function buildImportRow(overrides: Partial<ImportRow> = {}): ImportRow {
  return {
    id: 'stripe:ch_1',
    importId: 1,
    kind: 'payment',
    format: 'stripe',
    file: 'a.csv',
    line: 2,
    externalId: 'ch_1',
    date: '2024-01-05',
    amount: 100,
    currency: 'USD',
    fee: null,
    hours: null,
    refundOf: null,
    attributes: '{}',
    customer: null,
    unassigned: 1,
    materialized: 0,
    ...overrides,
  };
}
