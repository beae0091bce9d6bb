/**
 * Monthly verification sample (核查): about 8% of villages/units a month get a full check. The sample is
 * drawn at random among the villages verified longest ago (never-verified first), so over a year every
 * village comes round; drawing twice in one month returns the month's existing sample.
 */
import type { VerificationMonth } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from './context';
import { newId } from './ids';

export const VERIFICATION_SHARE = 0.08;

export const monthOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;

export function verificationMonth(r: Reader, now: Date): VerificationMonth {
  const month = monthOf(now);
  // Villages the branch does not serve are not checked and do not raise the sample size.
  const villages = Number(r.value('SELECT COUNT(*) FROM villages WHERE deleted_at IS NULL AND not_served_at IS NULL') ?? 0);
  const items = r
    .all<{
      id: string;
      village_id: string;
      village_name: string;
      customers: number;
      drawn_at: string;
      done_at: string | null;
      done_by: string | null;
      note: string | null;
    }>(
      `SELECT s.id, s.village_id, v.name AS village_name, s.drawn_at, s.done_at, s.done_by, s.note,
              (SELECT COUNT(*) FROM customers c WHERE c.village_id = v.id AND c.deleted_at IS NULL) AS customers
       FROM verification_samples s JOIN villages v ON v.id = s.village_id WHERE s.month = ? ORDER BY v.name`,
      [month],
    )
    .map((x) => ({
      id: x.id,
      villageId: x.village_id,
      villageName: x.village_name,
      customers: Number(x.customers),
      drawnAt: x.drawn_at,
      doneAt: x.done_at,
      doneBy: x.done_by,
      note: x.note,
    }));
  return { month, targetCount: villages ? Math.max(1, Math.round(villages * VERIFICATION_SHARE)) : 0, items };
}

export function drawVerificationSample(w: Writer, ctx: CallContext, random: () => number = Math.random): VerificationMonth {
  const current = verificationMonth(w, ctx.now);
  if (current.items.length > 0) return current;
  if (current.targetCount === 0) throw new AppError('VALIDATION', '还没有行政村，无法抽取核查样本');
  const candidates = w
    .all<{ id: string; last: string | null }>(
      `SELECT v.id, (SELECT MAX(s.month) FROM verification_samples s WHERE s.village_id = v.id) AS last
       FROM villages v WHERE v.deleted_at IS NULL AND v.not_served_at IS NULL`,
    )
    .map((c) => ({ ...c, r: random() }))
    // Longest since the last check first; ties (e.g. never checked) broken at random.
    .sort((a, b) => (a.last ?? '').localeCompare(b.last ?? '') || a.r - b.r);
  const at = ctx.now.toISOString();
  for (const c of candidates.slice(0, current.targetCount)) {
    w.run('INSERT INTO verification_samples (id, month, village_id, drawn_at, drawn_by) VALUES (?, ?, ?, ?, ?)', [newId(), current.month, c.id, at, ctx.actor]);
  }
  return verificationMonth(w, ctx.now);
}

export function completeVerification(w: Writer, ctx: CallContext, id: string, note: string | null): VerificationMonth {
  const n = w.run('UPDATE verification_samples SET done_at = ?, done_by = ?, note = ? WHERE id = ? AND done_at IS NULL', [
    ctx.now.toISOString(),
    ctx.actor,
    note,
    id,
  ]);
  if (!n) throw new AppError('NOT_FOUND', '该核查任务不存在或已完成');
  return verificationMonth(w, ctx.now);
}
