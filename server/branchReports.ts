/**
 * The branch reports of issue 7, across branches. Each branch's rows are loaded into a throw-away sql.js
 * database with the branch schema and the very report code the branch runs is applied to it, so a figure
 * at the hub is the figure the branch sees. Branches are done one after another (memory stays that of one
 * branch). A summary adds one row per branch — each branch's totals — and a city total.
 */
import { REPORT_TITLES, type Report, type ReportCell, type ReportName, type ReportTable } from '../shared/domain';
import { makeReader, StatementCache } from '../backend/db/handles';
import { quoteIdent } from '../backend/db/tables';
import { migrate } from '../backend/db/migrate';
import { MIGRATIONS } from '../backend/db/migrations/index';
import { loadSqlJs } from '../backend/db/sqlite';
import { buildReport } from '../backend/reports/buildReport';
import type { Period } from '../backend/reports/campaignReports';
import type { HubDb } from './db';

const q = quoteIdent;

async function branchReport(db: HubDb, branch: { id: string; name: string }, names: readonly ReportName[], period: Period, now: Date): Promise<Report[]> {
  const SQL = await loadSqlJs();
  const image = new SQL.Database();
  try {
    migrate(image, MIGRATIONS, () => now);
    image.exec('PRAGMA foreign_keys = OFF');
    const columns = new Map<string, Set<string>>();
    const rows = await db.query<{ tbl: string; data: Record<string, string | number | null> }>('SELECT tbl, data FROM records WHERE branch_id = $1 AND data IS NOT NULL', [branch.id]);
    image.exec('BEGIN');
    for (const r of rows) {
      if (!columns.has(r.tbl)) {
        const info = image.exec(`PRAGMA table_info(${q(r.tbl)})`)[0];
        columns.set(r.tbl, new Set((info?.values ?? []).map((v) => String(v[1]))));
      }
      const cols = Object.keys(r.data).filter((c) => columns.get(r.tbl)!.has(c));
      if (!cols.length) continue;
      image.run(`INSERT OR REPLACE INTO ${q(r.tbl)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r.data[c] ?? null));
    }
    image.exec('COMMIT');
    const cache = new StatementCache(image);
    const reader = makeReader(cache);
    const reports = names.map((n) => ({ ...buildReport(reader, n, period, now), branchName: branch.name }));
    cache.clear();
    return reports;
  } finally {
    image.close();
  }
}

function summary(name: ReportName, perBranch: { branch: string; report: Report }[], period: Period, now: Date): Report {
  const tables: ReportTable[] = [];
  const first = perBranch[0]?.report.tables ?? [];
  first.forEach((t, i) => {
    if (!t.totals) return;
    const rows: Record<string, ReportCell>[] = perBranch.map(({ branch, report }) => ({ ...(report.tables[i]?.totals ?? {}), __branch: branch }));
    const numeric = t.columns.filter((c) => c.sum);
    // Rates do not add up across branches; the city row sums only what the branch reports sum.
    const totals: Record<string, ReportCell> = { __branch: '全市合计' };
    for (const c of numeric) totals[c.key] = rows.reduce((n, r) => n + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
    tables.push({
      key: `${t.key}-branches`,
      title: `${t.title}（各网点合计）`,
      columns: [{ key: '__branch', title: '网点', type: 'text', width: 16 }, ...t.columns.filter((c) => c.key !== t.columns[0]?.key)],
      rows,
      totals,
    });
  });
  return { name, title: `${REPORT_TITLES[name]}（各网点汇总）`, branchName: '全市', from: period.from, to: period.to, generatedAt: now.toISOString(), tables, notes: [] };
}

export async function crossBranchReports(db: HubDb, names: readonly ReportName[], period: Period, now: Date): Promise<Report[]> {
  const branches = await db.query<{ id: string; name: string }>('SELECT id, name FROM branches WHERE disabled_at IS NULL ORDER BY name');
  const per = new Map<ReportName, { branch: string; report: Report }[]>(names.map((n) => [n, []]));
  for (const b of branches) {
    const reports = await branchReport(db, b, names, period, now);
    reports.forEach((r, i) => per.get(names[i]!)!.push({ branch: b.name, report: r }));
  }
  const out: Report[] = [];
  for (const n of names) {
    const list = per.get(n)!;
    out.push(summary(n, list, period, now));
    for (const { report } of list) out.push(report);
  }
  return out;
}
