/**
 * The API's edges on both engines: health, first-run setup, accounts and sessions,
 * cookies, CSRF, the sign-in rate limit, errors, limits and headers, the OpenAPI
 * document and the reference page.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { errorHandler, redact } from '../src/api/errors.ts';
import { ROUTE_TABLE } from '../src/api/routes/define.ts';
import { AppError } from '../src/app/errors.ts';
import { Agent, buildApp, importPractice, NOW, PASSWORD, signedUp } from './api-harness.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('API: health, setup and accounts', (ctx) => {
  it('GET /healthz answers 200 while the database answers, 503 once it cannot', async () => {
    const app = buildApp(ctx.store);
    const up = await app.request('/healthz');
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ok', database: 'ok' });
    await ctx.store.close();
    const down = await app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
  });

  it('first run: creates the first owner with the demo practice, once', async () => {
    const app = buildApp(ctx.store);
    const browser = new Agent(app);
    expect((await browser.get('/api/setup')).body).toEqual({ needsSetup: true });

    const weak = await browser.post('/api/setup', {
      email: 'ana@example.com',
      password: 'ana@example.com',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'invalid_input' });
    expect((weak.body as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain(
      'password',
    );

    const created = await browser.post('/api/setup', {
      email: ' Ana@Example.com ',
      password: PASSWORD,
      name: 'Ana',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      user: { email: 'ana@example.com', name: 'Ana' },
      demoCreated: true,
      practices: [{ name: 'Harbor Light Coaching', role: 'owner' }],
    });
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith('fulcrum_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const stored = await ctx.store.db
      .selectFrom('users' as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(stored)).toMatch(/\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);

    expect((await browser.get('/api/setup')).body).toEqual({ needsSetup: false });
    const again = await new Agent(app).post('/api/setup', {
      email: 'eve@example.com',
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    const practices = await browser.get('/api/practices');
    expect(practices.status).toBe(200);
    expect((practices.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('first run on a database made from the CLI adopts its practices and writes no demo', async () => {
    await importPractice(ctx.store, 'From the CLI');
    const app = buildApp(ctx.store);
    const created = await new Agent(app).post('/api/setup', {
      email: 'ana@example.com',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      demoCreated: false,
      practices: [{ name: 'From the CLI', role: 'owner' }],
    });
  });

  it('ends the old session when a browser signs in again', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const old = new Agent(app);
    old.cookies.set('fulcrum_session', ana.cookies.get('fulcrum_session')!);
    await ana.post('/api/auth/sign-in', { email: 'ana@example.com', password: PASSWORD });
    expect((await old.get('/api/auth/session')).status).toBe(401);
    expect((await ana.get('/api/auth/session')).status).toBe(200);
  });

  it('signs up, signs in, reads the session, signs out', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    expect(
      (
        await new Agent(app).post('/api/auth/sign-up', {
          email: 'ANA@example.com',
          password: PASSWORD,
        })
      ).status,
    ).toBe(409);
    const browser = new Agent(app);
    const wrong = await browser.post('/api/auth/sign-in', {
      email: 'ana@example.com',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'invalid_credentials', message: 'wrong email or password' });
    const unknown = await browser.post('/api/auth/sign-in', {
      email: 'nobody@example.com',
      password: PASSWORD,
    });
    expect(unknown.body).toEqual(wrong.body);
    const ok = await browser.post('/api/auth/sign-in', {
      email: 'Ana@Example.com',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    const session = await browser.get('/api/auth/session');
    expect(session.body).toMatchObject({
      user: { email: 'ana@example.com' },
      csrfToken: browser.csrf,
      practices: [],
    });
    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);
    expect((await browser.get('/api/auth/session')).status).toBe(401);
    expect((await ana.get('/api/auth/session')).status).toBe(200);
  });

  it('refuses weak passwords with every reason', async () => {
    const app = buildApp(ctx.store);
    for (const [password, reason] of [
      ['short', 'at least 10'],
      ['ana@example.com', 'email'],
      ['1234567890', 'common'],
      ['aaaaaaaaaaaa', 'common'],
    ]) {
      const r = await new Agent(app).post('/api/auth/sign-up', {
        email: 'ana@example.com',
        password,
      });
      expect(r.status, password).toBe(400);
      expect(JSON.stringify(r.body), password).toContain(reason);
    }
  });

  it('rate-limits sign-in: after 5 failures even the right password gets 429 with Retry-After', async () => {
    const app = buildApp(ctx.store);
    await signedUp(app, 'ana@example.com');
    const browser = new Agent(app);
    for (let i = 0; i < 5; i++) {
      const r = await browser.post('/api/auth/sign-in', {
        email: 'ana@example.com',
        password: `guess number ${i}`,
      });
      expect(r.status).toBe(401);
    }
    const limited = await browser.post('/api/auth/sign-in', {
      email: 'ana@example.com',
      password: PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Once the window has passed, the right password works again.
    const later = buildApp(ctx.store, { now: () => new Date(NOW.getTime() + 16 * 60_000) });
    expect(
      (
        await new Agent(later).post('/api/auth/sign-in', {
          email: 'ana@example.com',
          password: PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('rate-limits one address trying many emails (behind a trusted proxy)', async () => {
    const app = buildApp(ctx.store, {
      trustProxy: true,
      signInLimits: { windowMs: 15 * 60_000, perEmail: 5, perAddress: 3 },
    });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    const browser = new Agent(app);
    for (let i = 0; i < 3; i++) {
      const r = await browser.send(
        'POST',
        '/api/auth/sign-in',
        { email: `u${i}@example.com`, password: 'whatever123' },
        from('203.0.113.9'),
      );
      expect(r.status).toBe(401);
    }
    const r = await browser.send(
      'POST',
      '/api/auth/sign-in',
      { email: 'other@example.com', password: 'whatever123' },
      from('203.0.113.9'),
    );
    expect(r.status).toBe(429);
    const elsewhere = await browser.send(
      'POST',
      '/api/auth/sign-in',
      { email: 'other@example.com', password: 'whatever123' },
      from('198.51.100.7'),
    );
    expect(elsewhere.status).toBe(401);
  });

  it('marks cookies Secure (and __Host-) over https, and behind a trusted proxy only when told', async () => {
    await signedUp(buildApp(ctx.store), 'ana@example.com');
    const signIn = async (
      app: ReturnType<typeof buildApp>,
      base: string,
      headers: Record<string, string> = {},
    ) => {
      const r = await new Agent(app, base).send(
        'POST',
        '/api/auth/sign-in',
        { email: 'ana@example.com', password: PASSWORD },
        { headers },
      );
      expect(r.status).toBe(200);
      return r.headers.getSetCookie();
    };
    const https = await signIn(buildApp(ctx.store), 'https://fulcrum.example');
    expect(https.find((c) => c.startsWith('__Host-fulcrum_session='))).toMatch(/; Secure/);
    expect(https.find((c) => c.startsWith('fulcrum_csrf='))).toMatch(/; Secure/);
    const proxied = await signIn(buildApp(ctx.store, { trustProxy: true }), 'http://localhost', {
      'x-forwarded-proto': 'https',
    });
    expect(proxied.find((c) => c.includes('fulcrum_session='))).toMatch(/^__Host-.*; Secure/);
    const untrusted = await signIn(buildApp(ctx.store), 'http://localhost', {
      'x-forwarded-proto': 'https',
    });
    expect(untrusted.find((c) => c.includes('fulcrum_session='))).not.toMatch(/Secure/);
    // A __Host- session cookie signs the browser in like the plain one.
    const agent = new Agent(buildApp(ctx.store), 'https://fulcrum.example');
    await agent.post('/api/auth/sign-in', { email: 'ana@example.com', password: PASSWORD });
    expect((await agent.get('/api/auth/session')).status).toBe(200);
  });
});

describeEachEngine('API: CSRF, errors, limits, headers', (ctx) => {
  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const body = { name: 'Ana Coaching', currency: 'EUR' };
    const missing = await ana.send('POST', '/api/practices', body, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ code: 'csrf_failed' });
    const wrong = await ana.send('POST', '/api/practices', body, {
      headers: { 'x-csrf-token': 'forged' },
      csrf: false,
    });
    expect(wrong.status).toBe(403);
    const crossSite = await ana.send('POST', '/api/practices', body, {
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const crossSignIn = await new Agent(app).send(
      'POST',
      '/api/auth/sign-in',
      { email: 'ana@example.com', password: PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSignIn.status).toBe(403);
    const fetchMeta = await ana.send('POST', '/api/practices', body, {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMeta.status).toBe(403);
    const sameOrigin = await ana.send('POST', '/api/practices', body, {
      headers: { origin: 'http://localhost' },
    });
    expect(sameOrigin.status).toBe(201);
    const allowed = buildApp(ctx.store, { allowedOrigins: ['http://localhost:5173'] });
    const viaDevServer = new Agent(allowed);
    viaDevServer.cookies.set('fulcrum_session', ana.cookies.get('fulcrum_session')!);
    viaDevServer.csrf = ana.csrf;
    const dev = await viaDevServer.send(
      'POST',
      '/api/practices',
      { ...body, name: 'Second' },
      { headers: { origin: 'http://localhost:5173' } },
    );
    expect(dev.status).toBe(201);
  });

  it('answers 401 without a session', async () => {
    const app = buildApp(ctx.store);
    const r = await new Agent(app).get('/api/practices');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers invalid input with 400 invalid_input and one problem per field', async () => {
    const app = buildApp(ctx.store);
    const ana = await signedUp(app, 'ana@example.com');
    const r = await ana.post('/api/practices', { name: '', currency: 'usd', extra: 1 });
    expect(r.status).toBe(400);
    const body = r.body as { code: string; problems: { path: string }[] };
    expect(body.code).toBe('invalid_input');
    expect(body.problems.map((p) => p.path).sort()).toEqual(['body', 'body.currency', 'body.name']);
    const malformed = await ana.send('POST', '/api/practices', undefined, {
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const notJson = await ana.send('POST', '/api/practices', '{"name": "x",', {
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ code: 'invalid_input' });
  });

  it('answers unknown routes with 404 route_not_found, as JSON', async () => {
    const r = await new Agent(buildApp(ctx.store)).get('/api/nothing/here');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'route_not_found' });
  });

  it('refuses JSON bodies above the limit with 413', async () => {
    const app = buildApp(ctx.store, { maxJsonBytes: 2048 });
    const ana = await signedUp(app, 'ana@example.com');
    const r = await ana.post('/api/practices', { name: 'x'.repeat(5000), currency: 'USD' });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('sends security headers and no-store on the API', async () => {
    const r = await buildApp(ctx.store).request('/api/setup');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('same-origin');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the error mapping', () => {
  const app = new OpenAPIHono();
  const logged: string[] = [];
  app.onError(errorHandler((line) => logged.push(line)));
  app.get('/boom', () => {
    throw new Error('secret detail: password=hunter2');
  });
  app.get('/app', () => {
    throw new AppError('no_data', 'no records in the period', [
      { path: 'to', message: 'too early' },
    ]);
  });

  it('turns an unexpected error into 500 internal with a generic message, and logs it', async () => {
    const r = await app.request('/boom');
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({
      code: 'internal',
      message: 'something went wrong on the server; it has been logged',
    });
    expect(text).not.toContain('secret');
    expect(text).not.toMatch(/\bat\b.*\.ts/);
    expect(logged.join('\n')).toContain('GET /boom failed');
  });

  it('keeps invitation tokens out of logged paths', () => {
    expect(redact('/api/invitations/s3cret-token/accept')).toBe('/api/invitations/…/accept');
    expect(redact('/api/practices/1/payments')).toBe('/api/practices/1/payments');
  });

  it('turns an AppError into its status with its code, message and problems', async () => {
    const r = await app.request('/app');
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({
      code: 'no_data',
      message: 'no records in the period',
      problems: [{ path: 'to', message: 'too early' }],
    });
  });
});

describeEachEngine('API: its description', (ctx) => {
  it('serves an OpenAPI 3.1 document listing every route, and a readable page without scripts', async () => {
    const app = buildApp(ctx.store);
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const route of ROUTE_TABLE) {
      expect(
        doc.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'unsafe-inline'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"]*\.(js|css)/);
    expect(html).toContain('/api/practices/{practiceId}/payments');
    expect(html).toContain('Schemas');
  });
});
