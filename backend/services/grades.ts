import { gradeOf, yearWindowStart, type Grade } from '../../shared/grading';
import type { Reader, Writer } from '../db/handles';

interface GradeRow {
  id: string;
  grade: number;
  maintained_at: string | null;
  selections: number;
  has_usage: number;
}

// Joins against pre-aggregated selections and usage: one pass over each table instead of two correlated
// subqueries per customer (which made start-up slow at 50k customers).
const GRADE_INPUTS = `
  WITH sel AS (SELECT customer_id, COUNT(*) AS n FROM selection_events WHERE at >= $since GROUP BY customer_id),
       used AS (SELECT DISTINCT customer_id FROM usage_facts)
  SELECT c.id, c.grade, c.maintained_at, IFNULL(sel.n, 0) AS selections, used.customer_id IS NOT NULL AS has_usage
  FROM customers c LEFT JOIN sel ON sel.customer_id = c.id LEFT JOIN used ON used.customer_id = c.id
  WHERE c.deleted_at IS NULL`;

// For one customer (after an edit) the indexed correlated form is the cheap one.
const GRADE_INPUTS_ONE = `
  SELECT c.id, c.grade, c.maintained_at,
         (SELECT COUNT(*) FROM selection_events s WHERE s.customer_id = c.id AND s.at >= $since) AS selections,
         EXISTS (SELECT 1 FROM usage_facts u WHERE u.customer_id = c.id) AS has_usage
  FROM customers c WHERE c.deleted_at IS NULL AND c.id = $id`;

function computeAll(r: Reader, now: Date, onlyId?: string): { id: string; old: number; grade: Grade }[] {
  const since = yearWindowStart(now).toISOString();
  const rows = onlyId ? r.all<GradeRow>(GRADE_INPUTS_ONE, { $since: since, $id: onlyId }) : r.all<GradeRow>(GRADE_INPUTS, { $since: since });
  return rows.map((x) => ({
    id: x.id,
    old: Number(x.grade),
    grade: gradeOf({ maintainedAt: x.maintained_at, selectionsWithinYear: Number(x.selections), hasUsage: x.has_usage === 1 }, now),
  }));
}

/**
 * Recomputes every grade; writes only rows whose grade changed, so a daily start-up recompute costs a few
 * log bytes, not the whole table. Returns how many changed.
 */
export function recomputeGrades(w: Writer, now: Date, onlyId?: string): number {
  const at = now.toISOString();
  let changed = 0;
  for (const g of computeAll(w, now, onlyId)) {
    if (g.grade === g.old) continue;
    w.run('UPDATE customers SET grade = ?, grade_at = ? WHERE id = ?', [g.grade, at, g.id]);
    changed++;
  }
  return changed;
}

export function gradeDistribution(r: Reader): Record<Grade, number> {
  const out: Record<Grade, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const row of r.all<{ grade: number; n: number }>('SELECT grade, COUNT(*) AS n FROM customers WHERE deleted_at IS NULL GROUP BY grade')) {
    out[row.grade as Grade] = Number(row.n);
  }
  return out;
}
