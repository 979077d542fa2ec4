/**
 * Every CSV format Fulcrum reads, in detection order (ties go to the earlier entry).
 * Add a format here when you add its folder.
 */
import { clockifyFormat } from './clockify/clockify.format.ts';
import type { CsvFormat } from './format.ts';
import { harvestFormat } from './harvest/harvest.format.ts';
import { togglFormat } from './toggl/toggl.format.ts';

export const CSV_FORMATS: CsvFormat[] = [
  // time trackers (Toggl, Clockify, Harvest)
  togglFormat,
  clockifyFormat,
  harvestFormat,
];
