/**
 * Every CSV format Fulcrum reads, in detection order (ties go to the earlier entry).
 * Add a format here when you add its folder.
 */
import type { CsvFormat } from './format.ts';

export const CSV_FORMATS: CsvFormat[] = [];
