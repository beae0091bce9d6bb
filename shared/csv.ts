/**
 * The one CSV writer of the app (SMS and call lists, the reports' CSV). CSV files are opened in Excel or WPS,
 * which run a cell starting with = + - @ (or a tab or carriage return before them) as a formula: a customer
 * named =HYPERLINK(…) would become a live link, a DDE payload a command. Following OWASP, every text cell
 * that starts so gets a leading ' (the spreadsheet's own "this is text" mark); cells are quoted per RFC 4180.
 *
 * Numbers are decided by type, not by looks: a JS number (-12.5) is written as a number, while text that looks
 * like one ('+8613800000000', '-12.5') is text and is neutralised — a phone must never become a number or a
 * formula. Values already formatted for people (12.50, -3.5%) go through formattedNumber().
 */

/** A number formatted for display (fixed decimals, optional unit). Only ever built from a number. */
export interface FormattedNumber {
  readonly formatted: string;
}

export type CsvValue = string | number | null | undefined | FormattedNumber;

const TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const NUMERIC = /^-?\d+(\.\d+)?%?$/;

export function formattedNumber(n: number, digits: number, suffix: '' | '%' = ''): FormattedNumber {
  return { formatted: Number.isFinite(n) ? `${n.toFixed(digits)}${suffix}` : '' };
}

function textCell(s: string): string {
  const safe = TRIGGER.test(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return textCell(v);
  // toFixed of a huge number gives an exponent; anything but plain digits is treated as text, to be safe.
  return NUMERIC.test(v.formatted) ? v.formatted : textCell(v.formatted);
}

/** A whole file: UTF-8 BOM (Excel then reads the Chinese right), CRLF line ends, a final CRLF. */
export function csvText(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
