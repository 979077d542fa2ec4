/**
 * Tenancy and roles, generated from the route table (ROUTE_TABLE): every route declared
 * with `defineRoute` is walked, so a new route cannot escape these checks. On both engines:
 * - without a session, every non-public route answers 401;
 * - a user who is not a member of practice A gets 404 from every route of A — the same
 *   answer as for a practice that does not exist, with nothing of A in it;
 * - an advisor gets 403 from every write, an editor from every owner-only route, and
 *   nothing changes;
 * - members reach every route they may read.
 */
import { expect, it } from 'vitest';
import { ROUTE_TABLE, type RouteEntry } from '../src/api/routes/define.ts';
import { Agent, buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

const RECORD_IDS: Record<string, string> = {
  offers: 'o1',
  clients: 'c1',
  payments: 'p1',
  'time-entries': 't1',
  costs: 'k1',
  conversations: 'v1',
};

const practiceRoutes = ROUTE_TABLE.filter((r) => r.path.includes('{practiceId}'));
/** A POST declared `read` is a question with a body (the forecast's scenarios): not a write. */
const reads = (r: RouteEntry) => r.method === 'GET' || (r.method === 'POST' && r.access === 'read');
const writes = (r: RouteEntry) => !reads(r);

describeEachEngine('API tenancy and roles (every route)', (ctx) => {
  async function world() {
    const app = buildApp(ctx.store);
    const owner = await signedUp(app, 'owner@a.example');
    const editor = await signedUp(app, 'editor@a.example');
    const advisor = await signedUp(app, 'advisor@a.example');
    const outsider = await signedUp(app, 'eve@b.example');
    const a = await importPractice(ctx.store, 'Practice A');
    const b = await importPractice(ctx.store, 'Practice B');
    await grant(ctx.store, owner, a, 'owner');
    await grant(ctx.store, editor, a, 'editor');
    await grant(ctx.store, advisor, a, 'advisor');
    await grant(ctx.store, outsider, b, 'owner');
    const rule = await owner.post(`/api/practices/${a}/rules`, {
      id: 'r1',
      when: 'description contains "VIP"',
      then: { offerId: 'o1' },
    });
    expect(rule.status).toBe(201);
    const invitation = await owner.post(`/api/practices/${a}/invitations`, { role: 'advisor' });
    expect(invitation.status).toBe(201);
    const fill = (route: RouteEntry, practiceId: number) =>
      route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === 'practiceId') return String(practiceId);
        if (name === 'id') return RECORD_IDS[route.path.split('/')[4]!] ?? 'x';
        if (name === 'ruleId') return 'r1';
        if (name === 'userId') return String(owner.userId);
        if (name === 'invitationId') return (invitation.body as { id: string }).id;
        if (name === 'table') return 'payments.csv';
        if (name === 'token') return 'not-a-token';
        throw new Error(`no value for {${name}} in ${route.path}`);
      });
    return { app, owner, editor, advisor, outsider, a, b, fill };
  }

  it('covers routes of every kind', () => {
    expect(practiceRoutes.length).toBeGreaterThan(40);
    expect(new Set(ROUTE_TABLE.map((r) => r.access))).toEqual(
      new Set(['public', 'user', 'read', 'write', 'manage']),
    );
  });

  it('answers 401 to every non-public route without a session', async () => {
    const { app, fill, a } = await world();
    const anonymous = new Agent(app);
    for (const route of ROUTE_TABLE.filter((r) => r.access !== 'public')) {
      const r = await anonymous.send(
        route.method,
        fill(route, a),
        route.method === 'GET' ? undefined : {},
      );
      expect(r.status, `${route.method} ${route.path}`).toBe(401);
      expect(r.body).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('answers 404 with nothing of the practice to a non-member, on every route of it', async () => {
    const { fill, outsider, a } = await world();
    for (const route of practiceRoutes) {
      const body = route.method === 'GET' ? undefined : {};
      const theirs = await outsider.send(route.method, fill(route, a), body);
      const what = `${route.method} ${route.path}`;
      expect(theirs.status, what).toBe(404);
      expect(theirs.body, what).toEqual({ code: 'not_found', message: `no practice ${a}` });
      // Exactly what a practice that does not exist answers.
      const none = await outsider.send(route.method, fill(route, 987654), body);
      expect(none.body, what).toEqual({ code: 'not_found', message: 'no practice 987654' });
      expect(theirs.text, what).not.toMatch(/Practice A|Tidewater|owner@a/);
    }
  });

  it('answers 403 to an advisor on every write and changes nothing', async () => {
    const { fill, advisor, owner, a } = await world();
    const before = (await owner.get(`/api/practices/${a}/export`)).text;
    const membersBefore = (await owner.get(`/api/practices/${a}/members`)).text;
    for (const route of practiceRoutes.filter(writes)) {
      const r = await advisor.send(route.method, fill(route, a), {});
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
      expect(r.body).toMatchObject({ code: 'forbidden' });
    }
    expect((await owner.get(`/api/practices/${a}/export`)).text).toBe(before);
    expect((await owner.get(`/api/practices/${a}/members`)).text).toBe(membersBefore);
  });

  it('answers 403 to an editor on every owner-only route', async () => {
    const { fill, editor, a } = await world();
    for (const route of practiceRoutes.filter((r) => r.access === 'manage')) {
      const r = await editor.send(
        route.method,
        fill(route, a),
        route.method === 'GET' ? undefined : {},
      );
      expect(r.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it('lets members read what their role reads', async () => {
    const { fill, advisor, owner, a } = await world();
    for (const route of practiceRoutes.filter(reads)) {
      const who = route.access === 'manage' ? owner : advisor;
      const r = await who.send(
        route.method,
        fill(route, a),
        route.method === 'GET' ? undefined : {},
      );
      expect(r.status, `${route.method} ${route.path}: ${r.text.slice(0, 200)}`).toBe(200);
    }
  });
});
