/**
 * One extract row → what matching and the facts need. A bad value in a column the match does not depend on
 * (a date, an amount) is reported and left out; a bad ID number or phone is reported and the row is matched
 * on what remains, since the clerk checks it in the queue anyway. Only a row with no name is dropped.
 * The amount becomes a band here and goes no further: no balance is ever stored.
 */
import { amountBand, type ExtractField, type ExtractProblem } from '../../shared/usage';
import { parseIdNumber, toHalfWidth } from '../../shared/idNumber';
import { parsePhone } from '../../shared/phone';
import { cellText, type Cell } from '../excel/readTable';
import { EXTRACT_FIELDS, type ExtractMapping } from './extractHeaders';
import { digest } from './keys';
import type { LineResolver } from './lines';
import { normaliseName } from './normalise';

export interface ExtractRow {
  row: number;
  line: string;
  name: string;
  nameKey: string;
  idNumber: string | null;
  phone: string | null;
  villageText: string | null;
  address: string | null;
  product: string | null;
  firstDate: string | null;
  lastDate: string | null;
  amountBand: string | null;
  /** Digest of the account/policy/waybill number: identifies the row across imports without keeping the number. */
  account: string | null;
}

const ymd = (y: number, m: number, d: number): string | null => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** Dates as the systems export them: a date cell, an Excel serial, 2026-01-05, 2026/1/5, 2026年1月5日, 20260105, 2026-01. */
export function parseDateCell(cell: Cell | undefined): string | null | undefined {
  if (!cell || cell.v === null || cell.v === '') return null;
  if (cell.t === 'd' && typeof cell.v === 'string') return cell.v.slice(0, 10);
  if (typeof cell.v === 'number') {
    if (cell.v > 19_000_000 && cell.v < 22_000_000 && Number.isInteger(cell.v)) return parseDateText(String(cell.v));
    if (cell.v > 1 && cell.v < 110_000) {
      const ms = Date.UTC(1899, 11, 30) + Math.floor(cell.v) * 86_400_000;
      return new Date(ms).toISOString().slice(0, 10);
    }
    return undefined;
  }
  return parseDateText(cellText(cell));
}

function parseDateText(text: string): string | null | undefined {
  const t = toHalfWidth(text);
  if (!t) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3])) ?? undefined;
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t);
  if (m) return ymd(Number(m[1]), Number(m[2]), 1) ?? undefined;
  return undefined;
}

/** 12,345.67 · ¥1000 · 1.2万 → yuan; undefined when it is not an amount. */
export function parseAmount(cell: Cell | undefined): number | null | undefined {
  if (!cell || cell.v === null || cell.v === '') return null;
  if (typeof cell.v === 'number') return cell.v >= 0 ? cell.v : undefined;
  const t = toHalfWidth(cellText(cell)).replace(/[,¥￥元\s]/g, '');
  if (!t) return null;
  const m = /^(\d+(?:\.\d+)?)(万)?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? 10_000 : 1);
}

export interface RowContext {
  mapping: ExtractMapping;
  headers: string[];
  /** The line of every row, or null to read it from the mapped line column. */
  line: string | null;
  lines: LineResolver;
  asOf: string;
  today: Date;
}

export function readExtractRow(cells: Cell[], rowNumber: number, ctx: RowContext): { row: ExtractRow | null; problems: ExtractProblem[] } {
  const problems: ExtractProblem[] = [];
  const col = (f: ExtractField) => ctx.mapping[f];
  const column = (f: ExtractField) => ctx.headers[col(f)!] || EXTRACT_FIELDS[f].label;
  const text = (f: ExtractField) => (col(f) === undefined ? '' : cellText(cells[col(f)!]).trim());
  const problem = (f: ExtractField, message: string) => problems.push({ row: rowNumber, column: column(f), message });

  let idNumber: string | null = null;
  const rawId = text('idNumber');
  const idCell = col('idNumber') === undefined ? undefined : cells[col('idNumber')!];
  if (idCell?.t === 'n' && Math.abs(Number(idCell.v)) >= 1e15) problem('idNumber', '身份证号被 Excel 存成了数字，末几位已丢失，本行按姓名、电话和地址匹配');
  else if (rawId && !rawId.includes('*')) {
    const p = parseIdNumber(rawId, ctx.today);
    if (p.ok) idNumber = p.value;
    else problem('idNumber', `${p.reason}，本行按姓名、电话和地址匹配`);
  }
  const name = text('name');
  if (!name) {
    problem('name', '姓名为空，本行未导入');
    return { row: null, problems };
  }
  let phone: string | null = null;
  const rawPhone = text('phone');
  if (rawPhone && !rawPhone.includes('*')) {
    const p = parsePhone(rawPhone);
    if (p.ok) phone = p.value;
    else problem('phone', `${p.reason}，本行未按电话匹配`);
  }
  let line = ctx.line;
  if (!line) {
    const t = text('line');
    line = t ? ctx.lines.resolve(t) : null;
    if (!line) {
      problem('line', t ? `无法识别业务类别“${t}”，本行未导入（可用：${ctx.lines.names.join('、')}）` : '业务类别为空，本行未导入');
      return { row: null, problems };
    }
  }
  const date = (f: 'firstDate' | 'lastDate'): string | null => {
    if (col(f) === undefined) return null;
    const d = parseDateCell(cells[col(f)!]);
    if (d === undefined) {
      problem(f, `日期“${cellText(cells[col(f)!])}”无法识别，已按数据日期 ${ctx.asOf} 记录`);
      return null;
    }
    return d;
  };
  const first = date('firstDate');
  const last = date('lastDate');
  let band: string | null = null;
  if (col('amount') !== undefined) {
    const a = parseAmount(cells[col('amount')!]);
    if (a === undefined) problem('amount', `金额“${cellText(cells[col('amount')!])}”无法识别，未记录金额档次`);
    else if (a !== null) band = amountBand(a);
  }
  const account = text('account');
  const firstDate = first ?? last ?? ctx.asOf;
  const lastDate = last ?? first ?? ctx.asOf;
  return {
    row: {
      row: rowNumber,
      line,
      name,
      nameKey: normaliseName(name),
      idNumber,
      phone,
      villageText: text('village') || null,
      address: text('address') || null,
      product: text('product') ? toHalfWidth(text('product')) : null,
      firstDate: firstDate <= lastDate ? firstDate : lastDate,
      lastDate: firstDate <= lastDate ? lastDate : firstDate,
      amountBand: band,
      account: account ? digest(`${line}\u0001${toHalfWidth(account)}`) : null,
    },
    problems,
  };
}
