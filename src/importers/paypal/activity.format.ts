/**
 * PayPal "Activity download" (Reports → Activity download → CSV): the 2017+ column sets
 * (22 default columns up to 41 with "all fields", `TimeZone`, `Balance Impact`), the
 * older "Download history" set (`Time Zone`, comma + space between header names) and
 * the personal-account variant with `Amount` instead of `Gross`/`Fee`/`Net`.
 * Localised headers (Spanish, German) are accepted.
 */
import { optionsProblem } from '../cells.ts';
import type { HeaderIndex } from '../csv.ts';
import type { CsvFormat } from '../format.ts';
import { payPalColumns } from './columns.ts';
import { openPayPalRows } from './rows.ts';

function detect(header: HeaderIndex): number {
  const c = payPalColumns(header);
  const base = [c.date, c.time, c.zone, c.name, c.type, c.status].every((i) => i >= 0);
  if (!base) return 0;
  if (c.gross >= 0 && c.transactionId >= 0) return 10;
  if (c.amount >= 0) return 8;
  return 0;
}

export const payPalActivity: CsvFormat = {
  id: 'paypal-activity',
  label: 'PayPal activity download',
  detect,
  survey(header) {
    const c = payPalColumns(header);
    return {
      dates: [c.date],
      amounts: [c.gross, c.fee, c.net, c.amount, c.balance].filter((i) => i >= 0),
    };
  },
  open(ctx) {
    const c = payPalColumns(ctx.header);
    const missing: string[] = [];
    if (c.date < 0) missing.push('Date');
    if (c.type < 0) missing.push('Type');
    if (c.gross < 0 && c.amount < 0) missing.push('Gross');
    if (missing.length) return { missing };
    return optionsProblem(ctx) ?? openPayPalRows(ctx, { cols: c, typeCol: c.type });
  },
};
