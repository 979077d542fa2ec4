/**
 * The shapes the API answers with, as the page reads them. Records, practices and the
 * report are the domain's own types; the rest mirror src/app (accounts, members,
 * invitations, imports, the inbox) without importing across the layer boundary.
 */
import type { Practice } from '../../domain/model.ts';

export type Role = 'owner' | 'editor' | 'advisor';

export interface User {
  id: number;
  email: string;
  name: string | null;
}

export interface PracticeSummary {
  id: number;
  name: string;
  currency: string;
  role: Role;
}

export interface Me {
  user: User;
  practices: PracticeSummary[];
}

export interface StoredPractice extends Practice {
  id: number;
  createdAt: string;
  updatedAt: string;
  role?: Role;
}

export interface Member {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  since: string;
}

export interface Invitation {
  id: string;
  role: Role;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** Only when just created: the secret of the link. */
  token?: string;
  /** The link to send, when the server builds it. */
  url?: string;
}

export interface InvitationPreview {
  practice: { name: string };
  role: Role;
  email: string | null;
  expiresAt: string;
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

export interface ImportIssue {
  file?: string;
  line?: number;
  column?: number;
  columnName?: string;
  code?: string;
  message: string;
  severity?: string;
}

export interface FileReport {
  file: string;
  format: string;
  formatLabel: string;
  rows: number;
  added: { payments: number; timeEntries: number; costs: number; clients: number };
  duplicates: number;
  unassigned: number;
  skipped: Record<string, number>;
  warnings: ImportIssue[];
  byOffer: Record<string, { payments: number; costs: number; hours: number }>;
  byActivity: Record<string, number>;
}

export interface ImportReport {
  practiceId: number;
  preview: boolean;
  files: FileReport[];
  /** With a preview: commit this upload (POST …/imports/commit) before it expires. */
  uploadToken?: string;
  uploadExpiresAt?: string;
}

export interface UnassignedRow {
  id: string;
  kind: 'payment' | 'time' | 'cost';
  date: string;
  amount: number | null;
  currency: string | null;
  hours: number | null;
  file: string;
  line: number;
  attributes: Record<string, string>;
}

export interface UnassignedPage {
  total: number;
  rows: UnassignedRow[];
  common: Record<string, { value: string; rows: number }[]>;
}

export interface RuleTargets {
  offerId?: string | null;
  activity?: string | null;
  channel?: string | null;
  clientId?: string | null;
}

/** One stream in one month (src/app/monthly.ts): the report's stream figures for that month. */
export interface MonthStream {
  revenue: number;
  hours: number;
  effectiveHourlyRate: number | null;
}

export interface MonthFigures {
  /** `2025-06` */
  month: string;
  from: string;
  to: string;
  /** By offer id; streams with neither revenue nor hours in the month are absent. */
  streams: Record<string, MonthStream>;
}

/** `GET …/report/monthly`: each stream month by month over the report's period. */
export interface MonthlySeries {
  period: { from: string; to: string; days: number };
  currency: string;
  months: MonthFigures[];
}
