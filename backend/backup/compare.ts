/**
 * What a restore would lose: every row of the current database compared with the backup's, table by table,
 * by primary key and content. Counting the same rows the restore replaces is what lets the screen promise
 * "N 位客户 … 将丢失" and keep the promise.
 */
import crypto from 'node:crypto';
import type { LossSummary, TableLoss } from '../../shared/backup';
import { LOCAL_ONLY_TABLES } from '../../shared/syncProtocol';
import type { Reader } from '../db/handles';
import { dataTables, quoteIdent, tableShape } from '../db/tables';

const LABELS: Record<string, string> = {
  customers: '客户',
  visits: '走访记录',
  villages: '村/社区',
  campaigns: '营销活动',
  campaign_targets: '活动目标客户',
  users: '账号',
  audit_log: '操作日志',
  maintenance_events: '维护记录',
  consent_events: '授权记录',
  usage_facts: '用邮信息',
  usage_queue: '待核对记录',
  mail_pieces: '商函',
  letter_templates: '商函模板',
  settings: '网点设置',
  campaign_stage_events: '活动阶段记录',
  campaign_variants: '活动方案',
  campaign_costs: '活动成本',
  selection_events: '选取记录',
  segments: '客户分群',
  imports: '导入记录',
  usage_imports: '用邮数据导入',
  usage_lines: '业务类别',
  customer_libraries: '专业库',
  collection_plans: '采集计划',
  verification_samples: '核对抽样',
  town_postal_codes: '乡镇邮编',
  sync_conflicts: '同步冲突',
};

function rowDigests(r: Reader, table: string, pk: string, columns: string[]): Map<string, string> {
  const cols = columns.map(quoteIdent).join(', ');
  const out = new Map<string, string>();
  for (const row of r.all<Record<string, unknown>>(`SELECT ${quoteIdent(pk)} AS __pk, ${cols} FROM ${quoteIdent(table)}`)) {
    const values = columns.map((c) => {
      const v = row[c];
      return v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v;
    });
    out.set(String(row['__pk']), crypto.createHash('sha1').update(JSON.stringify(values)).digest('base64'));
  }
  return out;
}

function compareTable(current: Reader, backup: Reader, table: string, state: crypto.Hash): TableLoss | null {
  const a = tableShape(current, table);
  const b = tableShape(backup, table);
  if (!a) return null;
  const columns = [...a.columns].filter((c) => !b || b.columns.has(c)).sort();
  const now = rowDigests(current, table, a.pk, columns);
  for (const [pk, digest] of now) state.update(`${table}\u0000${pk}\u0000${digest}\n`);
  const then = b ? rowDigests(backup, table, b.pk, columns) : new Map<string, string>();
  let changed = 0;
  let removed = 0;
  for (const [pk, digest] of then) {
    const here = now.get(pk);
    if (here === undefined) removed++;
    else if (here !== digest) changed++;
  }
  const added = [...now.keys()].filter((pk) => !then.has(pk)).length;
  return { table, label: LABELS[table] ?? table, added, changed, removed };
}

/**
 * The loss, and a digest of every current row: a restore confirmed for one state of the data must not go ahead
 * once the data has moved on (a snapshot or a sync bookkeeping write alone changes neither).
 */
export function compareDatabases(current: Reader, backup: Reader): { loss: LossSummary; currentDigest: string } {
  const state = crypto.createHash('sha256');
  const tables = dataTables(current)
    .filter((t) => !LOCAL_ONLY_TABLES.includes(t))
    .map((t) => compareTable(current, backup, t, state))
    .filter((t): t is TableLoss => t !== null && t.added + t.changed + t.removed > 0);
  const of = (name: string) => tables.find((t) => t.table === name);
  const lost = (t: TableLoss | undefined) => (t ? t.added + t.changed : 0);
  const customers = lost(of('customers'));
  const visits = lost(of('visits'));
  const customersReturning = of('customers')?.removed ?? 0;
  const others = tables.filter((t) => t.table !== 'customers' && t.table !== 'visits' && lost(t) > 0);
  const otherRows = others.reduce((sum, t) => sum + lost(t), 0);
  return { loss: summary(customers, visits, customersReturning, otherRows, tables, others), currentDigest: state.digest('hex') };
}

/** A new installation has nothing of its own to lose (its built-in rows come back with the backup). */
export function noLoss(): LossSummary {
  return summary(0, 0, 0, 0, [], []);
}

function summary(customers: number, visits: number, customersReturning: number, otherRows: number, tables: TableLoss[], others: TableLoss[]): LossSummary {
  const nothingLost = customers + visits + otherRows === 0;
  return { customers, visits, customersReturning, otherRows, tables, nothingLost, text: lossText(customers, visits, customersReturning, otherRows, others) };
}

function lossText(customers: number, visits: number, returning: number, other: number, others: TableLoss[]): string {
  const parts: string[] = [];
  if (customers + visits + other === 0) parts.push('恢复不会丢失本机的任何数据。');
  else parts.push(`本机在备份之后新增/修改了 ${customers} 位客户、${visits} 条走访记录，恢复后这些将丢失。`);
  if (other)
    parts.push(
      `另有 ${other} 条其他记录（${others
        .slice(0, 4)
        .map((t) => t.label)
        .join('、')}等）将回到备份时的状态。`,
    );
  if (returning) parts.push(`备份之后删除的 ${returning} 位客户将重新出现。`);
  return parts.join('');
}
