/**
 * iCalendar (.ics) import: events become time entries. (Placeholder signature; the ICS
 * importer replaces this file.)
 */
import type { ImportEvent } from '../format.ts';
import type { ImportOptions } from '../types.ts';

export function* importIcs(
  file: string,
  _text: string,
  _options: ImportOptions,
): Generator<ImportEvent> {
  yield {
    type: 'issue',
    issue: {
      file,
      line: 1,
      code: 'unsupported',
      message: 'iCalendar import is not available yet',
      severity: 'error',
    },
  };
}
