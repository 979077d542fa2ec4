/**
 * Sessions, CSRF and tenancy at the HTTP edge.
 *
 * - The session cookie (`fulcrum_session`, `__Host-fulcrum_session` over TLS) is HttpOnly,
 *   SameSite=Lax, Path=/, and Secure when the request is https — seen directly, or from
 *   X-Forwarded-Proto when `trustProxy` is set — or when `secureCookies` is forced.
 * - CSRF: every state-changing request (POST, PUT, PATCH, DELETE) must come from our own
 *   origin (Origin header, else Sec-Fetch-Site) and, when it carries a session, send the
 *   session's CSRF token in `X-CSRF-Token` (returned at sign-in and by GET
 *   /api/auth/session, and readable by the page in the `fulcrum_csrf` cookie).
 * - Tenancy: `/api/practices/:practiceId/…` requires a member of that practice; anyone
 *   else gets 404, whatever the id. Each route then requires its permission (403).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { accessPractice, authorize, type Permission } from '../app/access.ts';
import { type NewSession, sessionFromToken } from '../app/accounts.ts';
import { AppError } from '../app/errors.ts';
import { sameSecret } from '../app/tokens.ts';
import type { ApiEnv, Deps } from './context.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'fulcrum_session';
export const SECURE_SESSION_COOKIE = '__Host-fulcrum_session';
export const CSRF_COOKIE = 'fulcrum_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function firstHeaderValue(value: string | undefined): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

/** True when the browser reached us over TLS (directly, or through a trusted proxy). */
export function isHttps(c: Context, deps: Deps): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return deps.trustProxy && firstHeaderValue(c.req.header('x-forwarded-proto')) === 'https';
}

/** The origin the browser sees us at: `https://fulcrum.example.com`. */
export function publicOrigin(c: Context, deps: Deps): string {
  const url = new URL(c.req.url);
  const host =
    (deps.trustProxy && firstHeaderValue(c.req.header('x-forwarded-host'))) ||
    c.req.header('host') ||
    url.host;
  return `${isHttps(c, deps) ? 'https' : url.protocol.replace(':', '')}://${host}`;
}

/** The client's address: the socket's, or the first X-Forwarded-For entry behind a trusted proxy. */
export function clientAddress(c: Context, deps: Deps): string | undefined {
  if (deps.trustProxy) {
    const forwarded = firstHeaderValue(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // in-process requests (tests) have no socket
  }
}

function secure(c: Context, deps: Deps): boolean {
  return deps.secureCookies || isHttps(c, deps);
}

/** Sets the session and CSRF cookies of a new session. */
export function setSessionCookies(c: Context, deps: Deps, session: NewSession): void {
  const isSecure = secure(c, deps);
  const expires = new Date(session.expiresAt);
  setCookie(c, isSecure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure,
    path: '/',
    expires,
  });
  setCookie(c, CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: 'Strict',
    secure: isSecure,
    path: '/',
    expires,
  });
}

export function clearSessionCookies(c: Context, deps: Deps): void {
  const isSecure = secure(c, deps);
  deleteCookie(c, isSecure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, {
    path: '/',
    secure: isSecure,
  });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure: isSecure });
}

function sessionToken(c: Context): string | undefined {
  return getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE);
}

/** The Content-Security-Policy of API answers; the reference page (/api/docs) carries its own <style>. */
function contentSecurityPolicy(styleSrc: string): string {
  return `default-src 'none'; style-src${styleSrc}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
}

/** Headers every answer carries (those of hono's `secureHeaders` with our CSP), computed once. */
const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];
const API_CSP = contentSecurityPolicy('');
const DOCS_CSP = contentSecurityPolicy(" 'unsafe-inline'");

/**
 * Security headers on every answer, and `Cache-Control: no-store` under /api. They are
 * set before the route runs, so the route's response is built once with them: a header
 * set after a response exists makes Hono rebuild it as a full web `Response`, which
 * @hono/node-server then writes by reading its body stream — a third of a cached
 * report's CPU time. (No route sets these headers itself.)
 */
export const responseHeaders: MiddlewareHandler<ApiEnv> = (c, next) => {
  const path = c.req.path;
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  c.header('Content-Security-Policy', path === '/api/docs' ? DOCS_CSP : API_CSP);
  if (path === '/api' || path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  return next();
};

/** Loads the session the cookie names, if it is live; never fails the request. */
export function loadSession(deps: Deps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    c.set(
      'session',
      token ? await sessionFromToken(deps.store.db, token, deps.now(), deps.sessions) : undefined,
    );
    await next();
  };
}

/** Paths where a state-changing request may come without a session's CSRF token (they start one). */
const SESSION_STARTERS = new Set(['/api/auth/sign-in', '/api/auth/sign-up', '/api/setup']);

/** The CSRF check (see the module header). */
export function csrfProtection(deps: Deps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (origin !== publicOrigin(c, deps) && !deps.allowedOrigins.includes(origin)) {
        throw new ApiError(
          'csrf_failed',
          'cross-site request refused: it comes from another origin',
        );
      }
    } else if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw new ApiError('csrf_failed', 'cross-site request refused');
    }
    const session = c.get('session');
    if (session && !SESSION_STARTERS.has(new URL(c.req.url).pathname)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, session.csrfToken)) {
        throw new ApiError(
          'csrf_failed',
          `missing or wrong ${CSRF_HEADER} header: send the csrfToken of GET /api/auth/session`,
        );
      }
    }
    return next();
  };
}

/** 401 unless signed in. */
export const requireUser: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (!c.get('session')) {
    throw new AppError('unauthenticated', 'sign in first: this needs an account');
  }
  return next();
};

/** The session of a route behind `requireUser`. */
export function sessionOf(c: Context<ApiEnv>) {
  const session = c.get('session');
  if (!session) throw new AppError('unauthenticated', 'sign in first: this needs an account');
  return session;
}

/** For `/api/practices/:practiceId/…`: 401 without a session, 404 unless a member. */
export function practiceAccess(deps: Deps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const session = sessionOf(c);
    const raw = c.req.param('practiceId') ?? '';
    const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(id) || id > 2_147_483_647) {
      throw new AppError('not_found', `no practice ${JSON.stringify(raw.slice(0, 40))}`);
    }
    c.set('access', await accessPractice(deps.store.db, session.actor, id, deps.sessions));
    return next();
  };
}

/** The route's permission in its practice: 403 for a member whose role lacks it. */
export function requirePermission(permission: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    authorize(c.get('access'), permission);
    return next();
  };
}
