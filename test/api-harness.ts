/**
 * Test harness of the API: an app over a store, and `Agent`s — browsers in miniature that
 * keep their cookies, send the CSRF token on writes and speak JSON — plus factories for
 * users with a role in a practice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type AppType, createApp } from '../src/api/app.ts';
import type { ApiOptions } from '../src/api/context.ts';
import { parseBundleText, saveBundleData } from '../src/app/bundle.ts';
import type { Store } from '../src/store/connect.ts';
import { upsertMembership } from '../src/store/membership.repository.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const SMALL_BUNDLE = path.join(repoRoot, 'test/fixtures/bundles/small.json');
export const NOW = new Date('2026-11-25T10:00:00.000Z');
export const PASSWORD = 'a long and quiet passphrase';

export function buildApp(store: Store, options: Partial<ApiOptions> = {}): AppType {
  return createApp({ store, now: () => NOW, log: () => {}, ...options });
}

export interface Sent {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** A client with a cookie jar. */
export class Agent {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  userId: number | undefined;

  constructor(
    readonly app: AppType,
    readonly base = 'http://localhost',
  ) {}

  async send(
    method: string,
    url: string,
    body?: unknown,
    init: { headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<Sent> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (method !== 'GET' && init.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.app.request(`${this.base}${url}`, {
      method,
      headers,
      body: payload,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '')
        this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    const signedIn = parsed as { csrfToken?: string; user?: { id: number } };
    if (response.ok && typeof signedIn?.csrfToken === 'string') {
      this.csrf = signedIn.csrfToken;
      this.userId = signedIn.user?.id;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  get = (url: string) => this.send('GET', url);
  post = (url: string, body?: unknown) => this.send('POST', url, body);
  patch = (url: string, body?: unknown) => this.send('PATCH', url, body);
  delete = (url: string) => this.send('DELETE', url);
}

/** A new account, signed in. */
export async function signedUp(app: AppType, email: string): Promise<Agent> {
  const agent = new Agent(app);
  const r = await agent.post('/api/auth/sign-up', { email, password: PASSWORD });
  if (r.status !== 201) throw new Error(`sign-up failed: ${r.status} ${r.text}`);
  return agent;
}

/** Imports the small bundle (Tidewater Coaching) under another name; returns the practice id. */
export async function importPractice(store: Store, name: string): Promise<number> {
  const data = parseBundleText(readFileSync(SMALL_BUNDLE, 'utf8'));
  data.practice.name = name;
  const summary = await saveBundleData(store, data);
  return summary.practice.id;
}

/** Gives `agent`'s user a role in a practice. */
export async function grant(
  store: Store,
  agent: Agent,
  practiceId: number,
  role: 'owner' | 'editor' | 'advisor',
): Promise<void> {
  await upsertMembership(store.db, {
    practiceId,
    userId: agent.userId!,
    role,
    createdAt: NOW.toISOString(),
  });
}
