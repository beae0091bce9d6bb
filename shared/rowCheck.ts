/**
 * One pushed change checked against the branch schema it was written for (shared/branchSchema.ts, generated
 * from the branch's migrations): known table and columns, types, NOT NULL, the CHECK lists and ranges, and the
 * time and date formats. A bad value is refused with a reason the branch shows on its 同步 page, so it is never
 * stored where it would break a city report. References are checked by the hub, which knows the rows.
 */
import type { BranchSchema, ColumnDef, TableDef } from './branchSchemaTypes';
import type { SyncValue } from './syncProtocol';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function realDate(y: string, m: string, d: string): boolean {
  const t = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return t.getUTCFullYear() === Number(y) && t.getUTCMonth() === Number(m) - 1 && t.getUTCDate() === Number(d);
}

function formatProblem(c: ColumnDef, v: string): string | null {
  if (c.format === 'date') {
    const m = DATE_RE.exec(v);
    return m && realDate(m[1]!, m[2]!, m[3]!) ? null : '应为 YYYY-MM-DD 格式的日期';
  }
  if (c.format === 'datetime') {
    const m = TIME_RE.exec(v);
    if (!m || !realDate(m[1]!, m[2]!, m[3]!)) return '应为 ISO 格式的时间';
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return '应为 ISO 格式的时间';
  }
  return null;
}

const show = (v: SyncValue): string => (typeof v === 'string' ? `“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”` : String(v));

/** Why one value cannot be stored in this column, or null. */
export function valueProblem(c: ColumnDef, v: SyncValue): string | null {
  if (v === null) return c.notNull ? '不能为空' : null;
  if (c.type === 'INTEGER' && !(typeof v === 'number' && Number.isSafeInteger(v))) return `应为整数，收到 ${show(v)}`;
  if (c.type === 'REAL' && !(typeof v === 'number' && Number.isFinite(v))) return `应为数值，收到 ${show(v)}`;
  if (c.type === 'TEXT' && typeof v !== 'string') return `应为文字，收到 ${show(v)}`;
  const chk = c.check;
  if (chk && 'in' in chk && !chk.in.includes(String(v))) return `只能是 ${chk.in.join('、')} 之一，收到 ${show(v)}`;
  if (chk && 'min' in chk && typeof v === 'number') {
    if (v < chk.min || (chk.max !== undefined && v > chk.max))
      return chk.max === undefined ? `不能小于 ${chk.min}，收到 ${v}` : `应在 ${chk.min}–${chk.max} 之间，收到 ${v}`;
  }
  return typeof v === 'string' && c.format ? formatProblem(c, v) : null;
}

export function tableDef(schema: BranchSchema, tbl: string): TableDef | undefined {
  return Object.prototype.hasOwnProperty.call(schema.tables, tbl) ? schema.tables[tbl] : undefined;
}

/**
 * Why a change cannot be stored, or null. `insert`: the change carries a whole new row, so every NOT NULL
 * column without a default must be there.
 */
export function changeProblem(schema: BranchSchema, tbl: string, pk: string, fields: Record<string, SyncValue> | null, insert: boolean): string | null {
  const t = tableDef(schema, tbl);
  if (!t) return `表 ${tbl} 不是网点数据表（市局所知的数据版本为 ${schema.version}）`;
  if (fields === null) return null;
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  for (const [f, v] of Object.entries(fields)) {
    const c = byName.get(f);
    if (!c) return `${tbl}.${f} 不是这个表的字段`;
    const why = valueProblem(c, v);
    if (why) return `${tbl}.${f} ${why}`;
  }
  if (t.pk in fields && fields[t.pk] !== pk) return `${tbl} 的主键与记录编号不一致`;
  if (insert) {
    const missing = t.columns.filter((c) => c.notNull && !c.hasDefault && !(c.name in fields));
    if (missing.length) return `${tbl} 新记录缺少必填字段 ${missing.map((c) => c.name).join('、')}`;
  }
  return null;
}

/** The references a change makes to other rows of the branch: (table, primary key) pairs. */
export function changeRefs(schema: BranchSchema, tbl: string, fields: Record<string, SyncValue> | null): { tbl: string; pk: string; field: string }[] {
  const t = tableDef(schema, tbl);
  if (!t || !fields) return [];
  const out: { tbl: string; pk: string; field: string }[] = [];
  for (const c of t.columns) {
    const v = fields[c.name];
    if (c.ref && typeof v === 'string') out.push({ tbl: c.ref, pk: v, field: c.name });
  }
  return out;
}
