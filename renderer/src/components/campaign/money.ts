/**
 * Money in the contract is integer fen (分); clerks read and type yuan (元). Typed amounts are parsed as text
 * (digits, an optional point and up to two decimals) so 0.1 + 0.2 never turns into 30.000000000000004 fen.
 */
const YUAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/** ¥1,234.50 from 123450 fen; an em dash for nothing. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  return `¥${YUAN.format(fen / 100)}`;
}

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

/** "120", "120.5", "1,200.50", "１２０" (full-width) → fen; empty → 0. */
export function parseYuan(text: string, label: string): YuanParse {
  const t = text.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s¥￥元]/g, '');
  if (t === '') return { ok: true, fen: 0 };
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return { ok: false, message: `${label}应为金额（元），最多两位小数，例如 120.50` };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return { ok: true, fen };
}

/** Yuan from an InputNumber (may carry float noise) to whole fen; null stays null. */
export function yuanToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null;
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : fen / 100;
}
