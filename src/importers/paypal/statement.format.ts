/**
 * PayPal monthly statement CSV (Reports → Statements → CSV): `Time Zone` holds IANA
 * names (now and then an abbreviation), `Description` holds the transaction type, dates
 * are `M/D/YYYY` in English and `D/M/YYYY` in Spanish, amounts may use a decimal comma
 * (`4.626,81`), and the Spanish header ends in empty cells. English, Spanish and German
 * headers are accepted.
 */
import { optionsProblem } from '../cells.ts';
import type { HeaderIndex } from '../csv.ts';
import type { CsvFormat } from '../format.ts';
import { payPalColumns } from './columns.ts';
import { openPayPalRows } from './rows.ts';

function detect(header: HeaderIndex): number {
  const c = payPalColumns(header);
  const needed = [c.date, c.time, c.zone, c.description, c.gross, c.fee, c.net, c.transactionId];
  if (!needed.every((i) => i >= 0)) return 0;
  // The activity download has Type and Status; a statement has neither.
  return c.type >= 0 || c.status >= 0 ? 0 : 10;
}

export const payPalStatement: CsvFormat = {
  id: 'paypal-statement',
  label: 'PayPal monthly statement',
  detect,
  survey(header) {
    const c = payPalColumns(header);
    return { dates: [c.date], amounts: [c.gross, c.fee, c.net, c.balance].filter((i) => i >= 0) };
  },
  open(ctx) {
    const c = payPalColumns(ctx.header);
    const missing: string[] = [];
    if (c.date < 0) missing.push('Date');
    if (c.description < 0) missing.push('Description');
    if (c.gross < 0) missing.push('Gross');
    if (missing.length) return { missing };
    return optionsProblem(ctx) ?? openPayPalRows(ctx, { cols: c, typeCol: c.description });
  },
};
