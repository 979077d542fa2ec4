/**
 * Rows in PostgreSQL's `COPY … FROM STDIN` text format (the default format): one line
 * per row, fields separated by tabs, `\N` for NULL, and a backslash escaping the four
 * characters that would end a field or a line (`\\`, `\t`, `\n`, `\r`). Values are
 * written as pg writes query parameters (`String(number)`, so a double reads back
 * exactly), and only the types the store writes are accepted.
 */

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};
const escaped = (c: string) => ESCAPES[c]!;

/** One field: NULL for null and undefined, the text of a string, number, bigint or boolean. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(SPECIALS, escaped) : value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      throw new TypeError(`cannot COPY a value of type ${typeof value}`);
  }
}

/**
 * The COPY text of `rows`; with `numbered`, each row starts with its index (0, 1, …),
 * the column a staging table orders by.
 */
export function copyText(rows: readonly (readonly unknown[])[], numbered = false): string {
  let text = '';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = numbered ? String(r) : '';
    for (let c = 0; c < row.length; c++) {
      if (numbered || c > 0) line += '\t';
      line += copyField(row[c]);
    }
    text += `${line}\n`;
  }
  return text;
}
