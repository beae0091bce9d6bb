/**
 * The yearly collection plan: which library is built in which quarters, with a target count; progress is the
 * library's count now. And the summary the maintenance dashboard shows: queue size and age, plan progress.
 */
import { AppError } from '../../shared/errors';
import { CANDIDATE_MIN_SCORE, DEFAULT_PLAN, type PlanItem, type Quarter, type UsageSummary } from '../../shared/usage';
import type { Reader, Writer } from '../db/handles';
import { audit } from '../auth/audit';
import type { CallContext } from '../services/context';
import { quarterOf } from '../services/maintenance';
import { groupLibraryId, planId } from './keys';
import { libraryCounts } from './libraries';

interface PlanDbRow {
  id: string;
  year: number;
  library_id: string;
  library_name: string;
  start_quarter: number;
  end_quarter: number;
  target: number;
  kind: 'line' | 'group';
  rule: string;
  builtin: number;
}

function stateOf(year: number, start: number, end: number, count: number, target: number, now: Date): PlanItem['state'] {
  if (count >= target) return 'done';
  const y = now.getFullYear();
  const q = quarterOf(now);
  if (year < y || (year === y && q > end)) return 'late';
  if (year === y && q >= start) return 'active';
  return 'upcoming';
}

export function listPlan(r: Reader, year: number, now: Date): PlanItem[] {
  const rows = r.all<PlanDbRow>(
    `SELECT p.id, p.year, p.library_id, l.name AS library_name, p.start_quarter, p.end_quarter, p.target, l.kind, l.rule, l.builtin
     FROM collection_plans p JOIN customer_libraries l ON l.id = p.library_id
     WHERE p.year = ? AND p.deleted_at IS NULL AND l.deleted_at IS NULL ORDER BY p.start_quarter, p.end_quarter, l.sort, l.name`,
    [year],
  );
  const counts = libraryCounts(
    r,
    rows.map((p) => ({ id: p.library_id, kind: p.kind, name: p.library_name, rule: p.rule, builtin: p.builtin })),
    now,
  );
  return rows.map((p) => {
    const count = counts.get(p.library_id) ?? 0;
    const target = Number(p.target);
    return {
      id: p.id,
      year: Number(p.year),
      libraryId: p.library_id,
      libraryName: p.library_name,
      startQuarter: Number(p.start_quarter) as Quarter,
      endQuarter: Number(p.end_quarter) as Quarter,
      target,
      count,
      state: stateOf(Number(p.year), Number(p.start_quarter), Number(p.end_quarter), count, target, now),
    };
  });
}

export interface PlanInput {
  libraryId: string;
  startQuarter: Quarter;
  endQuarter: Quarter;
  target: number;
}

/** Replaces the year's plan: listed libraries are added or changed, the others leave the plan. */
export function savePlan(w: Writer, ctx: CallContext, year: number, items: readonly PlanInput[]): PlanItem[] {
  const at = ctx.now.toISOString();
  const seen = new Set<string>();
  for (const it of items) {
    const name = w.value<string>('SELECT name FROM customer_libraries WHERE id = ? AND deleted_at IS NULL', [it.libraryId]);
    if (!name) throw new AppError('NOT_FOUND', '计划中的某个客户库不存在或已被删除，请刷新后重试');
    if (seen.has(it.libraryId)) throw new AppError('VALIDATION', `客户库“${name}”在计划中出现了两次`);
    if (it.startQuarter > it.endQuarter) throw new AppError('VALIDATION', `客户库“${name}”的开始季度晚于结束季度`);
    seen.add(it.libraryId);
    w.run(
      `INSERT INTO collection_plans (id, year, library_id, start_quarter, end_quarter, target, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET start_quarter = excluded.start_quarter, end_quarter = excluded.end_quarter, target = excluded.target,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = NULL
       WHERE start_quarter IS NOT excluded.start_quarter OR end_quarter IS NOT excluded.end_quarter OR target IS NOT excluded.target OR deleted_at IS NOT NULL`,
      [planId(year, it.libraryId), year, it.libraryId, it.startQuarter, it.endQuarter, it.target, at, at, ctx.actor],
    );
  }
  for (const old of w.all<{ id: string; library_id: string }>('SELECT id, library_id FROM collection_plans WHERE year = ? AND deleted_at IS NULL', [year])) {
    if (!seen.has(old.library_id))
      w.run('UPDATE collection_plans SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?', [at, at, ctx.actor, old.id]);
  }
  audit(w, ctx, 'usage.planSave', 'collection_plan', [], { year, items });
  return listPlan(w, year, ctx.now);
}

/** The seeds' plan for a year (quarters 1–2 officials, medical staff, teachers, graduates; 3 seniors, car owners; 4 migrant workers, entrepreneurs). */
export function defaultPlan(w: Writer, ctx: CallContext, year: number, target: number): PlanItem[] {
  if (w.value('SELECT 1 FROM collection_plans WHERE year = ? AND deleted_at IS NULL', [year]))
    throw new AppError('CONFLICT', `${year} 年已有采集计划，请直接修改`);
  const items = DEFAULT_PLAN.map((p) => ({ libraryId: groupLibraryId(p.group), startQuarter: p.startQuarter, endQuarter: p.endQuarter, target }));
  return savePlan(w, ctx, year, items);
}

export function usageSummary(r: Reader, now: Date): UsageSummary {
  const q = r.get<{ pending: number; ambiguous: number; oldest: string | null }>(
    "SELECT COUNT(*) AS pending, SUM(best_score >= ?) AS ambiguous, MIN(created_at) AS oldest FROM usage_queue WHERE status = 'pending'",
    [CANDIDATE_MIN_SCORE],
  );
  const pending = Number(q?.pending ?? 0);
  const ambiguous = Number(q?.ambiguous ?? 0);
  const oldestAt = q?.oldest ?? null;
  const byLine = r
    .all<{ line: string; n: number }>("SELECT line, COUNT(*) AS n FROM usage_queue WHERE status = 'pending' GROUP BY line ORDER BY n DESC")
    .map((x) => ({ line: x.line, pending: Number(x.n) }));
  const year = now.getFullYear();
  const quarter = quarterOf(now);
  const items = listPlan(r, year, now);
  const due = items.filter((i) => i.startQuarter <= quarter);
  return {
    queue: {
      pending,
      ambiguous,
      unmatched: pending - ambiguous,
      oldestAt,
      oldestDays: oldestAt ? Math.floor((now.getTime() - new Date(oldestAt).getTime()) / 86_400_000) : null,
      byLine,
    },
    plan: { year, quarter, items, dueNow: due.length, dueDone: due.filter((i) => i.state === 'done').length },
  };
}
