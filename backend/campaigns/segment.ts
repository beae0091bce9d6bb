/**
 * Target selection (数据筛选): a segment filter compiled to SQL over customers, parameters only — no value
 * is ever spliced into the text. Customers without marketing consent are never selectable; the count says
 * how many the filter matched but consent excluded.
 */
import type { SegmentFilter } from '../../shared/campaign';
import type { SegmentCount } from '../../shared/domain';
import type { SqlValue } from 'sql.js';
import type { Reader } from '../db/handles';
import { placeholders, where } from '../db/where';

export interface CompiledSegment {
  where: string;
  params: SqlValue[];
}

const FACTS = 'usage_facts u INDEXED BY usage_facts_customer';
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const yearsBefore = (now: Date, years: number) => new Date(now.getFullYear() - years, now.getMonth(), now.getDate());

export function compileSegment(f: SegmentFilter, now: Date): CompiledSegment {
  const w = where('c.deleted_at IS NULL')
    .in('c.village_id', f.villageIds)
    .in('c.household_type', f.householdTypes)
    .in('c.grade', f.grades)
    .in('c.income_band', f.incomeBands);
  if (f.tags?.length) w.raw(`EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value IN (${placeholders(f.tags.length)}))`, ...f.tags);
  w.eq('c.sex', f.sex).eq('c.kind', f.kind);
  // Age on today's date from the ID number's birth date: older than ageMin, younger than ageMax + 1.
  if (f.ageMin !== undefined) w.cmp('c.birth_date', '<=', ymd(yearsBefore(now, f.ageMin)));
  if (f.ageMax !== undefined) w.cmp('c.birth_date', '>', ymd(yearsBefore(now, f.ageMax + 1)));
  if (f.hasPhone !== undefined) w.raw(f.hasPhone ? "(c.phone IS NOT NULL AND IFNULL(c.phone_flag, '') = '')" : '(c.phone IS NULL OR c.phone_flag IS NOT NULL)');
  // Usage subqueries go through the per-customer index: left to itself SQLite may pick the (line, date) index
  // and rescan every fact of a line for each customer, which is quadratic at 50k customers.
  for (const u of f.usage ?? []) {
    w.raw(
      `${u.has ? '' : 'NOT '}EXISTS (SELECT 1 FROM ${FACTS} WHERE u.customer_id = c.id AND u.line = ?${u.product ? ' AND u.product = ?' : ''})`,
      u.line,
      ...(u.product ? [u.product] : []),
    );
  }
  if (f.winBack) {
    const cutoff = new Date(now.getFullYear(), now.getMonth() - f.winBack.months, now.getDate());
    // Used the line (MAX is NULL otherwise, and NULL < x is not true), last use before the cutoff; a fact with
    // no date counts as old.
    w.raw(`(SELECT MAX(IFNULL(u.last_date, '0000')) FROM ${FACTS} WHERE u.customer_id = c.id AND u.line = ?) < ?`, f.winBack.line, ymd(cutoff));
  }
  if (f.crossSell) {
    w.raw(
      `EXISTS (SELECT 1 FROM ${FACTS} WHERE u.customer_id = c.id AND u.line = ?) AND NOT EXISTS (SELECT 1 FROM ${FACTS} WHERE u.customer_id = c.id AND u.line = ?)`,
      f.crossSell.uses,
      f.crossSell.notUses,
    );
  }
  if (f.lastOutcomes?.length)
    w.raw(
      // A customer's latest visit may be in a campaign moved to the yearly archive, which leaves it here in brief.
      `(SELECT outcome FROM (SELECT v.outcome, v.visited_at FROM visits v WHERE v.customer_id = c.id
          UNION ALL SELECT a.outcome, a.visited_at FROM archived_last_visits a WHERE a.id = c.id) ORDER BY visited_at DESC LIMIT 1) IN (${placeholders(f.lastOutcomes.length)})`,
      ...f.lastOutcomes,
    );
  return { where: w.conditions, params: w.params };
}

export function countSegment(r: Reader, f: SegmentFilter, now: Date): SegmentCount {
  const { where, params } = compileSegment(f, now);
  const row = r.get<{ matched: number; consented: number; g1: number; g2: number; g3: number; g4: number }>(
    `SELECT COUNT(*) AS matched, SUM(c.consent) AS consented,
            SUM(c.consent = 1 AND c.grade = 1) AS g1, SUM(c.consent = 1 AND c.grade = 2) AS g2,
            SUM(c.consent = 1 AND c.grade = 3) AS g3, SUM(c.consent = 1 AND c.grade = 4) AS g4
     FROM customers c WHERE ${where}`,
    params,
  )!;
  const matched = Number(row.matched);
  const selectable = Number(row.consented ?? 0);
  return {
    matched,
    selectable,
    excluded: [{ reason: '未授权营销', count: matched - selectable }].filter((e) => e.count > 0),
    byGrade: { 1: Number(row.g1 ?? 0), 2: Number(row.g2 ?? 0), 3: Number(row.g3 ?? 0), 4: Number(row.g4 ?? 0) },
  };
}

/** Selectable customers (consented), 一等 first, then by village and address as carriers walk them. */
export function selectSegment(r: Reader, f: SegmentFilter, now: Date, limit?: number): { id: string; village_id: string | null }[] {
  const { where, params } = compileSegment(f, now);
  return r.all<{ id: string; village_id: string | null }>(
    `SELECT c.id, c.village_id FROM customers c WHERE ${where} AND c.consent = 1
     ORDER BY c.grade, c.village_id, c.address, c.id ${limit ? 'LIMIT ?' : ''}`,
    limit ? [...params, limit] : params,
  );
}
