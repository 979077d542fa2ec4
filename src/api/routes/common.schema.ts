/** Schemas every resource shares: the error body, path parameters, paging, dates. */
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../../domain/dates.ts';

export const errorSchema = z
  .object({
    code: z.string().openapi({ example: 'not_found' }),
    message: z.string().openapi({ example: 'no payment "p9"' }),
    problems: z
      .array(z.object({ path: z.string().optional(), message: z.string() }).passthrough())
      .optional(),
  })
  .openapi('Error');

const errorContent = { 'application/json': { schema: errorSchema } };

/** The error responses a route may give, documented once. */
export function errors(...statuses: (400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429)[]) {
  const text: Record<number, string> = {
    400: 'Invalid input (`invalid_input`, with one problem per field)',
    401: 'Not signed in (`unauthenticated`)',
    403: 'Not allowed for your role (`forbidden`) or failed CSRF check (`csrf_failed`)',
    404: 'No such thing — or not yours to see (`not_found`)',
    409: 'Conflicts with what exists (`conflict`)',
    410: 'The upload expired (`upload_expired`)',
    413: 'Body too large (`payload_too_large`)',
    415: 'Wrong content type (`unsupported_media_type`)',
    422: 'Not enough data (`no_data`, `missing_rate`)',
    429: 'Too many attempts (`rate_limited`; see Retry-After)',
  };
  const out: Record<number, { description: string; content: typeof errorContent }> = {};
  for (const s of statuses) out[s] = { description: text[s]!, content: errorContent };
  return out;
}

/** Errors of every route inside a practice. */
export const practiceErrors = [401, 403, 404] as const;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD')
  .refine(isIsoDate, 'expected a real calendar date written YYYY-MM-DD')
  .openapi({ example: '2026-01-31' });

export const practiceParams = z.object({
  practiceId: z.string().openapi({
    param: { name: 'practiceId', in: 'path' },
    example: '1',
    description: 'practice id',
  }),
});

export const recordParams = practiceParams.extend({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'p1' }),
});

export const pagingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ example: 50 }),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).openapi({ example: 0 }),
});

export const okSchema = z.object({ ok: z.literal(true) }).openapi('Ok');

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}
