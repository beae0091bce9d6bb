/**
 * Maintenance KPIs of docs/domain.md, per village/unit and for the branch: customers against the 100 minimum,
 * share maintained within the year against 80%, attribute richness against 20%, the quarterly plan
 * (30/60/90/100% of the annual target by the end of Q1–Q4) and the monthly ~8% verification sample.
 */
import type { MaintenanceDashboard, VillageKpi } from '../../shared/domain';
import { yearWindowStart } from '../../shared/grading';
import { MAINTAINED_SHARE_TARGET, maintenancePlan, MIN_CUSTOMERS_PER_VILLAGE, RICHNESS_TARGET, richnessSql, yearStart } from '../../shared/kpi';
import type { Reader } from '../db/handles';
import { getSetting, SETTING_MAINTENANCE_TARGET } from './settings';

export { MIN_CUSTOMERS_PER_VILLAGE, MAINTAINED_SHARE_TARGET, RICHNESS_TARGET, QUARTER_PLAN, quarterOf } from '../../shared/kpi';

/** One definition of richness for the branch and the hub (shared/kpi.ts). */
const RICHNESS_SQL = richnessSql('usage_facts');

export function maintenanceDashboard(r: Reader, now: Date): MaintenanceDashboard {
  const since = yearWindowStart(now).toISOString();
  const yearBegins = yearStart(now).toISOString();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const villages: VillageKpi[] = r
    .all<{
      id: string;
      name: string;
      code: string | null;
      kind: string;
      customers: number;
      maintained: number;
      richness: number | null;
      g1: number;
      g2: number;
      g3: number;
      g4: number;
      sample_done: string | null;
      in_sample: number;
    }>(
      `SELECT v.id, v.name, v.code, v.kind,
              COUNT(c.id) AS customers,
              SUM(CASE WHEN c.maintained_at >= $since THEN 1 ELSE 0 END) AS maintained,
              AVG(${RICHNESS_SQL}) AS richness,
              SUM(c.grade = 1) AS g1, SUM(c.grade = 2) AS g2, SUM(c.grade = 3) AS g3, SUM(c.grade = 4) AS g4,
              (SELECT s.done_at FROM verification_samples s WHERE s.village_id = v.id AND s.month = $month) AS sample_done,
              EXISTS (SELECT 1 FROM verification_samples s WHERE s.village_id = v.id AND s.month = $month) AS in_sample
       FROM villages v LEFT JOIN customers c ON c.village_id = v.id AND c.deleted_at IS NULL
       WHERE v.deleted_at IS NULL AND v.not_served_at IS NULL GROUP BY v.id ORDER BY v.name`,
      { $since: since, $month: month },
    )
    .map((x) => {
      const customers = Number(x.customers);
      const maintainedShare = customers ? Number(x.maintained) / customers : 0;
      const richness = Number(x.richness ?? 0);
      return {
        villageId: x.id,
        name: x.name,
        code: x.code,
        customers,
        belowMinimum: customers < MIN_CUSTOMERS_PER_VILLAGE,
        maintainedShare,
        maintainedOk: maintainedShare >= MAINTAINED_SHARE_TARGET,
        richness,
        richnessOk: richness >= RICHNESS_TARGET,
        grades: { 1: Number(x.g1 ?? 0), 2: Number(x.g2 ?? 0), 3: Number(x.g3 ?? 0), 4: Number(x.g4 ?? 0) },
        verification: x.in_sample ? (x.sample_done ? 'done' : 'pending') : 'none',
      };
    });
  const total = villages.reduce((s, v) => s + v.customers, 0);
  const maintainedThisYear = Number(r.value('SELECT COUNT(*) FROM customers WHERE deleted_at IS NULL AND maintained_at >= ?', [yearBegins]) ?? 0);
  const annualTarget = Number(getSetting(r, SETTING_MAINTENANCE_TARGET) ?? 0) || total;
  const plan = maintenancePlan(annualTarget, maintainedThisYear, now);
  const richnessAll = total ? villages.reduce((s, v) => s + v.richness * v.customers, 0) / total : 0;
  return {
    asOf: now.toISOString(),
    villages,
    totals: {
      villages: villages.length,
      customers: total,
      villagesBelowMinimum: villages.filter((v) => v.belowMinimum).length,
      villagesMaintainedOk: villages.filter((v) => v.maintainedOk).length,
      villagesMaintainedShare: villages.length ? villages.filter((v) => v.maintainedOk).length / villages.length : 0,
      villagesNotServed: Number(r.value('SELECT COUNT(*) FROM villages WHERE deleted_at IS NULL AND not_served_at IS NOT NULL') ?? 0),
      richness: richnessAll,
    },
    plan: { annualTarget, maintainedThisYear, ...plan },
    targets: { minCustomers: MIN_CUSTOMERS_PER_VILLAGE, maintainedShare: MAINTAINED_SHARE_TARGET, richness: RICHNESS_TARGET },
  };
}
