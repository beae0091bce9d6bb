/**
 * One row of 走访录入 while the carrier types it: kept in the page and in sessionStorage so a reload, a failed
 * save or a slip of the mouse loses nothing. The visit id is made once, when the row is first touched, and
 * sent with every attempt: the backend records a visit id once, so a retry can never count twice.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { OUTCOMES, type Outcome } from '../../../../shared/campaign';
import type { OpInput } from '../../../../shared/contract';
import { parseYuan } from '../../components/campaign/money';

dayjs.extend(customParseFormat);

export type DraftField = 'turnover' | 'revenue' | 'followUpDate' | 'note';

export interface VisitDraft {
  visitId: string;
  outcome: Outcome | null;
  /** As typed, in yuan. */
  turnover: string;
  revenue: string;
  /** As typed; normalised to YYYY-MM-DD on save. */
  followUpDate: string;
  note: string;
  status: 'editing' | 'saving' | 'saved' | 'error';
  error?: string;
  /** The field the error is about, to put the caret there. */
  errorField?: DraftField | 'outcome';
  /** The backend already had this visit id (an earlier attempt got through). */
  duplicate?: boolean;
  /** The clerk confirmed once that this 成功 has no 流转额/收入: not asked again. */
  noAmounts?: boolean;
}

export function newDraft(): VisitDraft {
  return { visitId: crypto.randomUUID(), outcome: null, turnover: '', revenue: '', followUpDate: '', note: '', status: 'editing' };
}

export const OUTCOME_BY_KEY: Record<string, Outcome> = Object.fromEntries((Object.keys(OUTCOMES) as Outcome[]).map((o) => [OUTCOMES[o].key, o]));

/** 2026-12-01, 2026/12/1, 20261201, 12-01 or 1201 (the coming one) → 2026-12-01; null when it is not a date. */
export function parseFollowUp(text: string, today = dayjs()): string | null {
  const t = text
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '');
  const formats = ['YYYY-MM-DD', 'YYYY-M-D', 'YYYYMMDD'];
  for (const f of formats) {
    const d = dayjs(t, f, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  for (const f of ['MM-DD', 'M-D', 'MMDD']) {
    const d = dayjs(`${today.year()}-${t}`, `YYYY-${f}`, true);
    // Typed in late December, 0105 means the coming January.
    if (d.isValid()) return (d.isBefore(today.subtract(1, 'month')) ? d.add(1, 'year') : d).format('YYYY-MM-DD');
  }
  return null;
}

/** A 成功 row still missing 流转额 or 收入 that nobody has confirmed as having none. */
export function lacksAmounts(d: VisitDraft | undefined): boolean {
  return !!d && d.outcome === 'success' && d.status !== 'saved' && !d.noAmounts && (!d.turnover.trim() || !d.revenue.trim());
}

type VisitInput = OpInput<'visits.record'>;
export type Checked = { ok: true; input: VisitInput } | { ok: false; message: string; field: DraftField | 'outcome' };

/** What the row would send, or the first thing wrong with it, in Chinese. */
export function checkDraft(targetId: string, d: VisitDraft): Checked {
  if (!d.outcome) return { ok: false, message: '请先按 1–6 选择走访结果', field: 'outcome' };
  let turnover = 0;
  let revenue = 0;
  if (d.outcome === 'success') {
    const t = parseYuan(d.turnover, '流转额');
    if (!t.ok) return { ok: false, message: t.message, field: 'turnover' };
    const r = parseYuan(d.revenue, '收入');
    if (!r.ok) return { ok: false, message: r.message, field: 'revenue' };
    turnover = t.fen;
    revenue = r.fen;
  }
  let followUpDate: string | null = null;
  if (d.followUpDate.trim()) {
    followUpDate = parseFollowUp(d.followUpDate);
    if (!followUpDate) return { ok: false, message: '跟进日期应为 YYYY-MM-DD，例如 2026-12-01（也可输入 1201）', field: 'followUpDate' };
  }
  return { ok: true, input: { id: d.visitId, targetId, outcome: d.outcome, turnover, revenue, followUpDate, note: d.note.trim() || null } };
}
