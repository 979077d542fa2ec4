/**
 * The one error mapping of the API. Every failure answers JSON
 * `{ "code": "…", "message": "…", "problems"?: [{ "path", "message" }, …] }` with a
 * stable `code`:
 * - an AppError: its code, the status of APP_ERROR_CODES;
 * - an ApiError (what only HTTP knows: rate limits, CSRF, sizes, uploads): API_ERROR_CODES;
 * - invalid input (zod): 400 `invalid_input`, one problem per field (`body.amount`, `query.to`);
 * - anything else: 500 `internal` with a generic message — the error is logged (method,
 *   path, stack; never headers, cookies or bodies) and its details never reach the client.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { APP_ERROR_CODES, AppError } from '../app/errors.ts';
import { StoreError } from '../store/errors.ts';

export const API_ERROR_CODES = {
  invalid_credentials: 401,
  csrf_failed: 403,
  route_not_found: 404,
  upload_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;
export type ErrorCode = ApiErrorCode | keyof typeof APP_ERROR_CODES;

export interface Problem {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  problems?: Problem[];
}

/** An error only the HTTP layer knows about; `headers` are added to the response. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Input that failed its zod schema, with where it came from (`json`, `query`, `param`, `form`). */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly target: string,
    readonly zod: ZodError,
  ) {
    super('invalid input');
  }
}

const TARGET_NAMES: Record<string, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

/** One problem per zod issue, its path prefixed by where the input was (`body.amount`). */
export function zodProblems(error: ZodError, target?: string): Problem[] {
  return error.issues.map((issue) => {
    const parts = [
      target ? (TARGET_NAMES[target] ?? target) : undefined,
      ...issue.path.map(String),
    ];
    return { path: parts.filter((p) => p !== undefined).join('.'), message: issue.message };
  });
}

function problemsOf(details: unknown): Problem[] | undefined {
  if (!Array.isArray(details)) return undefined;
  return details.filter((d): d is Problem => typeof d === 'object' && d !== null && 'message' in d);
}

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
]);

/** The status and body an error answers with. */
export function describeError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof AppError) {
    const problems = problemsOf(error.details);
    return {
      status: APP_ERROR_CODES[error.code] as ContentfulStatusCode,
      body: { code: error.code, message: error.message, ...(problems ? { problems } : {}) },
    };
  }
  if (error instanceof ApiError) {
    return {
      status: API_ERROR_CODES[error.code],
      body: { code: error.code, message: error.message },
    };
  }
  if (error instanceof InputError || error instanceof ZodError) {
    const problems =
      error instanceof InputError ? zodProblems(error.zod, error.target) : zodProblems(error);
    return {
      status: 400,
      body: {
        code: 'invalid_input',
        message: `the request is not valid: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`,
        problems,
      },
    };
  }
  if (error instanceof StoreError && error.code in APP_ERROR_CODES) {
    const code = error.code as keyof typeof APP_ERROR_CODES;
    return {
      status: APP_ERROR_CODES[code] as ContentfulStatusCode,
      body: { code, message: error.message },
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code: ErrorCode =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthenticated' : 'invalid_input';
    return {
      status: Math.min(status, 500) as ContentfulStatusCode,
      body: { code, message: error.message || 'bad request' },
    };
  }
  const networkCode = (error as { code?: unknown } | null)?.code;
  if (typeof networkCode === 'string' && NETWORK_ERRORS.has(networkCode)) {
    return {
      status: 503,
      body: {
        code: 'db_unreachable',
        message: 'the database cannot be reached; try again shortly',
      },
    };
  }
  return {
    status: 500,
    body: {
      code: 'internal',
      message: 'something went wrong on the server; it has been logged',
    },
  };
}

export type ErrorLogger = (line: string) => void;

/** A path fit for a log: invitation tokens (secrets in the URL) are cut out. */
export function redact(path: string): string {
  return path.replace(/^(\/api\/invitations\/)[^/]+/, '$1…');
}

/** Hono's onError: one JSON answer for every error; unexpected ones are logged. */
export function errorHandler(log: ErrorLogger) {
  return (error: Error, c: Context): Response => {
    const { status, body } = describeError(error);
    if (status >= 500 && body.code === 'internal') {
      log(
        `fulcrum: ${c.req.method} ${redact(new URL(c.req.url).pathname)} failed: ${error.stack ?? error.message}`,
      );
    }
    if (error instanceof ApiError)
      for (const [k, v] of Object.entries(error.headers)) c.header(k, v);
    return c.json(body, status);
  };
}

/** The hook of every zod validator: invalid input is thrown to the one error handler. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  _c: Context,
): undefined {
  if (!result.success) throw new InputError(result.target ?? '', result.error);
  return undefined;
}
