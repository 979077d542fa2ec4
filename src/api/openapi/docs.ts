/**
 * The API's own description: the OpenAPI 3.1 document at `/api/openapi.json`, built
 * from the routes' zod schemas, and a readable reference page at `/api/docs` rendered
 * on the server from that document (no scripts, no CDN).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../context.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../security.ts';
import { renderReference } from './render.ts';

const INFO = {
  title: 'Fulcrum API',
  version: '1',
  description:
    'What every income stream of a practice really earns per hour. Sign in with a session ' +
    `cookie; send the session's CSRF token in \`${CSRF_HEADER}\` on every POST, PUT, PATCH and ` +
    'DELETE. Errors are `{ code, message, problems? }`. See docs/api.md.',
};

export function openApiDocument(app: OpenAPIHono<ApiEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `Session cookie (\`__Host-${SESSION_COOKIE}\` over https), set by sign-in.`,
  });
  return app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
}

export function docsRoutes(app: OpenAPIHono<ApiEnv>): void {
  let cached: ReturnType<typeof openApiDocument> | undefined;
  const doc = () => {
    cached ??= openApiDocument(app);
    return cached;
  };
  app.get('/api/openapi.json', (c) => c.json(doc()));
  app.get('/api/docs', (c) => c.html(renderReference(doc())));
}
