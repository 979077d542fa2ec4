/**
 * The report cache behind the API, generated from the route table (ROUTE_TABLE): every
 * route that writes a practice's data must move the practice's revision, and the report
 * the API answers right after must be the report computed afresh. A new write route
 * fails here until it is listed below, with what it writes — so a write that forgets the
 * revision (a stale cached report) cannot go unnoticed. A write of import settings
 * (rules), which no figure reads, must leave the revision, and the cached report must
 * still be the fresh one. On both engines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { ROUTE_TABLE, type RouteEntry } from '../src/api/routes/define.ts';
import { buildReport } from '../src/app/report.ts';
import { cacheStats } from '../src/app/report-cache.ts';
import { openStore } from '../src/store/connect.ts';
import { countRecords } from '../src/store/records.repository.ts';
import { readRevision } from '../src/store/revision.repository.ts';
import { Agent, buildApp, grant, importPractice, repoRoot, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

/**
 * One write through the API; `figures` when the report must differ afterwards; `settings`
 * when it writes only import settings: the revision stays and the cached report is served.
 */
interface Write {
  send(agent: Agent, base: string): Promise<{ status: number; text: string }>;
  figures?: boolean;
  settings?: boolean;
}

const STRIPE = path.join(repoRoot, 'test/fixtures/stripe/unified_payments.csv');

function upload(preview: boolean): FormData {
  const form = new FormData();
  form.append(
    'files',
    new File([readFileSync(STRIPE)], 'unified_payments.csv', { type: 'text/csv' }),
  );
  if (preview) form.append('preview', 'true');
  return form;
}

const NEW = {
  offers: {
    id: 'o9',
    name: 'Group intensive',
    kind: 'group_program',
    price: 900,
    launchedOn: null,
  },
  clients: {
    id: 'c9',
    name: 'R. Diaz',
    email: null,
    segment: null,
    source: null,
    referredBy: null,
  },
  payments: {
    id: 'p9',
    date: '2024-03-01',
    amount: 90000,
    currency: 'USD',
    fee: null,
    clientId: 'c1',
    offerId: 'o1',
    externalId: null,
    note: null,
  },
  'time-entries': {
    id: 't9',
    date: '2024-03-01',
    hours: 6,
    activity: 'delivery',
    offerId: 'o1',
    clientId: 'c1',
    channel: null,
    note: null,
  },
  costs: {
    id: 'k9',
    date: '2024-03-01',
    amount: 50000,
    currency: 'USD',
    offerId: 'o1',
    channel: null,
    category: 'ads',
  },
  conversations: {
    id: 'v9',
    date: '2024-03-01',
    prospect: 'M. Obi',
    channel: 'referral',
    offerId: 'o1',
    outcome: 'enrolled',
    clientId: 'c1',
  },
} as const;

const CHANGES: Record<keyof typeof NEW, Record<string, unknown>> = {
  offers: { price: 1200 },
  clients: { segment: 'nurses' },
  payments: { amount: 120000 },
  'time-entries': { hours: 2 },
  costs: { amount: 70000 },
  conversations: { outcome: 'declined' },
};

const SEGMENTS = {
  offers: 'offers',
  clients: 'clients',
  payments: 'payments',
  'time-entries': 'timeEntries',
  costs: 'costs',
  conversations: 'conversations',
} as const;

/** Figures the report shows from this collection (offers and clients only name things). */
const FIGURES = new Set(['payments', 'time-entries', 'costs']);

const WRITES: Record<string, Write> = {
  'POST /api/practices/{practiceId}/imports': {
    send: (agent, base) => agent.post(`${base}/imports`, upload(false)),
    figures: true,
  },
  'POST /api/practices/{practiceId}/imports/commit': {
    async send(agent, base) {
      const preview = await agent.post(`${base}/imports`, upload(true));
      const token = (preview.body as { uploadToken: string }).uploadToken;
      return agent.post(`${base}/imports/commit`, { uploadToken: token });
    },
  },
  'PATCH /api/practices/{practiceId}': {
    send: (agent, base) => agent.patch(base, { weeklyCapacityHours: 12 }),
    figures: true,
  },
  'POST /api/practices/{practiceId}/rules': {
    async send(agent, base) {
      // r8 is for the DELETE below; r9 for the apply.
      await agent.post(`${base}/rules`, {
        id: 'r8',
        when: 'amount gt 1',
        then: { activity: 'sales' },
      });
      return agent.post(`${base}/rules`, {
        id: 'r9',
        when: 'description contains "VIP"',
        then: { offerId: 'o2' },
      });
    },
    settings: true,
  },
  'POST /api/practices/{practiceId}/rules/apply': {
    send: (agent, base) => agent.post(`${base}/rules/apply`),
    figures: true,
  },
  'DELETE /api/practices/{practiceId}/rules/{ruleId}': {
    send: (agent, base) => agent.delete(`${base}/rules/r8`),
    settings: true,
  },
};
for (const [segment, record] of Object.entries(NEW) as [keyof typeof NEW, object][]) {
  const route = `/api/practices/{practiceId}/${segment}`;
  const figures = FIGURES.has(segment);
  WRITES[`POST ${route}`] = {
    send: (agent, base) => agent.post(`${base}/${segment}`, record),
    figures,
  };
  WRITES[`PATCH ${route}/{id}`] = {
    send: (agent, base) =>
      agent.patch(`${base}/${segment}/${(record as { id: string }).id}`, CHANGES[segment]),
    figures,
  };
  WRITES[`DELETE ${route}/{id}`] = {
    send: (agent, base) => agent.delete(`${base}/${segment}/${(record as { id: string }).id}`),
    figures,
  };
}

/** Writes that change no figure nor record: members, invitations (who, not what). */
const NOT_DATA = new Set([
  'PATCH /api/practices/{practiceId}/members/{userId}',
  'DELETE /api/practices/{practiceId}/members/{userId}',
  'POST /api/practices/{practiceId}/invitations',
  'DELETE /api/practices/{practiceId}/invitations/{invitationId}',
  // Checked on its own below: afterwards there is no report to serve.
  'DELETE /api/practices/{practiceId}',
]);

const name = (r: RouteEntry) => `${r.method} ${r.path}`;
/** A POST declared `read` is a question with a body (the forecast's scenarios): not a write. */
const practiceWrites = ROUTE_TABLE.filter(
  (r) => r.path.includes('{practiceId}') && r.method !== 'GET' && r.access !== 'read',
);

it('every write route of a practice is listed as a data write or as none', () => {
  expect(practiceWrites.length).toBeGreaterThan(20);
  const unlisted = practiceWrites.map(name).filter((n) => !(n in WRITES) && !NOT_DATA.has(n));
  expect(unlisted, 'list these in WRITES (with a request) or NOT_DATA').toEqual([]);
  const declared = new Set(practiceWrites.map(name));
  expect(Object.keys(WRITES).filter((n) => !declared.has(n))).toEqual([]);
});

describeEachEngine('API report cache', (ctx) => {
  it('answers the fresh report after every write route, each data write moving the revision', async () => {
    const app = buildApp(ctx.store);
    const editor = await signedUp(app, 'editor@a.example');
    const a = await importPractice(ctx.store, 'Practice A');
    await grant(ctx.store, editor, a, 'editor');
    const base = `/api/practices/${a}`;
    const report = async () => {
      const r = await editor.get(`${base}/report`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      return r.text;
    };
    const fresh = async () => JSON.stringify(await buildReport(ctx.store, a));
    // The same user through a server on a second connection, whose caches start empty:
    // what it answers is computed afresh.
    const second = await openStore(ctx.database.target);
    onTestFinished(() => second.close());
    const freshAgent = new Agent(buildApp(second));
    for (const [k, v] of editor.cookies) freshAgent.cookies.set(k, v);
    /** The lists' totals and pages (kept under the revision too) against fresh ones. */
    const totalsAgree = async (what: string) => {
      const counts = await countRecords(ctx.store.db, a);
      for (const [segment, collection] of Object.entries(SEGMENTS)) {
        const page = await editor.get(`${base}/${segment}?limit=1`);
        expect((page.body as { total: number }).total, `${what}: ${segment}`).toBe(
          counts[collection],
        );
        const url = `${base}/${segment}?limit=20&sort=-id`;
        const kept = await editor.get(url);
        expect(kept.status).toBe(200);
        expect(kept.text, `${what}: ${segment} page`).toBe((await freshAgent.get(url)).text);
      }
    };
    await totalsAgree('before');

    let before = await report();
    expect(before).toBe(await fresh());
    // Served from the cache until something is written.
    const hits = cacheStats(ctx.store).hits;
    expect(await report()).toBe(before);
    expect(cacheStats(ctx.store).hits).toBe(hits + 1);

    // A preview writes nothing: same revision, same entry.
    const revision = await readRevision(ctx.store.db, a);
    expect((await editor.post(`${base}/imports`, upload(true))).status).toBe(200);
    expect(await readRevision(ctx.store.db, a)).toBe(revision);

    for (const route of practiceWrites.filter((r) => name(r) in WRITES)) {
      const what = name(route);
      const write = WRITES[what]!;
      const revisionBefore = await readRevision(ctx.store.db, a);
      const sent = await write.send(editor, base);
      expect(sent.status, `${what}: ${sent.text.slice(0, 300)}`).toBeLessThan(300);
      const revisionAfter = await readRevision(ctx.store.db, a);
      const hitsBefore = cacheStats(ctx.store).hits;
      const after = await report();
      if (write.settings) {
        expect(revisionAfter, what).toBe(revisionBefore);
        expect(cacheStats(ctx.store).hits, `${what} keeps the cached report`).toBe(hitsBefore + 1);
      } else {
        expect(revisionAfter, what).toBeGreaterThan(revisionBefore);
      }
      expect(after, what).toBe(await fresh());
      if (write.figures) expect(after, `${what} changes the figures`).not.toBe(before);
      await totalsAgree(what);
      before = after;
    }
  });

  it('serves no report of a deleted practice', async () => {
    const app = buildApp(ctx.store);
    const owner = await signedUp(app, 'owner@a.example');
    const a = await importPractice(ctx.store, 'Practice A');
    await grant(ctx.store, owner, a, 'owner');
    expect((await owner.get(`/api/practices/${a}/report`)).status).toBe(200);
    expect((await owner.delete(`/api/practices/${a}`)).status).toBe(200);
    expect((await owner.get(`/api/practices/${a}/report`)).status).toBe(404);
  });
});
