/**
 * Figures in words for the page (en-US): money in major units with its currency,
 * hourly rates, hours, shares and ratios. The figures themselves come from the report
 * as numbers; these only present them. Null shows as an em dash.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

export const BLANK = '—';

/** @example formatMoney(8400, 'USD') // '$8,400.00' */
export function formatMoney(value: number | null, currency: string): string {
  return value === null ? BLANK : moneyFormat(currency, false).format(value);
}

/** Whole units, for chart axes. @example formatMoneyShort(8400.5, 'USD') // '$8,401' */
export function formatMoneyShort(value: number, currency: string): string {
  return moneyFormat(currency, true).format(value);
}

/** @example formatRate(110.76, 'USD') // '$110.76/h' */
export function formatRate(value: number | null, currency: string): string {
  return value === null ? BLANK : `${formatMoney(value, currency)}/h`;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** @example formatNumber(1036.25) // '1,036.25' */
export function formatNumber(value: number | null): string {
  return value === null ? BLANK : numberFormat.format(value);
}

/** @example formatHours(12.5) // '12.5 h' */
export function formatHours(value: number | null): string {
  return value === null ? BLANK : `${numberFormat.format(value)} h`;
}

/** A share (0.125) as a percentage. @example formatPercent(0.125) // '12.5%' */
export function formatPercent(value: number | null, places = 1): string {
  if (value === null) return BLANK;
  return `${(value * 100).toLocaleString('en-US', { maximumFractionDigits: places })}%`;
}

/** @example formatRatio(1.6330) // '1.63×' */
export function formatRatio(value: number | null): string {
  return value === null ? BLANK : `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`;
}

const dateFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** An ISO date as words. @example formatDate('2025-06-30') // 'Jun 30, 2025' */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

const monthFormat = new Intl.DateTimeFormat('en-US', {
  year: '2-digit',
  month: 'short',
  timeZone: 'UTC',
});

/** @example formatMonth('2025-06') // 'Jun 25' */
export function formatMonth(yearMonth: string): string {
  return monthFormat.format(new Date(`${yearMonth}-01T00:00:00Z`));
}
