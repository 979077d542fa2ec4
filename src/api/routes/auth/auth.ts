/**
 * Accounts: sign up, sign in (rate limited), sign out, the current session; the
 * first-run setup; invitation links (see what a link invites to, accept it).
 */
import type { Context } from 'hono';
import {
  createSession,
  describeMe,
  type NewSession,
  normalizeEmail,
  signIn,
  signOut,
  signUp,
  type User,
} from '../../../app/accounts.ts';
import { AppError } from '../../../app/errors.ts';
import { acceptInvitation, describeInvitation } from '../../../app/invitations.ts';
import { setupFirstAccount, setupStatus } from '../../../app/setup.ts';
import type { ApiEnv, Deps } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import {
  clearSessionCookies,
  clientAddress,
  sessionOf,
  setSessionCookies,
} from '../../security.ts';
import { errors, json, jsonBody, okSchema } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import {
  acceptedSchema,
  invitationPreviewSchema,
  invitationTokenParams,
  setupBody,
  setupResultSchema,
  setupStatusSchema,
  signedInSchema,
  signInBody,
  signUpBody,
} from './schema.ts';

const tags = ['accounts'];

const getSetup = defineRoute('public', {
  method: 'get',
  path: '/api/setup',
  tags,
  summary: 'Does this server still need its first account?',
  responses: { 200: json(setupStatusSchema, 'Whether the first account is still to be created') },
});

const postSetup = defineRoute('public', {
  method: 'post',
  path: '/api/setup',
  tags,
  summary: 'Create the first account (owner of the demo practice, or of the existing practices)',
  request: { body: jsonBody(setupBody) },
  responses: {
    201: json(setupResultSchema, 'Signed in as the first owner'),
    ...errors(400, 403, 409),
  },
});

const postSignUp = defineRoute('public', {
  method: 'post',
  path: '/api/auth/sign-up',
  tags,
  summary: 'Create an account and sign in (optionally accepting an invitation)',
  request: { body: jsonBody(signUpBody) },
  responses: { 201: json(signedInSchema, 'Signed in'), ...errors(400, 403, 404, 409) },
});

const postSignIn = defineRoute('public', {
  method: 'post',
  path: '/api/auth/sign-in',
  tags,
  summary: 'Sign in with email and password',
  request: { body: jsonBody(signInBody) },
  responses: { 200: json(signedInSchema, 'Signed in'), ...errors(400, 401, 403, 429) },
});

const postSignOut = defineRoute('user', {
  method: 'post',
  path: '/api/auth/sign-out',
  tags,
  summary: 'Sign out (ends this session)',
  responses: { 200: json(okSchema, 'Signed out'), ...errors(401, 403) },
});

const getSession = defineRoute('user', {
  method: 'get',
  path: '/api/auth/session',
  tags,
  summary: 'The signed-in user, the CSRF token and the practices they belong to',
  responses: { 200: json(signedInSchema, 'The session'), ...errors(401) },
});

const getInvitation = defineRoute('public', {
  method: 'get',
  path: '/api/invitations/{token}',
  tags,
  summary: 'What an invitation link invites to',
  request: { params: invitationTokenParams },
  responses: { 200: json(invitationPreviewSchema, 'The invitation'), ...errors(404) },
});

const postAccept = defineRoute('user', {
  method: 'post',
  path: '/api/invitations/{token}/accept',
  tags,
  summary: 'Accept an invitation: become a member of its practice',
  request: { params: invitationTokenParams },
  responses: { 200: json(acceptedSchema, 'Now a member'), ...errors(401, 403, 404) },
});

export function authRoutes(deps: Deps) {
  const signedIn = async (c: Context<ApiEnv>, user: User, session: NewSession) => {
    setSessionCookies(c, deps, session);
    const me = await describeMe(deps.store.db, user);
    return {
      user,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
      practices: me.practices,
    };
  };

  return router()
    .openapi(getSetup, async (c) => c.json(await setupStatus(deps.store), 200))
    .openapi(postSetup, async (c) => {
      const result = await setupFirstAccount(deps.store, c.req.valid('json'), deps.now());
      const body = await signedIn(c, result.user, result.session);
      return c.json({ ...body, demoCreated: result.demoCreated }, 201);
    })
    .openapi(postSignUp, async (c) => {
      const input = c.req.valid('json');
      if (!deps.allowSignUp && !input.invitation) {
        throw new AppError('forbidden', 'accounts on this server are by invitation only');
      }
      if (input.invitation) {
        const invited = await describeInvitation(deps.store, input.invitation, deps.now());
        if (invited.email !== null && invited.email !== normalizeEmail(input.email)) {
          throw new AppError('forbidden', 'this invitation is for another email address');
        }
      }
      const user = await signUp(deps.store.db, input, deps.now());
      if (input.invitation) {
        await acceptInvitation(
          deps.store,
          { userId: user.id, email: user.email },
          input.invitation,
          deps.now(),
        );
      }
      const session = await createSession(deps.store.db, user.id, deps.now());
      return c.json(await signedIn(c, user, session), 201);
    })
    .openapi(postSignIn, async (c) => {
      const input = c.req.valid('json');
      const result = await signIn(
        deps.store,
        { ...input, address: clientAddress(c, deps) },
        deps.now(),
        deps.signInLimits,
      );
      if (!result.ok && result.reason === 'rate_limited') {
        throw new ApiError(
          'rate_limited',
          `too many failed sign-ins: try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s)`,
          { 'Retry-After': String(result.retryAfterSeconds) },
        );
      }
      if (!result.ok) throw new ApiError('invalid_credentials', 'wrong email or password');
      // A browser signing in again leaves its old session behind (no fixation, no leftovers).
      const previous = c.get('session');
      if (previous) await signOut(deps.store.db, previous.id);
      return c.json(await signedIn(c, result.user, result.session), 200);
    })
    .openapi(postSignOut, async (c) => {
      await signOut(deps.store.db, sessionOf(c).id);
      clearSessionCookies(c, deps);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(getSession, async (c) => {
      const session = sessionOf(c);
      const me = await describeMe(deps.store.db, session.user);
      return c.json(
        {
          user: session.user,
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt,
          practices: me.practices,
        },
        200,
      );
    })
    .openapi(getInvitation, async (c) =>
      c.json(await describeInvitation(deps.store, c.req.valid('param').token, deps.now()), 200),
    )
    .openapi(postAccept, async (c) =>
      c.json(
        await acceptInvitation(
          deps.store,
          sessionOf(c).actor,
          c.req.valid('param').token,
          deps.now(),
        ),
        200,
      ),
    );
}
