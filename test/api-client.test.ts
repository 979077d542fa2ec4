/**
 * The typed client the web page uses (`hc<AppType>`) against the in-process app: the
 * routes, their inputs and their answers are typed end to end (this file type-checks).
 */
import { hc } from 'hono/client';
import { expect, it } from 'vitest';
import type { AppType } from '../src/api/app.ts';
import { buildApp, grant, importPractice, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('the typed client', (ctx) => {
  it('signs in and lists payments with typed inputs and answers', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const id = await importPractice(ctx.store, 'Tidewater Coaching');
    await grant(ctx.store, ana, id, 'editor');
    const cookie = [...ana.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const client = hc<AppType>('http://localhost', {
      fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
      headers: { cookie, 'x-csrf-token': ana.csrf! },
    });
    const page = await client.api.practices[':practiceId'].payments.$get({
      param: { practiceId: String(id) },
      query: { limit: '2', sort: '-date' },
    });
    expect(page.status).toBe(200);
    if (page.status !== 200) return;
    const body = await page.json();
    const amounts: number[] = body.items.map((p) => p.amount);
    expect(amounts).toHaveLength(2);
    expect(body.total).toBe(4);

    const created = await client.api.practices[':practiceId'].offers.$post({
      param: { practiceId: String(id) },
      json: { name: 'Group program', kind: 'group_program', price: 90_000 },
    });
    expect(created.status).toBe(201);
    if (created.status === 201) expect((await created.json()).kind).toBe('group_program');
  });
});
