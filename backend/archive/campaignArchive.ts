/**
 * Moving campaigns that ended over a year ago into their year's archive file (issue 18: keep the working image
 * small). The order makes every crash safe: the rows are first copied into the archive inside SQLite, the file is
 * written, read back and counted; only then are they deleted from the working database, in one logged write that
 * the sync outbox does not see (the hub keeps them). A crash before that delete leaves them in both places, and
 * the next run copies them again over themselves.
 */
import type { ArchiveCandidate, ArchiveOverview, ArchiveRunResult } from '../../shared/archive';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { LocalDatabase } from '../db/localDatabase';
import { quoteIdent, tableShape } from '../db/tables';
import { audit } from '../auth/audit';
import type { CallContext } from '../services/context';

/** The day a year before `now`, as the dates campaigns carry (YYYY-MM-DD). */
export function archiveCutoff(now: Date): string {
  const d = new Date(now);
  d.setFullYear(d.getFullYear() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Campaigns whose end date is over a year ago and that nobody has entered a visit for within the year (a late
 * entry means the campaign is still being worked), not yet archived, with something to move — and archived ones
 * whose rows came back (pulled from the hub after another PC of the branch changed them), to join the rest.
 */
export function archiveCandidates(r: Reader, now: Date): ArchiveCandidate[] {
  const cutoff = archiveCutoff(now);
  return r
    .all<{ id: string; name: string; end_date: string; year: number | null; targets: number; visits: number; last_entry: string | null }>(
      `SELECT c.id, c.name, c.end_date, a.year,
              (SELECT COUNT(*) FROM campaign_targets t WHERE t.campaign_id = c.id) AS targets,
              (SELECT COUNT(*) FROM visits v WHERE v.campaign_id = c.id) AS visits,
              (SELECT MAX(entered_at) FROM visits v WHERE v.campaign_id = c.id) AS last_entry
       FROM campaigns c LEFT JOIN campaign_archives a ON a.id = c.id
       WHERE c.deleted_at IS NULL AND (a.id IS NOT NULL OR (c.end_date IS NOT NULL AND c.end_date < ?))
       ORDER BY c.end_date, c.name`,
      [cutoff],
    )
    .filter((c) => (c.targets > 0 || c.visits > 0) && (c.year !== null || c.last_entry === null || c.last_entry.slice(0, 10) < cutoff))
    .map((c) => ({
      id: c.id,
      name: c.name,
      endDate: c.end_date,
      year: c.year === null ? Number(c.end_date.slice(0, 4)) : Number(c.year),
      targets: Number(c.targets),
      visits: Number(c.visits),
    }));
}

const IN_IDS = 'IN (SELECT value FROM json_each($ids))';

/**
 * What each archive gets, in an order that puts parents first. Targets and visits move; the rest is copied. No
 * customer rows: the reports of an archived campaign name nobody, and a customer erased on request (个人信息删除)
 * must not live on in a file that erasure does not reach.
 */
const COPIED: readonly [table: string, where: string][] = [
  ['users', 'true'],
  ['villages', 'true'],
  ['campaigns', `id ${IN_IDS}`],
  ['campaign_stage_events', `campaign_id ${IN_IDS}`],
  ['campaign_variants', `campaign_id ${IN_IDS}`],
  ['campaign_costs', `id ${IN_IDS}`],
  ['letter_templates', `campaign_id ${IN_IDS}`],
  ['mail_pieces', `campaign_id ${IN_IDS}`],
  ['campaign_targets', `campaign_id ${IN_IDS}`],
  ['visits', `campaign_id ${IN_IDS}`],
];

/** Copies rows of `main` into `arc` (same schema), replacing what an earlier, interrupted run left there. */
function copyRows(w: Writer, table: string, where: string, ids: string): void {
  const shape = tableShape(w, table);
  if (!shape) throw new AppError('INTERNAL', `表 ${table} 没有主键，无法归档`);
  const cols = [...shape.columns].map(quoteIdent);
  const set = cols.filter((c) => c !== quoteIdent(shape.pk)).map((c) => `${c} = excluded.${c}`);
  w.run(
    `INSERT INTO arc.${quoteIdent(table)} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM main.${quoteIdent(table)} WHERE ${where}
     ON CONFLICT (${quoteIdent(shape.pk)}) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`,
    { $ids: ids },
  );
}

/** A campaign's rows in one place, with the span of its visits. */
interface Counts {
  targets: number;
  visits: number;
  revenue: number;
  first: string | null;
  last: string | null;
}

function countsOf(r: Reader, schema: 'arc' | '', id: string): Counts {
  const s = schema ? `${schema}.` : '';
  const v = r.get<{ n: number; revenue: number; first: string | null; last: string | null }>(
    `SELECT COUNT(*) AS n, IFNULL(SUM(revenue), 0) AS revenue, MIN(visited_at) AS first, MAX(visited_at) AS last FROM ${s}visits WHERE campaign_id = ?`,
    [id],
  )!;
  const targets = Number(r.value(`SELECT COUNT(*) FROM ${s}campaign_targets WHERE campaign_id = ?`, [id]));
  return { targets, visits: Number(v.n), revenue: Number(v.revenue), first: v.first, last: v.last };
}

const same = (a: Counts, b: Counts) => a.targets === b.targets && a.visits === b.visits && a.revenue === b.revenue;

/** Rows of the campaign here that the attached archive lacks or holds with other values (must be none). */
const MISSING = (table: string) =>
  `SELECT COUNT(*) FROM (SELECT * FROM main.${table} WHERE campaign_id = $id EXCEPT SELECT * FROM arc.${table} WHERE campaign_id = $id)`;

/**
 * Copies one year's campaigns into its file and checks the file as written: every row here is in it as it is
 * here, and the file read back holds what was written. Throws (and nothing moves) if not. Returns each campaign's
 * rows in the file — more than here when earlier rows of it were archived before.
 */
function writeYear(ldb: LocalDatabase, year: number, ids: string[], now: Date): Map<string, Counts> {
  const inFile = new Map<string, Counts>();
  const arc = ldb.archives.forWriting(year, () => now);
  try {
    const json = JSON.stringify(ids);
    ldb.copyInto(arc, (w) => {
      for (const [table, where] of COPIED) copyRows(w, table, where, json);
      // Carriers are named in the reports; their password hashes have no business in an archive.
      w.run("UPDATE arc.users SET password_hash = ''");
      for (const id of ids) {
        if (Number(w.value(MISSING('campaign_targets'), { $id: id })) + Number(w.value(MISSING('visits'), { $id: id })) > 0)
          throw new AppError('INTERNAL', '归档复制后的数据与原数据不符，未归档任何活动');
        inFile.set(id, countsOf(w, 'arc', id));
      }
    });
    ldb.archives.save(year, arc.export());
  } finally {
    arc.close();
  }
  const written = ldb.archives.reader(year);
  try {
    for (const id of ids) {
      if (!same(countsOf(written, '', id), inFile.get(id)!))
        throw new AppError('STORAGE', `${year} 年归档文件写入后读回的数据不符，未归档任何活动；请检查磁盘后重试`);
    }
  } finally {
    // Read back only to check it: the move and VACUUM that follow need the memory more than a report might.
    ldb.archives.close(year);
  }
  return inFile;
}

/** Deletes the moved rows from the working database and records where they went. */
function moveOut(w: Writer, ctx: Pick<CallContext, 'actor' | 'now'>, year: number, inFile: Map<string, Counts>): void {
  for (const [id, c] of inFile) {
    // Each customer's latest archived visit, kept where it is newer than the one already kept.
    w.run(
      `INSERT INTO archived_last_visits (id, visited_at, outcome)
       SELECT customer_id, visited_at, outcome FROM (
         SELECT customer_id, visited_at, outcome, row_number() OVER (PARTITION BY customer_id ORDER BY visited_at DESC) AS n
         FROM visits WHERE campaign_id = ?) WHERE n = 1
       ON CONFLICT (id) DO UPDATE SET visited_at = excluded.visited_at, outcome = excluded.outcome
         WHERE excluded.visited_at > archived_last_visits.visited_at`,
      [id],
    );
    // Targets first: each visit's delete then finds no target for its roll-up to count in the result cells.
    w.run('DELETE FROM campaign_targets WHERE campaign_id = ?', [id]);
    w.run('DELETE FROM visits WHERE campaign_id = ?', [id]);
    w.run(
      `INSERT INTO campaign_archives (id, year, targets, visits, first_visit, last_visit, archived_at, archived_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET targets = excluded.targets, visits = excluded.visits, first_visit = excluded.first_visit,
         last_visit = excluded.last_visit, archived_at = excluded.archived_at, archived_by = excluded.archived_by`,
      [id, year, c.targets, c.visits, c.first, c.last, ctx.now.toISOString(), ctx.actor],
    );
  }
}

/**
 * Archives the given candidates (all of them when `ids` is undefined), year by year, then gives the freed pages
 * back and snapshots. A year that fails leaves the years before it archived and itself untouched.
 */
export async function archiveCampaigns(
  ldb: LocalDatabase,
  ctx: Pick<CallContext, 'actor' | 'role' | 'now'>,
  ids?: readonly string[],
): Promise<ArchiveRunResult> {
  const all = ldb.read((r) => archiveCandidates(r, ctx.now));
  const chosen = ids ? all.filter((c) => ids.includes(c.id)) : all;
  if (ids) {
    const missing = ids.filter((id) => !all.some((c) => c.id === id));
    if (missing.length) throw new AppError('VALIDATION', '所选活动中有未结束满一年、一年内仍有走访录入或已归档的，不能归档；请刷新后重选');
  }
  const imageBefore = ldb.imageBytes;
  const result: ArchiveRunResult = { campaigns: 0, targets: 0, visits: 0, years: [], imageBefore, imageAfter: imageBefore };
  if (chosen.length === 0) return result;
  const years = [...new Set(chosen.map((c) => c.year))].sort((a, b) => a - b);
  for (const year of years) {
    const yearIds = chosen.filter((c) => c.year === year).map((c) => c.id);
    const inFile = writeYear(ldb, year, yearIds, ctx.now);
    // Foreign keys off: deleting a target would have SQLite look for visits of it by target alone, a scan of every
    // visit per target (no index leads with target_id). Its visits go in the same write.
    ldb.write('campaign.archive', (w) => moveOut(w, ctx, year, inFile), { notSynced: true, foreignKeys: false });
    ldb.write('campaign.archive.audit', (w) => audit(w, { ...ctx }, 'campaign.archive', 'campaign', yearIds, { year }));
    result.years.push(year);
    for (const c of chosen.filter((x) => x.year === year)) {
      result.campaigns += 1;
      result.targets += c.targets;
      result.visits += c.visits;
    }
  }
  await ldb.compact();
  result.imageAfter = ldb.imageBytes;
  return result;
}

/** What the 活动归档 screen shows: what could move, what has moved, and which years' files are missing. */
export function archiveOverview(ldb: LocalDatabase, now: Date): ArchiveOverview {
  return ldb.read((r) => {
    const archived = r
      .all<{ id: string; name: string; year: number; targets: number; visits: number; archived_at: string }>(
        'SELECT a.id, c.name, a.year, a.targets, a.visits, a.archived_at FROM campaign_archives a JOIN campaigns c ON c.id = a.id ORDER BY a.year DESC, c.name',
      )
      .map((a) => ({ id: a.id, name: a.name, year: Number(a.year), targets: Number(a.targets), visits: Number(a.visits), archivedAt: a.archived_at }));
    const present = new Set(ldb.archives.years());
    const missingYears = [...new Set(archived.map((a) => a.year))].filter((y) => !present.has(y)).sort((a, b) => a - b);
    return { candidates: archiveCandidates(r, now), archived, missingYears };
  });
}
