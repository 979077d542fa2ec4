/**
 * Imports of export files (Stripe, PayPal, Square, Toggl, Clockify, Harvest, calendars,
 * generic CSV): `POST …/imports` takes a multipart upload. With `preview=true` it runs
 * the whole import and rolls it back — the answer is exactly what an import would do —
 * and keeps the files (see uploads.ts) under an `uploadToken`; `POST …/imports/commit`
 * with that token imports them. Without `preview`, the upload is imported at once.
 */
import type { MiddlewareHandler } from 'hono';
import { importFilesAs } from '../../../app/as-member.ts';
import type { ImportReport } from '../../../app/imports/import.ts';
import type { ApiEnv, Deps } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { sessionOf } from '../../security.ts';
import { errors, json, jsonBody, practiceErrors, practiceParams } from '../common.schema.ts';
import { defineRoute, router } from '../define.ts';
import { commitBody, importReportSchema, uploadForm } from './schema.ts';
import type { UploadedFile } from './uploads.ts';

const tags = ['imports'];

const multipartOnly: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError('unsupported_media_type', 'send the files as multipart/form-data');
  }
  return next();
};

const upload = defineRoute('write', {
  method: 'post',
  path: '/api/practices/{practiceId}/imports',
  tags,
  summary: 'Upload export files: preview (writes nothing, keeps the upload) or import at once',
  middleware: [multipartOnly],
  request: {
    params: practiceParams,
    body: { required: true, content: { 'multipart/form-data': { schema: uploadForm } } },
  },
  responses: {
    200: json(importReportSchema, 'The import report (a preview, with its upload token)'),
    ...errors(400, ...practiceErrors, 413, 415),
  },
});

const commit = defineRoute('write', {
  method: 'post',
  path: '/api/practices/{practiceId}/imports/commit',
  tags,
  summary: 'Import a previewed upload by its token',
  request: { params: practiceParams, body: jsonBody(commitBody) },
  responses: {
    200: json(importReportSchema, 'The import report'),
    ...errors(400, ...practiceErrors, 410),
  },
});

/** A file name fit for messages and the import log: no folders, at most 200 characters. */
function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() || 'upload').slice(0, 200);
}

export function importRoutes(deps: Deps) {
  const run = (
    access: Parameters<typeof importFilesAs>[1],
    files: readonly UploadedFile[],
    options: Record<string, unknown>,
    preview: boolean,
  ): Promise<ImportReport> =>
    importFilesAs(deps.store, access, {
      ...options,
      files: files.map((f) => ({ name: f.name, open: () => [f.bytes] })),
      preview,
      asOf: deps.now().toISOString().slice(0, 10),
      now: deps.now(),
    });

  return router()
    .openapi(upload, async (c) => {
      const { files: sent, preview, ...options } = c.req.valid('form');
      const blobs = Array.isArray(sent) ? sent : [sent];
      const files: UploadedFile[] = [];
      for (const [i, blob] of blobs.entries()) {
        const name = blob instanceof File && blob.name ? blob.name : `file-${i + 1}`;
        files.push({ name: baseName(name), bytes: new Uint8Array(await blob.arrayBuffer()) });
      }
      const access = c.get('access');
      const report = await run(access, files, options, Boolean(preview));
      if (!preview) return c.json(report, 200);
      const kept = deps.uploads.put({
        practiceId: access.practiceId,
        userId: sessionOf(c).user.id,
        files,
        options,
      });
      return c.json({ ...report, uploadToken: kept.token, uploadExpiresAt: kept.expiresAt }, 200);
    })
    .openapi(commit, async (c) => {
      const access = c.get('access');
      const { uploadToken } = c.req.valid('json');
      const kept = deps.uploads.take(uploadToken, access.practiceId, sessionOf(c).user.id);
      if (!kept) {
        throw new ApiError(
          'upload_expired',
          'this upload is no longer kept (expired, used, or made on another server): upload the files again',
        );
      }
      try {
        return c.json(await run(access, kept.files, kept.options, false), 200);
      } catch (error) {
        deps.uploads.restore(uploadToken, kept);
        throw error;
      }
    });
}
