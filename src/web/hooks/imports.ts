/** Uploading export files: a preview that writes nothing, then the commit of that upload. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isStatus, request } from '../lib/api.ts';
import type { ImportReport } from '../lib/types.ts';
import { practiceKey, usePracticeId } from './practice.ts';

export interface UploadOptions {
  timezone?: string;
  format?: string;
}

function form(files: File[], preview: boolean, options: UploadOptions): FormData {
  const data = new FormData();
  for (const file of files) data.append('files', file, file.name);
  data.set('preview', String(preview));
  if (options.timezone) data.set('timezone', options.timezone);
  if (options.format) data.set('format', options.format);
  return data;
}

export function usePreviewImport() {
  const id = usePracticeId();
  return useMutation({
    mutationFn: (input: { files: File[]; options: UploadOptions }) =>
      request<ImportReport>('POST', `/practices/${id}/imports`, {
        body: form(input.files, true, input.options),
      }),
  });
}

/** Imports a previewed upload; if the server no longer holds it, uploads the files again. */
export function useCommitImport() {
  const id = usePracticeId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      token: string | undefined;
      files: File[];
      options: UploadOptions;
    }) => {
      if (input.token) {
        try {
          return await request<ImportReport>('POST', `/practices/${id}/imports/commit`, {
            body: { uploadToken: input.token },
          });
        } catch (error) {
          if (!isStatus(error, 410)) throw error;
        }
      }
      return request<ImportReport>('POST', `/practices/${id}/imports`, {
        body: form(input.files, false, input.options),
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: practiceKey(id) }),
  });
}
