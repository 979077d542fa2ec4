/**
 * Reading one CSV row's cells with problems reported where they are: every bad cell
 * becomes an issue naming the line, the column and what is wrong with the value
 * (`not an amount: "12,3,4"`), and the row remembers that it failed so the mapper can
 * leave it out. Shared by the CSV formats; pure apart from the `Emit` it reports to.
 */
import { isTimeZone } from '../domain/dates.ts';
import { isCurrencyCode } from '../domain/money.ts';
import type { CsvRow } from './csv.ts';
import type { Emit, FormatContext, RowMapper } from './format.ts';
import { type ParsedTimestamp, parseTimestamp } from './timestamps.ts';
import { parseAmount } from './values.ts';

/** One row's cells, read through the format's context (decimal mark, date order). */
export class RowCells {
  /** Number of errors reported for this row; a row with errors produces no record. */
  errors = 0;

  constructor(
    readonly row: CsvRow,
    private readonly ctx: FormatContext,
    private readonly emit: Emit,
  ) {}

  get line(): number {
    return this.row.line;
  }

  /** The trimmed cell, '' when the column is absent (-1) or the row is short. */
  text(col: number): string {
    return col < 0 ? '' : (this.row.cells[col] ?? '').trim();
  }

  error(code: string, message: string, col?: number): void {
    this.errors++;
    this.emit.issue(this.line, code, message, col);
  }

  warn(code: string, message: string, col?: number): void {
    this.emit.issue(this.line, code, message, col, 'warning');
  }

  /**
   * False (after reporting) when the row has fewer cells than the header names (a cut
   * file) or text in cells beyond the header (an unquoted delimiter shifted the row).
   * Empty trailing header cells (`…,"Note",,,`) need no cells in the rows.
   */
  shape(): boolean {
    const names = this.ctx.header.names;
    let named = names.length;
    while (named > 0 && !names[named - 1]?.trim()) named--;
    const cells = this.row.cells;
    if (cells.length < named) {
      this.error(
        'short_row',
        `the row has ${cells.length} cells but the header has ${named}: is the file cut short?`,
      );
      return false;
    }
    const extra = cells.findIndex((cell, i) => i >= names.length && cell.trim() !== '');
    if (extra !== -1) {
      this.error(
        'extra_cells',
        `the row has ${cells.length} cells but the header only ${names.length}: an unquoted separator in a value?`,
        extra,
      );
      return false;
    }
    return true;
  }

  /** The cell's text, or null after a `missing_value` error when it is empty. */
  required(col: number): string | null {
    const text = this.text(col);
    if (text) return text;
    this.error('missing_value', `${this.ctx.header.nameOf(col)} is empty`, col);
    return null;
  }

  /** Integer minor units, or null (with an error) when empty or unreadable. */
  amount(col: number, currency: string): number | null {
    const text = this.required(col);
    return text === null ? null : this.parseAmountCell(text, col, currency);
  }

  /** Like `amount`, but an empty (or absent) cell is `fallback` without a complaint. */
  optionalAmount(col: number, currency: string, fallback: number | null = 0): number | null {
    const text = this.text(col);
    return text ? this.parseAmountCell(text, col, currency) : fallback;
  }

  private parseAmountCell(text: string, col: number, currency: string): number | null {
    const value = parseAmount(text, currency, this.ctx.spelling.decimal);
    if (value === null) this.error('bad_amount', `not an amount: "${text}"`, col);
    return value;
  }

  /** A date with an optional time and offset, read in the file's date order. */
  timestamp(col: number): ParsedTimestamp | null {
    const text = this.required(col);
    if (text === null) return null;
    const value = parseTimestamp(text, this.ctx.spelling.dateOrder ?? 'ymd');
    if (!value) this.error('bad_date', `not a date: "${text}"`, col);
    return value;
  }

  /** An ISO currency code (any case), `fallback` when the cell is empty or absent. */
  currency(col: number, fallback: string): string | null {
    const text = this.text(col);
    if (!text) return fallback;
    const code = text.toUpperCase();
    if (isCurrencyCode(code)) return code;
    this.error('bad_currency', `not a currency code: "${text}"`, col);
    return null;
  }
}

/** A row mapper that reports one problem with the options (on line 1) and reads nothing. */
export function refusingMapper(code: string, message: string): RowMapper {
  let reported = false;
  const report = (emit: Emit) => {
    if (reported) return;
    reported = true;
    emit.issue(1, code, message);
  };
  return { row: (_row, emit) => report(emit), finish: report };
}

/** A refusing mapper when the import options cannot be used (unknown zone or currency). */
export function optionsProblem(ctx: FormatContext): RowMapper | null {
  const { timezone, currency } = ctx.options;
  if (!isTimeZone(timezone)) {
    return refusingMapper(
      'bad_option',
      `unknown time zone "${timezone}": use an IANA name such as Europe/Berlin`,
    );
  }
  if (!isCurrencyCode(currency)) {
    return refusingMapper('bad_option', `not a currency code: "${currency}" (use e.g. USD, EUR)`);
  }
  return null;
}

/** Adds `value` (trimmed, line breaks as `\n`) under `name` when it is not empty. */
export function putAttribute(attributes: Record<string, string>, name: string, value: string) {
  // Most cells hold no carriage return: skip the regular expression for them.
  const text = (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value).trim();
  if (text) attributes[name] = text;
}
