/**
 * Every migration, imported statically (no directory scan: works from tsx, tests and
 * bundled code). Names are timestamps `YYYY_MM_DD_NNNN_what`; the Migrator runs them in
 * name order. Add new ones at the end; never edit or remove a released one.
 */
import type { Migration } from 'kysely';
import * as initial from './2026_11_25_0001_initial.ts';
import * as imports from './2026_11_25_0002_imports.ts';
import * as accounts from './2026_11_25_0003_accounts.ts';
import * as revisions from './2026_11_25_0004_revisions.ts';
import * as reportIndexes from './2026_11_25_0005_report_indexes.ts';
import * as keptDocuments from './2026_11_25_0006_kept_documents.ts';
import * as listIndexes from './2026_11_25_0007_list_indexes.ts';
import * as reportGroupIndexes from './2026_11_25_0008_report_group_indexes.ts';
import * as droppableKeys from './2026_12_07_0009_droppable_keys.ts';
import * as importRowOrder from './2026_12_08_0010_import_row_order.ts';
import * as positionIndexes from './2026_12_08_0011_position_indexes.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026_11_25_0001_initial': initial,
  '2026_11_25_0002_imports': imports,
  '2026_11_25_0003_accounts': accounts,
  '2026_11_25_0004_revisions': revisions,
  '2026_11_25_0005_report_indexes': reportIndexes,
  '2026_11_25_0006_kept_documents': keptDocuments,
  '2026_11_25_0007_list_indexes': listIndexes,
  '2026_11_25_0008_report_group_indexes': reportGroupIndexes,
  '2026_12_07_0009_droppable_keys': droppableKeys,
  '2026_12_08_0010_import_row_order': importRowOrder,
  '2026_12_08_0011_position_indexes': positionIndexes,
};
