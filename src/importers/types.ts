/**
 * What every importer produces: normalised rows ("imported records") that still carry
 * the source's own words (description, project, customer…) for the rules to read, plus
 * skipped rows with the reason and problems located by file, line and column.
 *
 * Parsers never throw for bad input: a bad row is an `ImportIssue`, data like any other.
 */
import type { IsoDate } from '../domain/dates.ts';

/** Where a record or problem came from: 1-based line of the file; column name when known. */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * Free-text attributes a rule can match on, by name. Importers fill what their format
 * has, with these names where they apply: `description`, `project`, `client`, `task`,
 * `tags`, `title` (calendar events), `type` (source's transaction type), `category`,
 * `customerName`, `customerEmail`, `user`, `location`, `product`.
 */
export type Attributes = Record<string, string>;

interface ImportedBase {
  /** Stable id within the source: the source's own id (Stripe `ch_…`, PayPal Transaction ID,
   * Square Payment ID, calendar UID + recurrence id) or a content hash + occurrence index. */
  externalId: string;
  date: IsoDate;
  attributes: Attributes;
  source: SourceRef;
}

export interface ImportedPayment extends ImportedBase {
  kind: 'payment';
  /** Integer minor units of `currency`; negative for a refund. */
  amount: number;
  currency: string;
  /** Processor fee in minor units of `currency`, >= 0 (0 when the source says none). */
  fee: number;
  /** externalId of the payment a refund reverses, when the source links it. */
  refundOf: string | null;
  customer: { email: string | null; name: string | null } | null;
}

export interface ImportedTimeEntry extends ImportedBase {
  kind: 'time';
  /** Hours worked, > 0. Entries of zero length are skipped, not imported. */
  hours: number;
}

export interface ImportedCost extends ImportedBase {
  kind: 'cost';
  /** Integer minor units of `currency`, > 0. */
  amount: number;
  currency: string;
}

export type ImportedRecord = ImportedPayment | ImportedTimeEntry | ImportedCost;

/** A row deliberately not imported, and why (`failed`, `transfer`, `test_mode`, …). */
export interface SkippedRow {
  source: SourceRef;
  reason: string;
}

export type IssueSeverity = 'error' | 'warning';

/** A problem with the input: errors refuse the whole import, warnings are reported. */
export interface ImportIssue {
  file: string;
  line: number;
  /** 1-based column number, and the header name when the file has one. */
  column?: number;
  columnName?: string;
  code: string;
  message: string;
  severity: IssueSeverity;
}

/** Options a user can give to an import (all optional; formats infer what they can). */
export interface ImportOptions {
  /** Force a format instead of detecting it. */
  format?: string;
  /** The practice's IANA zone: every record's date is a date in this zone. */
  timezone: string;
  /**
   * The zone the wall-clock times of zone-less exports (Toggl, Clockify) were written in,
   * when it is not the practice's (`--timezone`). Their start is then moved to the
   * practice's calendar. Absent: the practice's zone, so dates stay as written.
   */
  sourceTimezone?: string;
  /** The practice's currency: the default for formats that do not say. */
  currency: string;
  /** e.g. `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY-MM-DD`, `DD.MM.YYYY`. */
  dateFormat?: string;
  /** Decimal separator when the file does not make it clear. */
  decimal?: '.' | ',';
  /** Generic CSV column mapping: field → header name, e.g. `{ date: 'Date', amount: 'Amount' }`. */
  map?: Record<string, string>;
  /** The day of the import (the caller's today): open-ended calendar series stop here.
   * Importers never read the clock; without it, a calendar's latest DTSTAMP is used. */
  asOf?: IsoDate;
  /** The calendar owner's email addresses: events they declined are skipped. */
  ownerEmails?: readonly string[];
}

/** Everything one file produced. `issues` with severity error mean the file is refused. */
export interface ImportResult {
  file: string;
  format: string;
  records: ImportedRecord[];
  skipped: SkippedRow[];
  issues: ImportIssue[];
}
