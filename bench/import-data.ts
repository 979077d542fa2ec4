/**
 * Large, realistic, seeded export files for the import benchmarks, streamed to disk (never
 * held in memory): a Stripe payments export (`unified_payments.csv`, the current default
 * 23 columns) and a Toggl Track detailed report (older column set with `Amount (USD)`,
 * UTF-8 BOM), with the quirks of the real files (shared/spec/formats.md §1a and §4):
 * newest charges first, EUR and GBP charges converted to USD, partial and full refunds
 * with their own dates, failed and uncaptured charges, fees, customer emails and names,
 * descriptions with commas, doubled quotes and (rarely) a line break; Toggl entries of a
 * 40-person workspace, some crossing midnight, tags in one quoted cell, billable amounts.
 *
 * The practice they fit (offers and import rules that assign most rows) is
 * `importPractice()`. Same seed and size, same bytes.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { generateDemo } from '../src/domain/demo/index.ts';
import { Rng, toSeed } from '../src/domain/demo/random.ts';
import type { PracticeData } from '../src/domain/model.ts';
import type { Rule } from '../src/domain/rules/model.ts';

export const STRIPE_HEADER = [
  'id',
  'Created date (UTC)',
  'Amount',
  'Amount Refunded',
  'Currency',
  'Captured',
  'Converted Amount',
  'Converted Amount Refunded',
  'Converted Currency',
  'Decline Reason',
  'Description',
  'Fee',
  'Refunded date (UTC)',
  'Statement Descriptor',
  'Status',
  'Seller Message',
  'Taxes On Fee',
  'Card ID',
  'Customer ID',
  'Customer Description',
  'Customer Email',
  'Invoice ID',
  'Transfer',
] as const;

export const TOGGL_HEADER = [
  'User',
  'Email',
  'Client',
  'Project',
  'Task',
  'Description',
  'Billable',
  'Start date',
  'Start time',
  'End date',
  'End time',
  'Duration',
  'Tags',
  'Amount (USD)',
] as const;

/** One CSV cell: quoted only when needed (commas, quotes, line breaks), as Stripe does. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (cells: readonly string[]) => `${cells.map(cell).join(',')}\n`;

/** Writes lines produced by `next` (null = done) to `file`, in ~1 MB pieces with backpressure. */
async function writeLines(file: string, first: string, next: () => string | null): Promise<void> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  let piece = first;
  for (let text = next(); text !== null; text = next()) {
    piece += text;
    if (piece.length >= 1 << 20) {
      if (!out.write(piece)) await once(out, 'drain');
      piece = '';
    }
  }
  out.end(piece);
  await done;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function token(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[Math.floor(rng.next() * 62)];
  return s;
}

const FIRST = [
  'Jordan',
  'Priya',
  'Sam',
  'Amélie',
  'Chen',
  'Fatima',
  'Liam',
  'Sofia',
  'Mateo',
  'Aisha',
  'Noah',
  'Hana',
  'Olga',
  'Kwame',
  'Lucía',
  'Ines',
  'Tomás',
  'Mei',
  'Ravi',
  'Zoë',
];
const LAST = [
  'Ellis',
  'Raman',
  'Okafor',
  'Laurent',
  'Wei',
  'Haddad',
  "O'Brien",
  'Rossi',
  'García',
  'Khan',
  'Müller',
  'Sato',
  'Petrova',
  'Mensah',
  'Fernández',
  'Silva',
  'Novak',
  'Lin',
  'Patel',
  'Dubois',
];

interface Customer {
  id: string;
  name: string;
  email: string;
}

function customers(rng: Rng, count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return {
      id: `cus_${token(rng, 14)}`,
      name: `${first} ${last}`,
      email: `${local}${i}@example.org`,
    };
  });
}

/** Offer, price (USD), descriptions as Stripe shows them, relative frequency. */
const CHARGES: ReadonlyArray<readonly [price: number, descriptions: string[], weight: number]> = [
  [150, ['1:1 coaching session', 'Coaching session – 60 min'], 40],
  [
    1200,
    ['Shift Change coaching package, deposit and balance', 'Coaching package – 3 sessions'],
    12,
  ],
  [497, ['Night Shift Circle – spring cohort', 'Night Shift Circle (group program)'], 15],
  [197, ['Charting Confidence (online course)', 'Charting Confidence – lifetime access'], 25],
  [2500, ['VIP day "Charge Nurse Intensive"', 'VIP intensive, deposit'], 3],
  [1500, ['Hospital workshop: speaking fee', 'Workshop\nkeynote + Q&A'], 2],
  [75, ['Invoice', 'Payment for services'], 3],
];

const money = (minor: number) => (minor / 100).toFixed(2);

function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);

/**
 * Writes a Stripe payments export of exactly `rows` charges (newest first, ~4 years)
 * and returns the number of rows written.
 */
export async function writeStripePayments(file: string, rows: number, seed = 1): Promise<number> {
  const rng = new Rng(toSeed(seed) ^ 0x5712e);
  const people = customers(rng, Math.max(50, Math.ceil(rows / 20)));
  const span = 4 * 365 * DAY;
  let n = 0;
  let at = END;
  const step = span / rows;
  await writeLines(file, line(STRIPE_HEADER), () => {
    if (n >= rows) return null;
    n++;
    at -= rng.between(0.2, 1.8) * step;
    const [usd, descriptions] = rng.weighted(CHARGES.map((c) => [c, c[2]] as const));
    const description = rng.pick(descriptions);
    const currency = rng.weighted([
      ['usd', 82],
      ['eur', 15],
      ['gbp', 3],
    ] as const);
    const fx = currency === 'eur' ? rng.between(1.05, 1.12) : currency === 'gbp' ? 1.27 : 1;
    const amount = Math.round(((usd * 100) / fx) * rng.between(0.95, 1.05));
    const converted = Math.round(amount * fx);
    const status = rng.weighted([
      ['Paid', 955],
      ['Refunded', 20],
      ['Failed', 20],
      ['Uncaptured', 5],
    ] as const);
    const failed = status === 'Failed';
    const partial = status === 'Paid' && rng.chance(0.02);
    const refunded =
      status === 'Refunded' ? amount : partial ? Math.round(amount * rng.between(0.1, 0.6)) : 0;
    const refundedConverted = refunded === amount ? converted : Math.round(refunded * fx);
    const fee = failed ? 0 : Math.round(converted * 0.029 + 30);
    const person = rng.chance(0.95) ? rng.pick(people) : null;
    return line([
      `ch_3${token(rng, 24)}`,
      timestamp(at),
      money(amount),
      money(refunded),
      currency,
      status === 'Uncaptured' ? 'false' : 'true',
      money(converted),
      money(refundedConverted),
      'usd',
      failed ? rng.pick(['card_declined', 'insufficient_funds', 'expired_card']) : '',
      description,
      money(fee),
      refunded > 0 ? timestamp(at + rng.int(1, 30) * DAY + rng.int(0, DAY)) : '',
      'HARBOR LIGHT COACHING',
      status === 'Uncaptured' ? 'Paid' : status,
      failed
        ? 'The bank did not return any further details with this decline.'
        : 'Payment complete.',
      '0.00',
      `card_${token(rng, 24)}`,
      person?.id ?? '',
      person?.name ?? '',
      person?.email ?? '',
      rng.chance(0.3) ? `in_${token(rng, 24)}` : '',
      '',
    ]);
  });
  return n;
}

/** Project, client-facing, task names, descriptions, relative frequency. */
const PROJECTS: ReadonlyArray<
  readonly [project: string, client: boolean, descriptions: string[], weight: number]
> = [
  ['1:1 Coaching', true, ['Session', 'Session notes, follow-up email', 'Prep'], 35],
  ['Shift Change Package', true, ['Package session', 'Review of "action plan"'], 15],
  ['Night Shift Circle', false, ['Group call', 'Community moderation'], 12],
  ['Charting Confidence', false, ['Recording module', 'Editing, captions', 'Student Q&A'], 12],
  ['VIP Intensive', true, ['VIP day'], 3],
  ['Speaking', false, ['Keynote prep', 'Travel'], 3],
  ['Marketing', false, ['Newsletter', 'Podcast guest spot', 'Instagram, reels'], 10],
  ['Admin', false, ['Bookkeeping', 'Email'], 7],
  ['Misc', false, ['', 'Call'], 3],
];

const TAGS = ['', '', '', 'Zoom', 'Calls, Zoom', 'Deep work', 'Calls, Zoom, Recording'];

const two = (n: number) => String(n).padStart(2, '0');
const clock = (seconds: number) =>
  `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Writes a Toggl detailed report of exactly `rows` entries of a 40-person workspace, day
 * by day from 2017, and returns the number of rows written.
 */
export async function writeTogglEntries(file: string, rows: number, seed = 1): Promise<number> {
  const rng = new Rng(toSeed(seed) ^ 0x7066);
  const team = customers(rng, 40).map((p) => ({ name: p.name, email: p.email }));
  const clients = customers(rng, Math.max(20, Math.ceil(rows / 200))).map((c) => c.name);
  let day = Math.floor(Date.UTC(2017, 0, 2) / DAY);
  let queue: string[] = [];
  let next = 0;
  let n = 0;
  const fillDay = () => {
    for (const user of team) {
      let start = rng.int(7 * 3600, 10 * 3600);
      const entries = rng.poisson(7);
      for (let k = 0; k < entries && start < 22 * 3600; k++) {
        const [project, hasClient, descriptions] = rng.weighted(
          PROJECTS.map((p) => [p, p[3]] as const),
        );
        const seconds = rng.chance(0.01) ? 0 : rng.int(5 * 60, 3 * 3600);
        const end = start + seconds;
        const billable = hasClient && rng.chance(0.9);
        queue.push(
          line([
            user.name,
            user.email,
            hasClient ? rng.pick(clients) : '',
            project,
            rng.chance(0.2) ? 'Follow-up' : '',
            rng.pick(descriptions),
            billable ? 'Yes' : 'No',
            isoDay(day),
            clock(start),
            isoDay(day + Math.floor(end / 86_400)),
            clock(end % 86_400),
            clock(seconds),
            rng.pick(TAGS),
            billable ? ((seconds / 3600) * 150).toFixed(2) : '',
          ]),
        );
        start = end + rng.int(0, 90 * 60);
      }
    }
    day++;
  };
  // Per day, person by person, each person's entries in start order (as Toggl sorts them).
  await writeLines(file, `\uFEFF${line(TOGGL_HEADER)}`, () => {
    if (n >= rows) return null;
    while (next === queue.length) {
      queue = [];
      next = 0;
      fillDay();
    }
    n++;
    return queue[next++]!;
  });
  queue = [];
  return n;
}

const rule = (
  id: string,
  appliesTo: Rule['appliesTo'],
  field: string,
  value: string,
  then: Rule['then'],
): Rule => ({
  id,
  appliesTo,
  when: [{ field, op: 'contains', value }],
  then,
});

/**
 * The demo practice's settings and six offers (no records), with rules that assign the
 * generated rows: charges by description, time entries by project (offer and activity).
 * Rows of `Misc` projects and generic invoices are left unassigned, as in real life.
 */
export function importPractice(): PracticeData {
  const demo = generateDemo();
  return {
    practice: demo.practice,
    offers: demo.offers,
    clients: [],
    payments: [],
    timeEntries: [],
    costs: [],
    conversations: [],
    listSnapshots: [],
    rates: demo.rates,
    rules: [
      rule('r1', 'payment', 'description', 'coaching session', { offerId: 'o1' }),
      rule('r2', 'payment', 'description', 'package', { offerId: 'o2' }),
      rule('r3', 'payment', 'description', 'night shift circle', { offerId: 'o3' }),
      rule('r4', 'payment', 'description', 'charting confidence', { offerId: 'o4' }),
      rule('r5', 'payment', 'description', 'vip', { offerId: 'o5' }),
      rule('r6', 'payment', 'description', 'workshop', { offerId: 'o6' }),
      rule('r7', 'time', 'project', '1:1 coaching', { offerId: 'o1', activity: 'delivery' }),
      rule('r8', 'time', 'project', 'shift change', { offerId: 'o2', activity: 'delivery' }),
      rule('r9', 'time', 'project', 'night shift', { offerId: 'o3', activity: 'delivery' }),
      rule('r10', 'time', 'project', 'charting', { offerId: 'o4', activity: 'creation' }),
      rule('r11', 'time', 'project', 'vip', { offerId: 'o5', activity: 'delivery' }),
      rule('r12', 'time', 'project', 'speaking', { offerId: 'o6', activity: 'delivery' }),
      rule('r13', 'time', 'project', 'marketing', { activity: 'marketing' }),
      rule('r14', 'time', 'project', 'admin', { activity: 'admin' }),
    ],
  };
}
