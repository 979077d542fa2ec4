/**
 * The HTTP API: `createApp({ store })` returns the Hono app — in tests, call
 * `app.request(…)`; `fulcrum serve` hands it to @hono/node-server. `AppType` types the
 * web page's client (`hc<AppType>`).
 *
 * Every request gets security headers; every `/api/*` request gets `Cache-Control:
 * no-store`, a body size limit, its session (cookie) and, when it changes state, the
 * CSRF check; `/api/practices/:practiceId/…` requires a member of that practice (404
 * otherwise). Routes are thin: validate (zod) → authorize → call `src/app` → present.
 * One error handler answers every failure (errors.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiEnv, type ApiOptions, resolveOptions } from './context.ts';
import { ApiError, errorHandler } from './errors.ts';
import { docsRoutes } from './openapi/docs.ts';
import { authRoutes } from './routes/auth/auth.ts';
import { router } from './routes/define.ts';
import { exportRoutes } from './routes/export/export.ts';
import { forecastRoutes } from './routes/forecast/forecast.ts';
import { healthRoutes } from './routes/health/health.ts';
import { importRoutes } from './routes/imports/imports.ts';
import { memberRoutes } from './routes/members/members.ts';
import { practiceRoutes } from './routes/practices/practices.ts';
import { recordRoutes } from './routes/records/records.ts';
import { monthlyRoutes } from './routes/report/monthly.ts';
import { reportRoutes } from './routes/report/report.ts';
import { ruleRoutes } from './routes/rules/rules.ts';
import { csrfProtection, loadSession, practiceAccess, responseHeaders } from './security.ts';

export type { ApiOptions } from './context.ts';

const UPLOAD_PATH = /^\/api\/practices\/[^/]+\/imports(\/|$)/;

/** Creates the API over an open store (see the module header). */
export function createApp(options: ApiOptions) {
  const deps = resolveOptions(options);
  const tooLarge = (limit: number) => () => {
    throw new ApiError(
      'payload_too_large',
      `the request body is larger than ${Math.round(limit / 1024)} KiB`,
    );
  };
  const jsonLimit = bodyLimit({ maxSize: deps.maxJsonBytes, onError: tooLarge(deps.maxJsonBytes) });
  const uploadLimit = bodyLimit({
    maxSize: deps.maxUploadBytes,
    onError: tooLarge(deps.maxUploadBytes),
  });
  // A GET or HEAD has no body to limit; asking for one would make @hono/node-server build
  // a full Request for every read (a tenth of a cached report's CPU time).
  const limits: MiddlewareHandler<ApiEnv> = (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : UPLOAD_PATH.test(c.req.path)
        ? uploadLimit(c, next)
        : jsonLimit(c, next);
  const app = router();
  app.onError(errorHandler(deps.log));
  app.notFound((c) =>
    c.json({ code: 'route_not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404),
  );
  app.use('*', responseHeaders);
  app.use('/api/*', limits, loadSession(deps), csrfProtection(deps));
  // Also matches `/api/practices/:practiceId` itself.
  app.use('/api/practices/:practiceId/*', practiceAccess(deps));

  const routes = app
    .route('/', healthRoutes(deps))
    .route('/', authRoutes(deps))
    .route('/', practiceRoutes(deps))
    .route('/', memberRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', monthlyRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', recordRoutes(deps))
    .route('/', ruleRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', forecastRoutes(deps));
  docsRoutes(app);
  return routes;
}

/** The API's type, for the web page's typed client: `hc<AppType>('/')`. */
export type AppType = ReturnType<typeof createApp>;
