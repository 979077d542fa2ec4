/**
 * Every route is declared with `defineRoute(access, config)`: the OpenAPI route config
 * (@hono/zod-openapi) plus who may call it. The declaration also lands in `ROUTE_TABLE`,
 * which the tenancy tests walk, so a new route cannot escape them.
 *
 * access: `public` (anyone), `user` (signed in), or a permission in the practice of the
 * path's `{practiceId}` — `read` (any member), `write` (editors, owners), `manage` (owners).
 */
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Permission } from '../../app/access.ts';
import type { ApiEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { requirePermission, requireUser } from '../security.ts';

export type RouteAccess = 'public' | 'user' | Permission;

export interface RouteEntry {
  method: string;
  /** OpenAPI style: `/api/practices/{practiceId}/payments/{id}`. */
  path: string;
  access: RouteAccess;
  summary: string;
}

export const ROUTE_TABLE: RouteEntry[] = [];

/** Declares a route (see the module header). */
export function defineRoute<const R extends RouteConfig>(access: RouteAccess, config: R): R {
  const guard =
    access === 'public' ? [] : access === 'user' ? [requireUser] : [requirePermission(access)];
  const security = access === 'public' ? [] : [{ session: [] }];
  ROUTE_TABLE.push({
    method: config.method.toUpperCase(),
    path: config.path,
    access,
    summary: config.summary ?? '',
  });
  return createRoute({
    ...config,
    security: config.security ?? security,
    middleware: [...guard, ...((config.middleware as [] | undefined) ?? [])],
  }) as R;
}

/** A router whose validators throw invalid input to the one error handler. */
export function router() {
  return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}
