/**
 * Schemas of imports: the multipart upload (files and options), the commit of an
 * upload, and the import report (what each file brings in, or would).
 */
import { z } from '@hono/zod-openapi';
import { isTimeZone } from '../../../domain/dates.ts';

const file = z
  .custom<Blob>((value) => value instanceof Blob, 'expected a file')
  .openapi({ type: 'string', format: 'binary' });

const flag = z
  .enum(['true', 'false', '1', '0', 'on'])
  .transform((v) => v === 'true' || v === '1' || v === 'on');

/** The import options, as form fields (an upload) or JSON (a commit's overrides are not allowed). */
export const importOptions = {
  format: z
    .string()
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: 'force the export format (see docs/importing.md)' }),
  timezone: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin')
    .optional()
    .openapi({ description: "zone of exports without one (default: the practice's)" }),
  dateFormat: z.string().min(1).max(40).optional(),
  decimal: z.enum(['.', ',']).optional(),
  /** Generic CSV: which column holds what, as JSON `{ "date": "Date", "amount": "Amount" }`. */
  map: z
    .string()
    .max(4000)
    .transform((text, ctx) => {
      try {
        const value = JSON.parse(text) as unknown;
        if (
          value &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.values(value).every((v) => typeof v === 'string')
        )
          return value as Record<string, string>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'expected a JSON object of field → column header' });
      return z.NEVER;
    })
    .optional(),
  /** A mapping saved earlier, by name. */
  mapName: z.string().min(1).max(100).optional(),
};

export const uploadForm = z.object({
  files: z
    .union([file, z.array(file).min(1).max(20)])
    .openapi({ description: 'one or more export files' }),
  preview: flag.optional().openapi({
    type: 'string',
    description: '`true`: show what would be imported, write nothing, keep the upload for a commit',
  }),
  ...importOptions,
});

export const commitBody = z
  .object({ uploadToken: z.string().min(1).max(200) })
  .strict()
  .openapi('ImportCommit');

const fileReport = z.object({
  file: z.string(),
  format: z.string(),
  formatLabel: z.string(),
  rows: z.number().int(),
  added: z.object({
    payments: z.number().int(),
    timeEntries: z.number().int(),
    costs: z.number().int(),
    clients: z.number().int(),
  }),
  duplicates: z.number().int(),
  unassigned: z.number().int(),
  skipped: z.record(z.string(), z.number().int()),
  warnings: z.array(z.object({ message: z.string() }).passthrough()),
  byOffer: z.record(
    z.string(),
    z.object({ payments: z.number(), costs: z.number(), hours: z.number() }),
  ),
  byActivity: z.record(z.string(), z.number()),
});

export const importReportSchema = z
  .object({
    practiceId: z.number().int(),
    preview: z.boolean(),
    files: z.array(fileReport),
    /** With a preview: commit this upload with POST …/imports/commit before it expires. */
    uploadToken: z.string().optional(),
    uploadExpiresAt: z.string().optional(),
  })
  .openapi('ImportReport');
