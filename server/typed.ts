/**
 * Branch data stored typed at the hub: one PostgreSQL table per synced branch table (`b_customers`, `b_visits`
 * …), its columns typed as the branch declares them (shared/branchSchema.ts), keyed by (branch_id, row id) and
 * hash-partitioned by branch, so a province can spread branches over partitions (or Citus shards with
 * branch_id as the distribution column). `records` keeps what sync needs (field clocks, sequence); these tables
 * hold the current values the city reports read, written in the same transaction as each push.
 */
import { BRANCH_SCHEMA } from '../shared/branchSchema';
import { OUTCOMES, type Outcome } from '../shared/campaign';
import type { ColumnDef } from '../shared/branchSchemaTypes';
import { changeProblem } from '../shared/rowCheck';
import type { SyncValue } from '../shared/syncProtocol';
import type { Queryable } from './db';

export const PARTITIONS = 8;

/** Only names from the generated schema reach SQL text, and they are checked to be plain identifiers. */
const ident = (name: string): string => {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`非法的表名或字段名：${name}`);
  return `"${name}"`;
};
export const typedTable = (tbl: string): string => ident(`b_${tbl}`);

const PG_TYPE: Record<ColumnDef['type'], string> = { TEXT: 'text', INTEGER: 'bigint', REAL: 'double precision' };

/**
 * Creates the typed tables a new hub lacks and the columns a newer branch schema added; a table created here
 * is filled from `records` (rows that do not fit the schema are left out and counted). Idempotent; runs under
 * the hub's migration lock.
 */
export async function ensureTypedTables(q: Queryable): Promise<{ created: string[]; skipped: number }> {
  const created: string[] = [];
  let skipped = 0;
  for (const [tbl, def] of Object.entries(BRANCH_SCHEMA.tables)) {
    const name = `b_${tbl}`;
    const have = new Set(
      (
        await q.query<{ column_name: string }>('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [
          name,
        ])
      ).map((r) => r.column_name),
    );
    if (!have.size) {
      const cols = def.columns.map((c) => `${ident(c.name)} ${PG_TYPE[c.type]}`).join(', ');
      await q.query(
        `CREATE TABLE ${typedTable(tbl)} (branch_id text NOT NULL, ${cols}, PRIMARY KEY (branch_id, ${ident(def.pk)})) PARTITION BY HASH (branch_id)`,
      );
      for (let i = 0; i < PARTITIONS; i++) {
        await q.query(`CREATE TABLE ${ident(`${name}_p${i}`)} PARTITION OF ${typedTable(tbl)} FOR VALUES WITH (MODULUS ${PARTITIONS}, REMAINDER ${i})`);
      }
      skipped += await backfill(q, tbl);
      created.push(name);
      continue;
    }
    for (const c of def.columns) if (!have.has(c.name)) await q.query(`ALTER TABLE ${typedTable(tbl)} ADD COLUMN ${ident(c.name)} ${PG_TYPE[c.type]}`);
  }
  await ensureTargetRollup(q);
  // Every reference is a join of the city reports (targets of a campaign, visits of a target, customers of a
  // village…): indexed per branch, like the branch's own foreign keys.
  for (const [tbl, def] of Object.entries(BRANCH_SCHEMA.tables)) {
    for (const c of def.columns.filter((x) => x.ref)) {
      await q.query(`CREATE INDEX IF NOT EXISTS ${ident(`b_${tbl}_${c.name}`.slice(0, 63))} ON ${typedTable(tbl)} (branch_id, ${ident(c.name)})`);
    }
  }
  return { created, skipped };
}

async function backfill(q: Queryable, tbl: string): Promise<number> {
  let skipped = 0;
  let after = '';
  for (;;) {
    const rows = await q.query<{ branch_id: string; pk: string; data: Record<string, SyncValue> }>(
      `SELECT branch_id, pk, data FROM records WHERE tbl = $1 AND data IS NOT NULL AND (branch_id || chr(1) || pk) > $2 ORDER BY branch_id || chr(1) || pk LIMIT 5000`,
      [tbl, after],
    );
    if (!rows.length) return skipped;
    after = `${rows.at(-1)!.branch_id}\u0001${rows.at(-1)!.pk}`;
    const ok = rows.filter((r) => changeProblem(BRANCH_SCHEMA, tbl, r.pk, r.data, false) === null);
    skipped += rows.length - ok.length;
    await upsert(
      q,
      tbl,
      ok.map((r) => ({ branchId: r.branch_id, data: r.data })),
    );
  }
}

async function upsert(q: Queryable, tbl: string, rows: readonly { branchId: string; data: Record<string, SyncValue> }[]): Promise<void> {
  if (!rows.length) return;
  const def = BRANCH_SCHEMA.tables[tbl]!;
  const set = def.columns.filter((c) => c.name !== def.pk).map((c) => `${ident(c.name)} = excluded.${ident(c.name)}`);
  // jsonb_populate_recordset casts each value to its column's type; a key the row lacks becomes NULL.
  // The branch's columns only: the hub's own (the rollup on targets) keep their defaults on insert.
  const cols = ['branch_id', ...def.columns.map((c) => c.name)].map(ident).join(', ');
  await q.query(
    `INSERT INTO ${typedTable(tbl)} (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::${typedTable(tbl)}, $1::jsonb)
     ON CONFLICT (branch_id, ${ident(def.pk)}) DO ${set.length ? `UPDATE SET ${set.join(', ')}` : 'NOTHING'}`,
    [JSON.stringify(rows.map((r) => ({ ...r.data, branch_id: r.branchId })))],
  );
}

/**
 * Each target's visits rolled up on the target's own row (r_visits, r_contacted …), kept current in the push
 * transaction that brings the target or its visits: the city figures then read targets alone instead of
 * aggregating every visit of the city on each request. A target's rollup is recomputed from its visits (a few
 * rows, indexed), never adjusted, so it cannot drift; the outcome sets are the branch's (shared/campaign.ts).
 */
const ROLLUP_COLUMNS = ['r_visits', 'r_contacted', 'r_interested', 'r_success', 'r_turnover', 'r_revenue'] as const;

async function ensureTargetRollup(q: Queryable): Promise<void> {
  const have = new Set(
    (
      await q.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'b_campaign_targets'",
      )
    ).map((r) => r.column_name),
  );
  if (ROLLUP_COLUMNS.every((c) => have.has(c))) return;
  for (const c of ROLLUP_COLUMNS) await q.query(`ALTER TABLE b_campaign_targets ADD COLUMN IF NOT EXISTS ${c} bigint NOT NULL DEFAULT 0`);
  await q.query(
    `UPDATE b_campaign_targets t SET ${ROLLUP_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')} FROM (${rollupOf('v.branch_id', '')}) s WHERE t.branch_id = s.branch_id AND t.id = s.target_id`,
  );
}

/** One row per target with visits: the rollup columns, from b_visits filtered by `where`. */
function rollupOf(branch: string, where: string): string {
  const contacted = (Object.keys(OUTCOMES) as Outcome[])
    .filter((o) => OUTCOMES[o].contacted)
    .map((o) => `'${o}'`)
    .join(', ');
  return `SELECT ${branch} AS branch_id, v.target_id, count(*) AS r_visits, count(*) FILTER (WHERE v.outcome IN (${contacted})) AS r_contacted,
            count(*) FILTER (WHERE v.outcome = 'interested') AS r_interested, count(*) FILTER (WHERE v.outcome = 'success') AS r_success,
            coalesce(sum(v.turnover), 0) AS r_turnover, coalesce(sum(v.revenue), 0) AS r_revenue
          FROM b_visits v ${where} GROUP BY ${branch === 'v.branch_id' ? 'v.branch_id, ' : ''}v.target_id`;
}

/** Recomputes the rollup of these targets of one branch (zero for a target whose visits are all gone). */
async function refreshRollup(q: Queryable, branchId: string, targets: ReadonlySet<string>): Promise<void> {
  const ids = [...targets];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    await q.query(
      `UPDATE b_campaign_targets t SET ${ROLLUP_COLUMNS.map((c) => `${c} = coalesce(s.${c}, 0)`).join(', ')}
       FROM unnest($2::text[]) AS x(id) LEFT JOIN (${rollupOf('$1::text', 'WHERE v.branch_id = $1 AND v.target_id = ANY($2::text[])')}) s ON s.target_id = x.id
       WHERE t.branch_id = $1 AND t.id = x.id`,
      [branchId, chunk],
    );
  }
}

/** The current values of rows a push (or a hub campaign) changed: upserted, or removed for tombstones. */
export async function saveTyped(
  q: Queryable,
  branchId: string,
  rows: readonly { tbl: string; pk: string; data: Record<string, SyncValue> | null }[],
): Promise<void> {
  const byTable = new Map<string, { live: Record<string, SyncValue>[]; gone: string[] }>();
  for (const r of rows) {
    if (!(r.tbl in BRANCH_SCHEMA.tables)) continue;
    const t = byTable.get(r.tbl) ?? { live: [], gone: [] };
    if (r.data) t.live.push(r.data);
    else t.gone.push(r.pk);
    byTable.set(r.tbl, t);
  }
  // Targets whose rollup this save changes: new or changed targets (an upsert writes zeros over a new row's
  // rollup) and the targets of visits added, changed or removed.
  const touched = new Set<string>();
  for (const d of byTable.get('campaign_targets')?.live ?? []) touched.add(String(d['id']));
  for (const d of byTable.get('visits')?.live ?? []) if (typeof d['target_id'] === 'string') touched.add(d['target_id']);
  const goneVisits = byTable.get('visits')?.gone ?? [];
  if (goneVisits.length) {
    const rows = await q.query<{ target_id: string | null }>('SELECT target_id FROM b_visits WHERE branch_id = $1 AND id = ANY($2::text[])', [
      branchId,
      goneVisits,
    ]);
    for (const r of rows) if (r.target_id) touched.add(r.target_id);
  }
  for (const [tbl, t] of byTable) {
    for (let i = 0; i < t.live.length; i += 1000)
      await upsert(
        q,
        tbl,
        t.live.slice(i, i + 1000).map((data) => ({ branchId, data })),
      );
    if (t.gone.length) {
      const pk = ident(BRANCH_SCHEMA.tables[tbl]!.pk);
      await q.query(`DELETE FROM ${typedTable(tbl)} WHERE branch_id = $1 AND ${pk} IN (SELECT jsonb_array_elements_text($2::jsonb))`, [
        branchId,
        JSON.stringify(t.gone),
      ]);
    }
  }
  if (touched.size) await refreshRollup(q, branchId, touched);
}
