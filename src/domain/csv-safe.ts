/**
 * Writing CSV that is safe to open in a spreadsheet: RFC 4180 quoting, and CSV (formula)
 * injection neutralised. A text cell a spreadsheet would read as a formula — one that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms)
 * — gets a leading `'`, so `=HYPERLINK("http://evil","Click")` is shown as text and never
 * evaluated. Numbers, and text that is exactly a number (`-12.50`), stay numbers.
 *
 * Every CSV Fulcrum writes (CLI or API) goes through `toCsv` or `csvCell`: they are the one
 * place where this rule lives.
 *
 * @example toCsv([['name', 'amount'], ['=1+1', -12.5]]) // 'name,amount\r\n\'=1+1,-12.5\r\n'
 */

/** What a cell may hold; null and undefined are written as an empty cell. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** First characters that make a spreadsheet evaluate a cell (OWASP's list + full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text that is exactly a decimal number: a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Characters that force a cell into double quotes (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of a value, neutralised when a spreadsheet would take it for a formula. */
export function neutralise(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * One cell as CSV text: neutralised, then quoted when it holds a quote, a comma or a line
 * break (quotes doubled).
 *
 * @example csvCell('=SUM(A1:A9)') // "'=SUM(A1:A9)"
 * @example csvCell('say "hi", then go') // '"say ""hi"", then go"'
 */
export function csvCell(value: CsvValue): string {
  const text = neutralise(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as one CSV document: cells joined by commas, every row ended by CRLF (RFC 4180). */
export function toCsv(rows: Iterable<readonly CsvValue[]>): string {
  let out = '';
  for (const row of rows) {
    // A lone empty cell would be a blank line, which readers skip: quote it.
    const line = row.map(csvCell).join(',');
    out += `${line === '' && row.length > 0 ? '""' : line}\r\n`;
  }
  return out;
}
