/**
 * The 操作日志 in words a supervisor understands (issue 20): each entry's action and object in Chinese, the
 * customer (name + 客户编号), campaign or user instead of an id, campaign stages by their names, a segment filter
 * summarised, and a failed log-in with the login that was tried and no role it never proved.
 *
 * One table of names: an entry written under a contract operation's name reads that operation's name
 * (shared/operationLabels.ts, complete by type); the older action codes the backend writes are named here, and
 * `AuditAction` (what backend/auth/audit.ts accepts) is exactly the union of the two, so an action nobody named
 * does not compile. Pure: the screen and the tests use it alike.
 */
import { OUTCOMES, STAGES, type Outcome, type SegmentFilter, type Stage } from './campaign';
import type { OpName } from './contract';
import { CUSTOMER_COLUMN_LABELS } from './customerColumns';
import { CUSTOMER_FIELD_LABELS } from './customerFields';
import { REPORT_TITLES, ROLE_LABELS, type AuditEntry, type ReportName, type Role } from './domain';
import { OPERATION_LABELS } from './operationLabels';

/** Action codes written before (or besides) the operations' own names. */
export const AUDIT_ACTION_LABELS = {
  login: '登录',
  'login.failed': '登录失败',
  'login.throttled': '登录暂停（失败过多）',
  logout: '退出登录',
  'user.create': '添加用户',
  'user.edit': '修改用户',
  'user.password': '设置密码',
  'customer.create': '新增客户',
  'customer.edit': '修改客户',
  'customer.delete': '删除客户',
  'customer.restore': '恢复客户',
  'customer.merge': '合并客户',
  'customer.verify': '核查保留',
  'customer.erase': '删除个人信息',
  'customer.notDuplicate': '标记不是同一人',
  'visit.record': '走访录入',
  reveal: '查看完整身份证号',
  export: '导出',
  'export.access': '个人信息查阅导出',
  import: '导入客户',
  'settings.edit': '修改网点设置',
  'setup.branch': '建立网点',
  'village.create': '新建村/社区',
  'village.edit': '修改村/社区',
  'village.notServed': '标记村不服务',
  'village.served': '恢复村服务',
  'divisions.edition': '更新区划版本',
  'campaign.create': '新建营销活动',
  'campaign.edit': '修改营销活动',
  'campaign.stage': '营销活动换阶段',
  'campaign.freeze': '确定目标客户',
  'campaign.dispatch': '派工',
  'campaign.test': '开始方案测试',
  'campaign.release': '推广获胜方案',
  'campaign.costs': '填写商函成本',
  'campaign.archive': '活动归档',
  'segment.save': '保存客群',
  'postalCode.town': '设置乡镇邮编',
  'usage.import': '导入用邮数据',
  'usage.pick': '勾挑核对：选定客户',
  'usage.create': '勾挑核对：新建客户',
  'usage.discard': '勾挑核对：不予匹配',
  'usage.reopen': '勾挑核对：重新核对',
  'sync.run': '同步',
  'backup.create': '备份完成',
  'backup.failed': '备份失败',
  /** Letter templates were audited as update/delete of letter_template before they took the operations' names. */
  update: '修改',
  delete: '删除',
} as const;

export type AuditAction = OpName | keyof typeof AUDIT_ACTION_LABELS;

/** What an entry is about (its `target`); sync conflicts name the table. */
export const AUDIT_TARGET_LABELS: Readonly<Record<string, string>> = {
  customer: '客户',
  customers: '客户',
  user: '用户',
  users: '用户',
  village: '村/社区',
  villages: '村/社区',
  settings: '网点设置',
  security: '安全',
  campaign: '营销活动',
  campaigns: '营销活动',
  campaign_targets: '活动目标客户',
  visits: '走访记录',
  report: '报表',
  letter_template: '商函模板',
  letter_templates: '商函模板',
  usage_queue: '勾挑核对记录',
  usage_line: '业务类别',
  usage_lines: '业务类别',
  customer_library: '客户库',
  customer_libraries: '客户库',
  collection_plan: '采集计划',
  usage_import: '用邮数据导入',
  segment: '客群',
  backup: '数据备份',
  sync: '市局同步',
};

/** Names of the fields entries' details mention. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...CUSTOMER_COLUMN_LABELS,
  // The customer's fields by their own names too (an import's 补全字段, a usage check's filled fields).
  ...CUSTOMER_FIELD_LABELS,
  displayName: '姓名',
  login: '登录名',
  role: '角色',
  disabled: '停用',
  branchName: '网点名称',
  householdTypes: '户类型',
  maintenanceAnnualTarget: '年度维护目标',
  revenueAnnualTarget: '年度收入目标',
  idleMinutes: '自动锁屏分钟数',
  postalCode: '邮政编码',
  countyCode: '区县代码',
  townCode: '乡镇',
  townCodes: '乡镇',
  reason: '原因',
  count: '条数',
  file: '文件',
  fileName: '文件',
  inserted: '新增',
  updated: '更新',
  skipped: '跳过',
  problemRows: '问题行',
  field: '字段',
  villages: '村数',
  code: '代码',
  deleted: '删除数',
  restored: '恢复数',
  blocked: '未恢复',
  kept: '保留',
  retired: '合并掉',
  filled: '补全字段',
  edition: '区划版本',
  checked: '核对数',
  renamed: '改名',
  missing: '区划中已撤销',
  campaign: '活动',
  campaignId: '活动',
  outcome: '走访结果',
  turnover: '流转额',
  revenue: '收入',
  visitedAt: '走访时间',
  flagged: '标记待核实',
  scope: '范围',
  source: '来源电脑',
  pairs: '组数',
  marked: '新标记',
  customers: '客户数',
  variant: '方案',
  variants: '方案',
  perVariant: '每个方案户数',
  targets: '户数',
  carrierId: '投递员',
  carriers: '投递员',
  from: '从',
  to: '到',
  filter: '筛选条件',
  kind: '内容',
  lines: '行数',
  pieces: '件数',
  excluded: '未列入',
  newPieces: '新编流水号',
  seq: '流水号',
  letterFen: '每封商函成本',
  smsFen: '每条短信成本',
  phoneFen: '每个电话成本',
  fixedFen: '固定成本',
  line: '业务类别',
  row: '行号',
  also: '同批其他行',
  reopened: '重新核对数',
  rule: '规则',
  tag: '标签',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  aliases: '别名',
  productLabel: '产品列名',
  rows: '行数',
  matched: '自动匹配',
  queued: '待核对',
  unmatched: '未匹配',
  facts: '新增用邮记录',
  factsUpdated: '更新用邮记录',
  year: '年度',
  items: '计划项',
  reports: '报表',
  report: '报表',
  hubUrl: '市局地址',
  intervalMinutes: '同步间隔（分钟）',
  pushed: '上传',
  pulled: '下载',
  conflicts: '新冲突',
  rejected: '被拒收',
  changes: '变更数',
  choice: '处理方式',
  createdAt: '备份时间',
  loss: '恢复后丢失',
  safetyCopy: '原数据另存于',
  destination: '备份位置',
  intervalHours: '自动备份间隔（小时）',
  keepDaily: '保留每日备份',
  keepWeekly: '保留每周备份',
  passwordSet: '设置了备份密码',
  bytes: '大小',
  trigger: '方式',
  message: '说明',
  mode: '方式',
};

/** Details that say nothing to a person (ids of rows no screen shows). */
const HIDDEN_KEYS = new Set(['visit', 'batch', 'auto']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isEntityId = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Entries that record a log-in attempt whose password was not (yet) accepted: the role was never proven. */
const UNPROVEN = new Set(['login.failed', 'login.throttled']);

export function auditActionLabel(action: string, target?: string | null): string {
  if ((action === 'update' || action === 'delete') && target === 'letter_template') return action === 'update' ? '保存商函模板' : '删除商函模板';
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? (OPERATION_LABELS as Record<string, string>)[action] ?? '其他操作';
}

export const auditFieldLabel = (f: string): string => AUDIT_FIELD_LABELS[f] ?? '其他';

/** 姓名 for a person, 名称 for a campaign, village, library or segment. */
const PEOPLE = new Set(['customer', 'customers', 'user', 'users', 'usage_queue']);
function labelIn(key: string, target: string | null): string {
  return key === 'name' && !PEOPLE.has(target ?? '') ? '名称' : auditFieldLabel(key);
}
export const auditTargetLabel = (t: string | null): string => (t ? (AUDIT_TARGET_LABELS[t] ?? '数据') : '—');

/** ¥1,234.50 from fen. */
export function yuanText(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** 2026-11-23 09:30 from an ISO time (local time, as the clerk's clock shows it). */
function timeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Names the backend found for ids (and town codes) an entry mentions: 张三（KM-00127X）, 冬季报刊上门征订 … */
export type AuditNames = Readonly<Record<string, string>>;

const listText = (xs: string[], unit = '项', max = 5) => (xs.length > max ? `${xs.slice(0, max).join('、')} 等 ${xs.length} ${unit}` : xs.join('、')) || '—';

const GRADE_NAMES = ['', '一等', '二等', '三等', '四等'];

/** A segment filter (campaign.freeze) in words: 村：东风村、西山村；有手机 … */
export function describeSegmentFilter(f: SegmentFilter, names: AuditNames = {}): string {
  const parts: string[] = [];
  if (f.villageIds?.length)
    parts.push(
      `村：${listText(
        f.villageIds.map((id) => names[id] ?? '（已删除的村）'),
        '个村',
      )}`,
    );
  if (f.householdTypes?.length) parts.push(`户类型：${f.householdTypes.join('、')}`);
  if (f.tags?.length) parts.push(`标签（任一）：${f.tags.join('、')}`);
  if (f.grades?.length) parts.push(`分级：${f.grades.map((g) => GRADE_NAMES[g] ?? String(g)).join('、')}`);
  if (f.ageMin !== undefined && f.ageMax !== undefined) parts.push(`年龄 ${f.ageMin}–${f.ageMax} 岁`);
  else if (f.ageMin !== undefined) parts.push(`年龄 ${f.ageMin} 岁以上`);
  else if (f.ageMax !== undefined) parts.push(`年龄 ${f.ageMax} 岁以下`);
  if (f.sex) parts.push(f.sex === 'M' ? '男' : '女');
  if (f.incomeBands?.length) parts.push(`收入档次：${f.incomeBands.join('、')}`);
  if (f.kind) parts.push(f.kind === 'person' ? '个人客户' : '单位客户');
  for (const u of f.usage ?? []) parts.push(`${u.has ? '使用' : '未使用'}${u.line}${u.product ? `（${u.product}）` : ''}`);
  if (f.winBack) parts.push(`曾用${f.winBack.line}、近 ${f.winBack.months} 个月未用`);
  if (f.crossSell) parts.push(`用${f.crossSell.uses}、未用${f.crossSell.notUses}`);
  if (f.lastOutcomes?.length) parts.push(`上次结果：${f.lastOutcomes.map((o) => OUTCOMES[o]?.label ?? o).join('、')}`);
  if (f.hasPhone !== undefined) parts.push(f.hasPhone ? '有手机' : '无手机');
  return parts.length ? parts.join('；') : '不限条件（全部已授权客户）';
}

const CHOICES: Record<string, string> = { keep: '保留现值', restore: '恢复被覆盖的值' };
const TRIGGERS: Record<string, string> = { manual: '手动', scheduled: '定时自动' };
const FLAGS: Record<string, string> = { phone_flag: '电话', address_flag: '地址' };
const MONEY = new Set(['revenueAnnualTarget', 'turnover', 'revenue', 'letterFen', 'smsFen', 'phoneFen', 'fixedFen']);

/** One value as a clerk reads it: 是/否, roles and stages in Chinese, ids as names, lists joined, nothing as —. */
export function auditValueText(key: string, v: unknown, names: AuditNames = {}): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (isEntityId(v)) return names[v] ?? '（已不存在的记录）';
  if (key === 'role' && typeof v === 'string' && v in ROLE_LABELS) return ROLE_LABELS[v as Role];
  if (MONEY.has(key) && typeof v === 'number') return yuanText(v);
  if (key === 'bytes' && typeof v === 'number') return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(v / 1024))} KB`;
  if (key === 'outcome' && typeof v === 'string') return OUTCOMES[v as Outcome]?.label ?? v;
  if ((key === 'from' || key === 'to') && typeof v === 'string' && v in STAGES) return STAGES[v as Stage];
  if (key === 'flagged' && Array.isArray(v)) return v.map((f) => FLAGS[String(f)] ?? '其他').join('、');
  if (key === 'consent' && typeof v === 'number') return v ? '已授权' : '未授权';
  if (key === 'field' && typeof v === 'string') return auditFieldLabel(v);
  if (key === 'filled' && Array.isArray(v)) return v.map((f) => auditFieldLabel(String(f))).join('、') || '—';
  if (key === 'choice' && typeof v === 'string') return CHOICES[v] ?? v;
  if (key === 'trigger' && typeof v === 'string') return TRIGGERS[v] ?? v;
  if ((key === 'report' || key === 'reports') && (typeof v === 'string' || Array.isArray(v))) {
    return (Array.isArray(v) ? v : [v]).map((r) => REPORT_TITLES[String(r) as ReportName] ?? '报表').join('、');
  }
  if ((key === 'townCode' || key === 'townCodes') && (typeof v === 'string' || Array.isArray(v))) {
    return listText(
      (Array.isArray(v) ? v : [v]).map((c) => names[`town:${String(c)}`] ?? String(c)),
      '个乡镇',
    );
  }
  if (key === 'filter' && isRecord(v)) return describeSegmentFilter(v as SegmentFilter, names);
  if ((key === 'createdAt' || key === 'visitedAt') && typeof v === 'string') return timeText(v);
  if (key === 'tags' && typeof v === 'string' && v.startsWith('[')) {
    try {
      return (JSON.parse(v) as string[]).join('、') || '—';
    } catch {
      return v;
    }
  }
  if (key === 'renamed' && Array.isArray(v))
    return listText(
      v.map((x) => (isRecord(x) ? `${String(x['from'])}→${String(x['to'])}` : String(x))),
      '个村',
    );
  if (key === 'missing' && Array.isArray(v))
    return listText(
      v.map((x) => (isRecord(x) ? String(x['name']) : String(x))),
      '个村',
    );
  if (key === 'items' && Array.isArray(v)) return `${v.length} 个客户库`;
  if (Array.isArray(v)) return listText(v.map((x) => (isRecord(x) ? recordText(x, names) : auditValueText(key, x, names))));
  if (isRecord(v)) return recordText(v, names);
  return String(v);
}

function recordText(r: Record<string, unknown>, names: AuditNames): string {
  return Object.entries(r)
    .filter(([k]) => !HIDDEN_KEYS.has(k))
    .map(([k, x]) => `${auditFieldLabel(k)}：${auditValueText(k, x, names)}`)
    .join('；');
}

export type AuditLine = { label: string; value: string } | { label: string; from: string; to: string };

/** One entry as the screen shows it. */
export interface AuditView {
  action: string;
  /** Who: the login, or 未登录 for a log-in attempt. */
  actor: string;
  /** Only a role the entry proves: none for a failed log-in. */
  role: string | null;
  /** 客户：张三（KM-00127X） … */
  target: string;
  lines: AuditLine[];
  /** Worth a colour: failed log-ins, reveals, exports. */
  tone: 'danger' | 'notice' | null;
}

/** The changed fields of an {old, new} pair of records, or null when the details are not one. */
export function auditChanges(details: unknown, names: AuditNames = {}, target: string | null = 'customer'): AuditLine[] | null {
  if (!isRecord(details) || !isRecord(details['old']) || !isRecord(details['new'])) return null;
  const before = details['old'];
  const after = details['new'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ label: labelIn(k, target), from: auditValueText(k, before[k], names), to: auditValueText(k, after[k], names) }));
}

function targetText(e: AuditEntry, names: AuditNames): string {
  const label = auditTargetLabel(e.target);
  if (!e.target) return '—';
  const found = e.targetIds.map((id) => names[id]).filter((n): n is string => !!n);
  const unit = e.target === 'customer' || e.target === 'customers' ? '户' : '个';
  if (!found.length) return e.targetIds.length > 1 ? `${label} ${e.targetIds.length} ${unit}` : label;
  const shown = found.slice(0, 3).join('、');
  return `${label}：${shown}${e.targetIds.length > 3 ? ` 等 ${e.targetIds.length} ${unit}` : ''}`;
}

/** Lines for details that are not an {old, new} pair of records. */
function detailLines(e: AuditEntry, names: AuditNames): AuditLine[] {
  const d = e.details;
  if (d === null || d === undefined) return [];
  if (!isRecord(d)) return [{ label: '说明', value: auditValueText('', d, names) }];
  const lines: AuditLine[] = [];
  // A town's postal code: old and new are the code itself.
  if ('old' in d && 'new' in d && !isRecord(d['old']) && !isRecord(d['new'])) {
    lines.push({ label: '邮政编码', from: auditValueText('postalCode', d['old'], names), to: auditValueText('postalCode', d['new'], names) });
  }
  if (e.action === 'campaign.dispatch') lines.push({ label: '方式', value: d['auto'] ? '自动均衡派工' : '按村或逐户派工' });
  if (e.action === 'campaign.stage') {
    lines.push({ label: '阶段', from: auditValueText('from', d['from'], names), to: auditValueText('to', d['to'], names) });
  }
  for (const [k, v] of Object.entries(d)) {
    if (HIDDEN_KEYS.has(k) || k === 'old' || k === 'new') continue;
    // A failed log-in's login is its own first line (尝试的登录名).
    if (k === 'login' && UNPROVEN.has(e.action)) continue;
    if (e.action === 'campaign.stage' && (k === 'from' || k === 'to')) continue;
    // An id nobody can name any more (a row since purged) says nothing: left out.
    if (isEntityId(v) && !names[v]) continue;
    lines.push({ label: labelIn(k, e.target), value: auditValueText(k, v, names) });
  }
  return lines;
}

/** An entry in Chinese: what, by whom, on what, with which details. */
export function describeAudit(e: AuditEntry, names: AuditNames = {}): AuditView {
  const unproven = UNPROVEN.has(e.action);
  const details = isRecord(e.details) ? e.details : null;
  const tried = (details && typeof details['login'] === 'string' ? details['login'] : null) ?? e.actor;
  const lines: AuditLine[] = [];
  if (unproven) lines.push({ label: '尝试的登录名', value: tried ?? '—' });
  lines.push(...(auditChanges(e.details, names, e.target) ?? detailLines(e, names)));
  return {
    action: auditActionLabel(e.action, e.target),
    actor: unproven ? '（未登录）' : (e.actor ?? '—'),
    role: !unproven && e.role && e.role in ROLE_LABELS ? ROLE_LABELS[e.role as Role] : null,
    target: targetText(e, names),
    lines,
    tone: unproven ? 'danger' : e.action === 'reveal' || e.action.startsWith('export') || e.action === 'customers.revealId' ? 'notice' : null,
  };
}

/** The whole entry as one line of text (for tests and the CLI). */
export function auditPlainText(v: AuditView): string {
  const lines = v.lines.map((l) => ('value' in l ? `${l.label}：${l.value}` : `${l.label}：${l.from} → ${l.to}`));
  return [v.actor, v.role ?? '', v.action, v.target, ...lines].filter(Boolean).join(' · ');
}
