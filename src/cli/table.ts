/**
 * Tidy aligned text tables for the terminal: numbers right-aligned, text left-aligned,
 * a rule under the header. No borders, no colours: it pastes cleanly into an email.
 */

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

/** Renders rows (already formatted strings) under the given columns. */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  indent = '  ',
): string {
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - displayWidth(cell)));
        return columns[i]?.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const header = line(columns.map((c) => c.header));
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('  ');
  return `${[header, rule, ...rows.map(line)].join('\n')}\n`;
}

/** Terminal width of a string: wide (CJK, emoji) characters take two cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      code >= 0x1100 &&
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Extended_Pictographic}]/u.test(
        ch,
      )
        ? 2
        : 1;
  }
  return width;
}
