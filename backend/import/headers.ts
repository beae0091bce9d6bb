/** Recognises the Chinese headers clerks' spreadsheets use and finds the header row below any title rows. */
import type { Cell } from '../excel/readTable';
import { cellText } from '../excel/readTable';

export const CUSTOMER_IMPORT_FIELDS = {
  customerCode: { label: '客户编号', aliases: ['客户编号', '客户编码', '客户ID'] },
  name: { label: '姓名', aliases: ['姓名', '户主姓名', '户主', '客户姓名', '客户名称', '名称', '单位名称', '联系人'] },
  kind: { label: '类型', aliases: ['类型', '客户类型', '个人/单位'] },
  idNumber: { label: '身份证号', aliases: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', '公民身份号码'] },
  phone: { label: '手机', aliases: ['手机', '电话', '手机号', '手机号码', '联系电话', '联系方式', '电话号码', '移动电话'] },
  landline: { label: '座机', aliases: ['座机', '固定电话', '固话', '家庭电话'] },
  village: { label: '行政村', aliases: ['行政村', '村', '所属村', '村名', '村委会', '所属行政村', '村/社区', '行政村/城市单元', '社区', '村居'] },
  groupName: { label: '自然村/组', aliases: ['自然村/组', '自然村', '组', '村民小组', '小组'] },
  address: { label: '地址', aliases: ['地址', '住址', '家庭住址', '详细地址', '联系地址', '通讯地址'] },
  householdType: { label: '户类型', aliases: ['户类型', '六大户', '户别', '大户类型'] },
  tags: { label: '标签', aliases: ['标签', '目标群体', '群体标签'] },
  incomeBand: { label: '收入档次', aliases: ['收入档次', '收入', '年收入', '经济实力', '收入水平'] },
  consent: { label: '营销授权', aliases: ['营销授权', '授权', '是否授权', '同意营销', '是否同意营销'] },
  noContact: { label: '拒绝接触渠道', aliases: ['拒绝接触渠道', '拒绝接触', '不接受渠道', '勿扰渠道', '免打扰渠道'] },
  source: { label: '来源', aliases: ['来源', '数据来源', '信息来源'] },
  usage: { label: '用邮信息', aliases: ['用邮信息', '使用业务', '用邮业务'] },
  influence: { label: '影响力', aliases: ['影响力'] },
  referrer: { label: '推荐人', aliases: ['推荐人', '介绍人'] },
  interests: { label: '兴趣爱好', aliases: ['兴趣爱好', '兴趣', '爱好'] },
  notes: { label: '备注', aliases: ['备注', '说明'] },
} as const;

export type ImportField = keyof typeof CUSTOMER_IMPORT_FIELDS;
export const IMPORT_FIELDS = Object.keys(CUSTOMER_IMPORT_FIELDS) as ImportField[];
/** Column index → field. Columns not in the mapping are ignored. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊:：]/g, '')
    .replace(/[（(].*?[)）]/g, '')
    .replace(/／/g, '/')
    .toLowerCase();
}

const ALIAS_TO_FIELD = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of CUSTOMER_IMPORT_FIELDS[f].aliases) ALIAS_TO_FIELD.set(normaliseHeader(a), f);

export function fieldForHeader(text: string): ImportField | undefined {
  return ALIAS_TO_FIELD.get(normaliseHeader(text));
}

/** The row among the first 30 with the most recognised headers (a title row above it matches none). */
export function findHeaderRow(rows: Cell[][]): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const fields = new Set((rows[i] ?? []).map((c) => fieldForHeader(cellText(c))).filter(Boolean));
    const score = fields.size + (fields.has('name') ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return bestScore >= 2 ? best : -1;
}

export function autoMap(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((h, i) => {
    const f = fieldForHeader(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}
