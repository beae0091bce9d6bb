/**
 * The headers of the business systems' extracts (savings, insurance, bill payment, tickets, parcels, papers),
 * recognised the way the customer import recognises a clerk's sheet: aliases, below any title rows.
 */
import type { ExtractField } from '../../shared/usage';
import { cellText, type Cell } from '../excel/readTable';
import { normaliseHeader } from '../import/headers';

export const EXTRACT_FIELDS: Record<ExtractField, { label: string; aliases: readonly string[] }> = {
  name: {
    label: '姓名',
    aliases: [
      '姓名',
      '客户姓名',
      '客户名称',
      '户名',
      '账户名称',
      '户主姓名',
      '投保人',
      '投保人姓名',
      '订户',
      '订户姓名',
      '订阅人',
      '缴费人',
      '用户名称',
      '乘机人',
      '旅客姓名',
      '寄件人',
      '收件人',
      '联系人',
    ],
  },
  idNumber: { label: '身份证号', aliases: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', '公民身份号码', '投保人证件号码', '客户证件号码'] },
  phone: {
    label: '手机',
    aliases: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '移动电话', '联系方式', '预留手机号', '寄件人电话', '收件人电话'],
  },
  village: { label: '行政村', aliases: ['行政村', '村', '所属村', '村名', '村委会', '所属行政村', '村/社区', '社区', '村居'] },
  address: {
    label: '地址',
    aliases: ['地址', '住址', '家庭住址', '详细地址', '联系地址', '通讯地址', '投递地址', '订户地址', '收件地址', '寄件地址', '客户地址'],
  },
  line: { label: '业务类别', aliases: ['业务类别', '业务种类', '业务', '专业', '业务类型'] },
  product: {
    label: '产品',
    aliases: [
      '产品',
      '产品名称',
      '产品类型',
      '储种',
      '险种',
      '险种名称',
      '报刊名称',
      '刊名',
      '报刊',
      '缴费项目',
      '收费项目',
      '航线',
      '邮品',
      '商品',
      '商品名称',
    ],
  },
  firstDate: {
    label: '首次日期',
    aliases: ['首次日期', '开户日期', '开办日期', '起始日期', '投保日期', '承保日期', '起订日期', '订阅起始日期', '签约日期', '首次交易日期'],
  },
  lastDate: {
    label: '最近日期',
    aliases: [
      '最近日期',
      '日期',
      '最近交易日期',
      '最后交易日期',
      '交易日期',
      '缴费日期',
      '寄递日期',
      '收寄日期',
      '出票日期',
      '订阅日期',
      '办理日期',
      '止订日期',
    ],
  },
  amount: { label: '金额', aliases: ['金额', '余额', '存款余额', '账户余额', '保费', '保险费', '缴费金额', '订费', '交易金额', '资产', '票价'] },
  account: { label: '账号/单号', aliases: ['账号', '卡号', '客户号', '客户编号', '保单号', '合同号', '订单号', '运单号', '邮件号', '户号', '缴费号'] },
};

export const EXTRACT_FIELD_NAMES = Object.keys(EXTRACT_FIELDS) as ExtractField[];
export type ExtractMapping = Partial<Record<ExtractField, number>>;

const ALIAS_TO_FIELD = new Map<string, ExtractField>();
for (const f of EXTRACT_FIELD_NAMES) for (const a of EXTRACT_FIELDS[f].aliases) ALIAS_TO_FIELD.set(normaliseHeader(a), f);

export const extractFieldFor = (header: string): ExtractField | undefined => ALIAS_TO_FIELD.get(normaliseHeader(header));

/** The row among the first 30 naming the most extract fields; a person field (姓名/身份证号) is required. */
export function findExtractHeaderRow(rows: readonly Cell[][]): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, 30); i++) {
    const fields = new Set((rows[i] ?? []).map((c) => extractFieldFor(cellText(c))).filter(Boolean));
    if (!fields.has('name') && !fields.has('idNumber')) continue;
    if (fields.size > bestScore) {
      bestScore = fields.size;
      best = i;
    }
  }
  return bestScore >= 2 ? best : -1;
}

export function autoMapExtract(headers: readonly string[]): ExtractMapping {
  const mapping: ExtractMapping = {};
  headers.forEach((h, i) => {
    const f = extractFieldFor(h);
    if (f && mapping[f] === undefined) mapping[f] = i;
  });
  return mapping;
}
