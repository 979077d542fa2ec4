/**
 * The practice use cases the CLI calls with a practice id, wrapped for a signed-in
 * member: each checks the access's permission, then calls the use case unchanged. The
 * CLI (a local user with the database file) keeps calling the unwrapped functions.
 */
import type { Report } from '../domain/analysis/index.ts';
import type { Bundle } from '../domain/bundle.ts';
import type { PracticeData } from '../domain/model.ts';
import type { Rule } from '../domain/rules/model.ts';
import type { Store } from '../store/connect.ts';
import { loadPracticeData } from '../store/records.repository.ts';
import { authorize, type PracticeAccess } from './access.ts';
import { exportBundle } from './bundle.ts';
import { type ImportReport, type ImportRequest, importFiles } from './imports/import.ts';
import { buildReport, type ReportOptions } from './report.ts';
import {
  type ApplySummary,
  addRule,
  applyRulesToImports,
  listRules,
  type NewRule,
  removeRule,
} from './rules.ts';
import { listUnassigned, type UnassignedPage } from './unassigned.ts';

export async function reportAs(
  store: Store,
  access: PracticeAccess,
  options: ReportOptions = {},
): Promise<Report> {
  authorize(access, 'read');
  return buildReport(store, access.practiceId, options);
}

export async function exportAs(store: Store, access: PracticeAccess): Promise<Bundle> {
  authorize(access, 'read');
  return exportBundle(store, access.practiceId);
}

/** The practice's records (money in minor units), for exports in other shapes than the bundle. */
export async function practiceDataAs(store: Store, access: PracticeAccess): Promise<PracticeData> {
  authorize(access, 'read');
  return loadPracticeData(store.db, access.practiceId);
}

export async function listRulesAs(store: Store, access: PracticeAccess): Promise<Rule[]> {
  authorize(access, 'read');
  return listRules(store, access.practiceId);
}

export async function addRuleAs(
  store: Store,
  access: PracticeAccess,
  rule: NewRule,
): Promise<Rule> {
  authorize(access, 'write');
  return addRule(store, access.practiceId, rule);
}

export async function removeRuleAs(
  store: Store,
  access: PracticeAccess,
  id: string,
): Promise<void> {
  authorize(access, 'write');
  return removeRule(store, access.practiceId, id);
}

export async function applyRulesAs(store: Store, access: PracticeAccess): Promise<ApplySummary> {
  authorize(access, 'write');
  return applyRulesToImports(store, access.practiceId);
}

export async function unassignedAs(
  store: Store,
  access: PracticeAccess,
  page: { limit?: number; offset?: number },
): Promise<UnassignedPage> {
  authorize(access, 'read');
  return listUnassigned(store, access.practiceId, page);
}

/** Imports files (or previews the import: editors and owners only, like the import itself). */
export async function importFilesAs(
  store: Store,
  access: PracticeAccess,
  request: ImportRequest,
): Promise<ImportReport> {
  authorize(access, 'write');
  return importFiles(store, access.practiceId, request);
}
