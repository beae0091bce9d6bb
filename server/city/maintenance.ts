/**
 * Data maintenance per branch (数据维护), in PostgreSQL over the typed branch tables, with the branch's own
 * definitions (shared/kpi.ts, backend/services/maintenance.ts): villages under 100 customers, villages whose
 * customers were 80% maintained within the last year, attribute richness against 20%, the year's maintained
 * records against the quarter's plan, grades, and the subsidy paid only where the plan was met.
 */
import type { CityMaintenance, MaintenanceRow } from '../../shared/city';
import {
  MAINTAINED_SHARE_TARGET,
  maintenancePlan,
  MIN_CUSTOMERS_PER_VILLAGE,
  richnessSql,
  SUBSIDY_PER_RECORD_FEN,
  yearStart,
  yearWindowStart,
} from '../../shared/kpi';
import type { Queryable } from '../db';

const RICHNESS = richnessSql('b_usage_facts', ' AND u.branch_id = c.branch_id');

export async function cityMaintenance(q: Queryable, year: number, now: Date): Promise<CityMaintenance> {
  // A past year is judged as it stood at its last day; the current one as it stands now.
  const asOf = year < now.getFullYear() ? new Date(year, 11, 31, 23, 59, 59) : now;
  const since = yearWindowStart(asOf).toISOString();
  const begins = yearStart(asOf).toISOString();
  const rows = await q.query<Record<string, unknown>>(
    `WITH v AS (
       SELECT v.branch_id, v.id, count(c.id) AS customers,
              sum(CASE WHEN c.maintained_at >= $1 THEN 1 ELSE 0 END) AS maintained,
              avg((${RICHNESS})::float8) AS richness
       FROM b_villages v LEFT JOIN b_customers c ON c.branch_id = v.branch_id AND c.village_id = v.id AND c.deleted_at IS NULL
       WHERE v.deleted_at IS NULL AND v.not_served_at IS NULL GROUP BY v.branch_id, v.id
     ), per AS (
       SELECT branch_id, count(*) AS villages, sum(customers) AS customers,
              count(*) FILTER (WHERE customers < $3) AS under,
              count(*) FILTER (WHERE customers > 0 AND maintained::float8 / customers >= $4) AS maintained_ok,
              sum(coalesce(richness, 0) * customers) AS rich
       FROM v GROUP BY branch_id
     ), g AS (
       SELECT branch_id, count(*) FILTER (WHERE grade = 1) AS g1, count(*) FILTER (WHERE grade = 2) AS g2,
              count(*) FILTER (WHERE grade = 3) AS g3, count(*) FILTER (WHERE grade = 4) AS g4,
              count(*) FILTER (WHERE maintained_at >= $2) AS this_year
       FROM b_customers WHERE deleted_at IS NULL GROUP BY branch_id
     )
     SELECT b.id, b.name, coalesce(per.villages, 0) AS villages, coalesce(per.customers, 0) AS customers, coalesce(per.under, 0) AS under,
            coalesce(per.maintained_ok, 0) AS maintained_ok, coalesce(per.rich, 0) AS rich,
            coalesce(g.g1, 0) AS g1, coalesce(g.g2, 0) AS g2, coalesce(g.g3, 0) AS g3, coalesce(g.g4, 0) AS g4, coalesce(g.this_year, 0) AS this_year,
            (SELECT s.value FROM b_settings s WHERE s.branch_id = b.id AND s.key = 'maintenance.annualTarget') AS target
     FROM branches b LEFT JOIN per ON per.branch_id = b.id LEFT JOIN g ON g.branch_id = b.id
     WHERE b.disabled_at IS NULL ORDER BY b.name`,
    [since, begins, MIN_CUSTOMERS_PER_VILLAGE, MAINTAINED_SHARE_TARGET],
  );
  const branches: MaintenanceRow[] = rows.map((r) => {
    const customers = Number(r['customers']);
    const villages = Number(r['villages']);
    const maintainedOk = Number(r['maintained_ok']);
    const thisYear = Number(r['this_year']);
    const annualTarget = Number(r['target'] ?? 0) || customers;
    const plan = maintenancePlan(annualTarget, thisYear, asOf);
    const grades: MaintenanceRow['grades'] = [Number(r['g1']), Number(r['g2']), Number(r['g3']), Number(r['g4'])];
    return {
      branchId: String(r['id']),
      branch: String(r['name']),
      customers,
      villages,
      villagesUnder100: Number(r['under']),
      villagesMaintained: maintainedOk,
      maintainedShare: villages ? maintainedOk / villages : 0,
      quarterPlan: plan.planShare,
      quarterReached: plan.achievedShare,
      richness: customers ? Number(r['rich']) / customers : 0,
      grades,
      subsidyFen: plan.onTrack ? (grades[0] + grades[1]) * SUBSIDY_PER_RECORD_FEN : 0,
      subsidyPaid: plan.onTrack,
      subsidyWhyNot: plan.onTrack ? null : `未完成维护计划（本年已维护 ${thisYear} 条，计划 ${plan.planCount} 条），不发放维护补贴`,
    };
  });
  return { year, quarter: maintenancePlan(0, 0, asOf).quarter, branches };
}
