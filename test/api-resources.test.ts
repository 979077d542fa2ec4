/**
 * The API's resources on both engines: practices, members and invitations, the six
 * record resources (paging, search, sort, filters, CRUD and their checks), the report,
 * the exports (bundle, CSV) and rules with the inbox.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { exportBundle } from '../src/app/bundle.ts';
import { buildReport } from '../src/app/report.ts';
import {
  Agent,
  buildApp,
  grant,
  importPractice,
  PASSWORD,
  SMALL_BUNDLE,
  signedUp,
} from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

type Page = { total: number; limit: number; offset: number; items: Record<string, unknown>[] };

describeEachEngine('API: practices, members, invitations', (ctx) => {
  it('creates a practice owned by its creator, lists, reads, updates and deletes it', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const created = await ana.post('/api/practices', {
      name: 'Ana Coaching',
      currency: 'EUR',
      timezone: 'Europe/Paris',
    });
    expect(created.status).toBe(201);
    const practice = created.body as { id: number };
    expect(created.body).toMatchObject({
      name: 'Ana Coaching',
      currency: 'EUR',
      liveSessions: true,
      targets: {},
      role: 'owner',
    });
    expect((await ana.get('/api/practices')).body).toEqual({
      items: [{ id: practice.id, name: 'Ana Coaching', currency: 'EUR', role: 'owner' }],
    });
    const updated = await ana.patch(`/api/practices/${practice.id}`, {
      niche: 'nurses',
      targets: { buyers: 40 },
    });
    expect(updated.body).toMatchObject({
      niche: 'nurses',
      targets: { buyers: 40 },
      timezone: 'Europe/Paris',
    });
    const clash = await ana.post('/api/practices', { name: 'Ana Coaching', currency: 'EUR' });
    expect(clash.status).toBe(409);
    const badZone = await ana.patch(`/api/practices/${practice.id}`, { timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect((await ana.delete(`/api/practices/${practice.id}`)).status).toBe(200);
    expect((await ana.get(`/api/practices/${practice.id}`)).status).toBe(404);
    expect((await ana.get('/api/practices')).body).toEqual({ items: [] });
  });

  it('invites by link, accepts, changes roles, keeps an owner, removes and lets members leave', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const id = (await ana.post('/api/practices', { name: 'Ana Coaching', currency: 'USD' }))
      .body as { id: number };
    const base = `/api/practices/${id.id}`;
    const invited = await ana.post(`${base}/invitations`, {
      role: 'advisor',
      email: 'Bo@Example.com',
    });
    expect(invited.status).toBe(201);
    const {
      token,
      path,
      id: invitationId,
    } = invited.body as { token: string; path: string; id: string };
    expect(path).toBe(`/invitations/${token}`);
    expect((await ana.get(`${base}/invitations`)).body).toMatchObject({
      items: [{ id: invitationId, role: 'advisor', email: 'bo@example.com', expired: false }],
    });
    // The link tells what it invites to, to anyone holding it.
    expect((await new Agent(app).get(`/api/invitations/${token}`)).body).toMatchObject({
      practice: { name: 'Ana Coaching' },
      role: 'advisor',
    });
    expect((await new Agent(app).get('/api/invitations/nonsense')).status).toBe(404);
    // Only the invited email may use it.
    const eve = await signedUp(app, 'eve@example.com');
    expect((await eve.post(`/api/invitations/${token}/accept`)).status).toBe(403);
    const wrongSignUp = await new Agent(app).post('/api/auth/sign-up', {
      email: 'mallory@example.com',
      password: PASSWORD,
      invitation: token,
    });
    expect(wrongSignUp.status).toBe(403);
    const bo = new Agent(app);
    const joined = await bo.post('/api/auth/sign-up', {
      email: 'bo@example.com',
      password: PASSWORD,
      invitation: token,
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ practices: [{ id: id.id, role: 'advisor' }] });
    expect((await bo.post(`/api/invitations/${token}/accept`)).status).toBe(404); // used once
    expect((await ana.get(`${base}/invitations`)).body).toEqual({ items: [] });

    const members = (await ana.get(`${base}/members`)).body as {
      items: { userId: number; role: string }[];
    };
    expect(members.items.map((m) => m.role)).toEqual(['owner', 'advisor']);
    expect((await bo.get(`${base}/members`)).status).toBe(200);
    expect(
      (await ana.patch(`${base}/members/${bo.userId}`, { role: 'editor' })).body,
    ).toMatchObject({ role: 'editor' });
    expect((await ana.patch(`${base}/members/${ana.userId}`, { role: 'advisor' })).status).toBe(
      409,
    );
    expect((await ana.delete(`${base}/members/${ana.userId}`)).status).toBe(409);
    expect((await ana.patch(`${base}/members/999999`, { role: 'editor' })).status).toBe(404);
    // A member may leave; then the practice is gone for them.
    expect((await bo.delete(`${base}/members/${bo.userId}`)).status).toBe(200);
    expect((await bo.get(base)).status).toBe(404);
    // An open invitation (no email) can be revoked, and then no longer used.
    const open = (await ana.post(`${base}/invitations`, { role: 'editor', expiresInDays: 1 }))
      .body as { id: string; token: string };
    expect((await ana.delete(`${base}/invitations/${open.id}`)).status).toBe(200);
    expect((await eve.post(`/api/invitations/${open.token}/accept`)).status).toBe(404);
  });

  it('refuses an expired invitation', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const id = (
      (await ana.post('/api/practices', { name: 'P', currency: 'USD' })).body as { id: number }
    ).id;
    const { token } = (
      await ana.post(`/api/practices/${id}/invitations`, { role: 'editor', expiresInDays: 1 })
    ).body as { token: string };
    const later = buildApp(ctx.store, { now: () => new Date('2026-11-27T10:00:00Z') });
    const bo = await signedUp(later, 'bo@example.com');
    expect((await bo.post(`/api/invitations/${token}/accept`)).status).toBe(404);
  });

  it('closes sign-up when asked, except with an invitation', async () => {
    const app = buildApp(ctx.store, { allowSignUp: false });
    const r = await new Agent(app).post('/api/auth/sign-up', {
      email: 'bo@example.com',
      password: PASSWORD,
    });
    expect(r.status).toBe(403);
  });
});

describeEachEngine('API: records', (ctx) => {
  async function owned() {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, ana, id, 'owner');
    return { app, ana, base: `/api/practices/${id}`, id };
  }

  it('lists payments by page, sorted, searched and filtered', async () => {
    const { ana, base } = await owned();
    const all = (await ana.get(`${base}/payments`)).body as Page;
    expect(all.total).toBe(4);
    expect(all.items.map((p) => p.date)).toEqual(
      [...all.items.map((p) => p.date as string)].sort(),
    );
    const page = (await ana.get(`${base}/payments?limit=2&offset=1&sort=-amount`)).body as Page;
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    const byAmount = [...all.items].sort((x, y) => (y.amount as number) - (x.amount as number));
    expect(page.items.map((p) => p.id)).toEqual(byAmount.slice(1, 3).map((p) => p.id));
    const first = all.items[0]!;
    const ranged = (await ana.get(`${base}/payments?from=${first.date}&to=${first.date}`))
      .body as Page;
    expect(ranged.items.every((p) => p.date === first.date)).toBe(true);
    const offer = all.items.find((p) => p.offerId)!.offerId as string;
    const filtered = (await ana.get(`${base}/payments?offerId=${offer}`)).body as Page;
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((p) => p.offerId === offer)).toBe(true);
    const bad = await ana.get(`${base}/payments?sort=secret&limit=0&from=2024-02-30`);
    expect(bad.status).toBe(400);
    expect(
      (bad.body as { problems: { path: string }[] }).problems.map((p) => p.path).sort(),
    ).toEqual(['query.from', 'query.limit', 'query.sort']);
  });

  it('searches case-insensitively (ASCII letters), with % and _ taken literally', async () => {
    const { ana, base } = await owned();
    await ana.post(`${base}/clients`, { id: 'c9', name: 'Zoë 100% Ünïcode_Client' });
    const hit = (await ana.get(`${base}/clients?q=${encodeURIComponent('zOë 100% Ünïcode_C')}`))
      .body as Page;
    expect(hit.items.map((c) => c.id)).toEqual(['c9']);
    const none = (await ana.get(`${base}/clients?q=${encodeURIComponent('%')}`)).body as Page;
    expect(none.items.map((c) => c.id)).toEqual(['c9']);
  });

  it('creates, reads, updates and deletes records, checking references and ids', async () => {
    const { ana, base } = await owned();
    const created = await ana.post(`${base}/payments`, {
      date: '2024-05-01',
      amount: 25_000,
      currency: 'USD',
      offerId: 'o1',
      note: 'deposit',
    });
    expect(created.status).toBe(201);
    const payment = created.body as { id: string };
    expect(payment.id).toMatch(/^p_[0-9a-f]{16}$/);
    expect(created.body).toMatchObject({
      amount: 25_000,
      fee: null,
      clientId: null,
      note: 'deposit',
    });
    expect((await ana.get(`${base}/payments/${payment.id}`)).body).toEqual(created.body);
    const changed = await ana.patch(`${base}/payments/${payment.id}`, {
      amount: -5_000,
      note: null,
    });
    expect(changed.body).toMatchObject({
      id: payment.id,
      amount: -5_000,
      note: null,
      offerId: 'o1',
    });
    expect((await ana.patch(`${base}/payments/${payment.id}`, { offerId: 'nope' })).status).toBe(
      400,
    );
    expect((await ana.patch(`${base}/payments/${payment.id}`, { id: 'other' })).status).toBe(400);
    expect(
      (
        await ana.post(`${base}/payments`, {
          id: 'p1',
          date: '2024-05-01',
          amount: 1,
          currency: 'USD',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await ana.post(`${base}/time-entries`, {
          date: '2024-05-01',
          hours: 25,
          activity: 'delivery',
        })
      ).status,
    ).toBe(400);
    expect(
      (await ana.post(`${base}/costs`, { date: '2024-05-01', amount: -1, currency: 'USD' })).status,
    ).toBe(400);
    const entry = await ana.post(`${base}/time-entries`, {
      date: '2024-05-01',
      hours: 1.5,
      activity: 'sales',
      offerId: 'o1',
    });
    expect(entry.status).toBe(201);
    expect(
      (
        await ana.post(`${base}/conversations`, {
          date: '2024-05-02',
          outcome: 'enrolled',
          clientId: 'c1',
        })
      ).status,
    ).toBe(201);
    // An offer still used cannot go; an unused one can.
    const used = await ana.delete(`${base}/offers/o1`);
    expect(used.status).toBe(409);
    expect((used.body as { message: string }).message).toMatch(/still used by/);
    const spare = await ana.post(`${base}/offers`, { name: 'Spare', kind: 'workshop' });
    expect((await ana.delete(`${base}/offers/${(spare.body as { id: string }).id}`)).status).toBe(
      200,
    );
    expect((await ana.delete(`${base}/payments/${payment.id}`)).status).toBe(200);
    expect((await ana.get(`${base}/payments/${payment.id}`)).status).toBe(404);
    expect((await ana.delete(`${base}/payments/${payment.id}`)).status).toBe(404);
  });

  it("never shows another practice's record through its own id", async () => {
    const { app, ana, base } = await owned();
    const bo = await signedUp(app, 'bo@example.com');
    const other = await importPractice(ctx.store, 'Other Practice');
    await grant(ctx.store, bo, other, 'owner');
    await bo.post(`/api/practices/${other}/payments`, {
      id: 'only-b',
      date: '2024-01-01',
      amount: 1,
      currency: 'USD',
    });
    expect((await ana.get(`${base}/payments/only-b`)).status).toBe(404);
    expect((await ana.patch(`${base}/payments/only-b`, { amount: 2 })).status).toBe(404);
    expect((await ana.delete(`${base}/payments/only-b`)).status).toBe(404);
    const list = (await ana.get(`${base}/payments?q=only`)).body as Page;
    expect(list.total).toBe(0);
    expect((await bo.get(`/api/practices/${other}/payments/only-b`)).body).toMatchObject({
      amount: 1,
    });
  });
});

describeEachEngine('API: report, exports, rules', (ctx) => {
  async function owned() {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, ana, id, 'advisor');
    return { app, ana, base: `/api/practices/${id}`, id };
  }

  it('answers the report document buildReport computes, with period and assumptions', async () => {
    const { ana, base, id } = await owned();
    const r = await ana.get(`${base}/report?from=2024-01-01&to=2024-03-31&raise=0.15`);
    expect(r.status).toBe(200);
    const expected = await buildReport(ctx.store, id, {
      from: '2024-01-01',
      to: '2024-03-31',
      assumptions: { raise: 0.15 },
    });
    expect(r.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect((await ana.get(`${base}/report`)).body).toEqual(
      JSON.parse(JSON.stringify(await buildReport(ctx.store, id))),
    );
    expect((await ana.get(`${base}/report?raise=-1`)).body).toMatchObject({
      code: 'invalid_assumption',
    });
    expect((await ana.get(`${base}/report?to=2024-13-01`)).status).toBe(400);
    expect((await ana.get(`${base}/report?from=2030-01-01&to=2030-12-31`)).status).toBe(422);
  });

  it('exports the bundle as a download, and CSV tables with formula cells neutralised', async () => {
    const { app, ana, base, id } = await owned();
    const bundle = await ana.get(`${base}/export`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-disposition')).toBe(
      'attachment; filename="Tidewater-Coaching.json"',
    );
    expect(bundle.body).toEqual(JSON.parse(JSON.stringify(await exportBundle(ctx.store, id))));
    expect(JSON.parse(readFileSync(SMALL_BUNDLE, 'utf8')).payments.length).toBe(
      (bundle.body as { payments: unknown[] }).payments.length,
    );

    const owner = await signedUp(app, 'owner@example.com');
    await grant(ctx.store, owner, id, 'owner');
    await owner.post(`${base}/payments`, {
      id: 'evil',
      date: '2024-02-02',
      amount: -1234,
      currency: 'USD',
      note: '=HYPERLINK("http://evil","x")',
    });
    await owner.post(`${base}/costs`, {
      id: 'k9',
      date: '2024-02-02',
      amount: 5,
      currency: 'JPY',
      category: '@SUM(A1)',
    });
    const csv = await ana.get(`${base}/export/payments.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="Tidewater-Coaching-payments.csv"',
    );
    expect(
      csv.text.startsWith(
        'id,date,amount,currency,fee,offerId,offer,clientId,client,externalId,note\r\n',
      ),
    ).toBe(true);
    const raw = await app.request(`${base}/export/payments.csv`, {
      headers: { cookie: `fulcrum_session=${ana.cookies.get('fulcrum_session')}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain(
      'evil,2024-02-02,-12.34,USD,,,,,,,"\'=HYPERLINK(""http://evil"",""x"")"\r\n',
    );
    const costs = (await ana.get(`${base}/export/costs.csv`)).text;
    expect(costs).toContain("k9,2024-02-02,5,JPY,,,,'@SUM(A1)\r\n");
    const time = (await ana.get(`${base}/export/time-entries.csv`)).text;
    expect(time.split('\r\n')[0]).toBe(
      'id,date,hours,activity,offerId,offer,clientId,client,channel,note',
    );
    expect((await ana.get(`${base}/export/secrets.csv`)).status).toBe(400);
  });

  it('adds, lists, applies and removes rules; lists the inbox', async () => {
    const { app, base, id } = await owned();
    const editor = await signedUp(app, 'ed@example.com');
    await grant(ctx.store, editor, id, 'editor');
    const bad = await editor.post(`${base}/rules`, {
      when: 'description contanes "x"',
      then: { offerId: 'o1' },
    });
    expect(bad.status).toBe(400);
    const unknownOffer = await editor.post(`${base}/rules`, {
      when: 'description contains "x"',
      then: { offerId: 'zz' },
    });
    expect(unknownOffer.status).toBe(400);
    const added = await editor.post(`${base}/rules`, {
      when: 'description contains "VIP"',
      then: { offerId: 'o1' },
      appliesTo: 'payment',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      id: 'r1',
      appliesTo: 'payment',
      when: [{ field: 'description', op: 'contains', value: 'VIP' }],
    });
    expect((await editor.get(`${base}/rules`)).body).toMatchObject({ items: [{ id: 'r1' }] });
    expect(
      (
        await editor.post(`${base}/rules`, {
          id: 'r1',
          when: 'amount gt 1',
          then: { activity: 'sales' },
        })
      ).status,
    ).toBe(409);
    expect((await editor.post(`${base}/rules/apply`)).body).toEqual({
      rows: 0,
      changed: 0,
      added: 0,
      removed: 0,
      unassigned: 0,
    });
    expect((await editor.get(`${base}/unassigned`)).body).toEqual({
      total: 0,
      rows: [],
      common: {},
    });
    expect((await editor.delete(`${base}/rules/r1`)).status).toBe(200);
    expect((await editor.delete(`${base}/rules/r1`)).status).toBe(404);
  });
});
