/**
 * Maintenance KPIs of DOMAIN.md, per village/unit and for the branch: customers against the 100 minimum,
 * share maintained within the year against 80%, attribute richness against 20%, the quarterly plan
 * (30/60/90/100% of the annual target by the end of Q1–Q4) and the monthly ~8% verification sample.
 */
import type { MaintenanceDashboard, VillageKpi } from '../../shared/domain';
import { yearWindowStart } from '../../shared/grading';
import type { Reader } from '../db/handles';
import { getSetting, SETTING_MAINTENANCE_TARGET } from './settings';

export const MIN_CUSTOMERS_PER_VILLAGE = 100;
export const MAINTAINED_SHARE_TARGET = 0.8;
export const RICHNESS_TARGET = 0.2;
export const QUARTER_PLAN = [0.3, 0.6, 0.9, 1] as const;

/**
 * Attribute richness: the share of these optional attributes a record has filled. The address base is "rich"
 * when its records carry more than name and place.
 */
const RICHNESS_COLUMNS = [
  'c.id_number IS NOT NULL',
  '(c.phone IS NOT NULL OR c.landline IS NOT NULL)',
  'c.household_type IS NOT NULL',
  "c.tags <> '[]'",
  'c.income_band IS NOT NULL',
  'c.interests IS NOT NULL',
  'c.influence IS NOT NULL',
  'EXISTS (SELECT 1 FROM usage_facts u WHERE u.customer_id = c.id)',
];
const RICHNESS_SQL = `(${RICHNESS_COLUMNS.map((c) => `(CASE WHEN ${c} THEN 1 ELSE 0 END)`).join(' + ')}) * 1.0 / ${RICHNESS_COLUMNS.length}`;

export function quarterOf(d: Date): 1 | 2 | 3 | 4 {
  return (Math.floor(d.getMonth() / 3) + 1) as 1 | 2 | 3 | 4;
}

export function maintenanceDashboard(r: Reader, now: Date): MaintenanceDashboard {
  const since = yearWindowStart(now).toISOString();
  const yearStart = new Date(now.getFullYear(), 0, 1).toISOString();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const villages: VillageKpi[] = r
    .all<{ id: string; name: string; code: string | null; kind: string; customers: number; maintained: number; richness: number | null; g1: number; g2: number; g3: number; g4: number; sample_done: string | null; in_sample: number }>(
      `SELECT v.id, v.name, v.code, v.kind,
              COUNT(c.id) AS customers,
              SUM(CASE WHEN c.maintained_at >= $since THEN 1 ELSE 0 END) AS maintained,
              AVG(${RICHNESS_SQL}) AS richness,
              SUM(c.grade = 1) AS g1, SUM(c.grade = 2) AS g2, SUM(c.grade = 3) AS g3, SUM(c.grade = 4) AS g4,
              (SELECT s.done_at FROM verification_samples s WHERE s.village_id = v.id AND s.month = $month) AS sample_done,
              EXISTS (SELECT 1 FROM verification_samples s WHERE s.village_id = v.id AND s.month = $month) AS in_sample
       FROM villages v LEFT JOIN customers c ON c.village_id = v.id AND c.deleted_at IS NULL
       WHERE v.deleted_at IS NULL GROUP BY v.id ORDER BY v.name`,
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
  const maintainedThisYear = Number(r.value('SELECT COUNT(*) FROM customers WHERE deleted_at IS NULL AND maintained_at >= ?', [yearStart]) ?? 0);
  const annualTarget = Number(getSetting(r, SETTING_MAINTENANCE_TARGET) ?? 0) || total;
  const quarter = quarterOf(now);
  const planShare = QUARTER_PLAN[quarter - 1] ?? 1;
  const achievedShare = annualTarget ? maintainedThisYear / annualTarget : 0;
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
      richness: richnessAll,
    },
    plan: { annualTarget, maintainedThisYear, quarter, planShare, planCount: Math.ceil(annualTarget * planShare), achievedShare, onTrack: achievedShare >= planShare },
    targets: { minCustomers: MIN_CUSTOMERS_PER_VILLAGE, maintainedShare: MAINTAINED_SHARE_TARGET, richness: RICHNESS_TARGET },
  };
}
