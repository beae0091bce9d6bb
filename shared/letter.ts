/**
 * Letter templates (商函模板) and the printed mail: merge fields, the merge itself and the page formats, shared
 * by the editor's preview and the PDF writer so that what the clerk previews is what the print centre gets.
 *
 * A merge field is written {姓名} (full-width ｛姓名｝ too, since a Chinese IME types those). Built-in fields come
 * from the customer, the branch and the campaign; a template may add the campaign's own fields (截止日期, 礼品 …).
 */

export const MERGE_FIELDS = [
  { key: '姓名', hint: '客户姓名或单位名称' },
  { key: '称呼', hint: '张先生 / 王女士；单位客户为单位名称；不明时为“姓名客户”' },
  { key: '地址', hint: '完整地址（乡镇、村、组、门牌）' },
  { key: '邮政编码', hint: '收件人的 6 位邮政编码' },
  { key: '村或单位', hint: '客户所在的村、社区或城区单位' },
  { key: '乡镇', hint: '客户所在的乡镇或街道' },
  { key: '网点', hint: '本网点名称' },
  { key: '网点邮编', hint: '本网点的邮政编码' },
  { key: '客户经理', hint: '该客户派发给的投递员；未派发时为网点名称' },
  { key: '活动名称', hint: '营销活动名称' },
  { key: '产品', hint: '活动推广的产品' },
  { key: '方案', hint: 'A/B 测试方案名称' },
  { key: '优惠', hint: '该方案的优惠内容' },
  { key: '流水号', hint: '商函流水号（退信登记用）' },
  { key: '日期', hint: '生成日期，如 2026年11月23日' },
] as const;
export type BuiltInField = (typeof MERGE_FIELDS)[number]['key'];
const BUILT_IN = new Set<string>(MERGE_FIELDS.map((f) => f.key));

export type MergeValues = Record<string, string>;

/** {字段} or ｛字段｝; the name is anything but braces and white space, up to 16 characters. */
const FIELD_RE = /[{｛]\s*([^{}｛｝\s]{1,16})\s*[}｝]/gu;
const CUSTOM_NAME_RE = /^[\p{L}\p{N}_]{1,12}$/u;

export function fieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD_RE)].map((m) => m[1]!))];
}

/** Replaces every field; a field without a value (a template saved before a field was dropped) prints empty. */
export function mergeText(text: string, values: MergeValues): string {
  return text.replace(FIELD_RE, (_m, key: string) => values[key] ?? '');
}

/** A merge field that comes out empty in some letters, and in how many (issue 20: “……可享受。” with {优惠} empty). */
export interface EmptyField {
  field: string;
  letters: number;
}

/**
 * Counts, over the letters merged, how often each field a template uses merges to nothing. Fields in `ignore`
 * are left out (a preview leaves out 流水号: pieces are numbered when the list or PDF is made).
 */
export class EmptyFieldCounter {
  private readonly counts = new Map<string, number>();
  private readonly used = new Map<TemplateText, string[]>();

  constructor(private readonly ignore: readonly string[] = []) {}

  add(t: TemplateText, values: MergeValues): void {
    let fields = this.used.get(t);
    if (!fields) this.used.set(t, (fields = fieldsIn(`${t.title}\n${t.body}\n${t.signoff}`).filter((f) => !this.ignore.includes(f))));
    for (const f of fields) {
      if (!(values[f] ?? '').trim()) this.counts.set(f, (this.counts.get(f) ?? 0) + 1);
    }
  }

  /** Most letters first. */
  result(): EmptyField[] {
    return [...this.counts].map(([field, letters]) => ({ field, letters })).sort((a, b) => b.letters - a.letters);
  }
}

/** “{优惠} 在 12 封信中为空、{乡镇} 在 3 封信中为空”: what the preview, the PDF card and the CLI say. */
export function emptyFieldsText(fields: readonly EmptyField[]): string {
  return fields.map((f) => `{${f.field}} 在 ${f.letters} 封信中为空`).join('、');
}

export interface TemplateText {
  title: string;
  body: string;
  signoff: string;
  /** The campaign's own fields for this variant: name → value. */
  fields: Record<string, string>;
}

/** Problems that would print a wrong letter, in words for the clerk; empty when the template can be saved. */
export function templateProblems(t: TemplateText): string[] {
  const problems: string[] = [];
  if (!t.body.trim()) problems.push('正文不能为空');
  for (const name of Object.keys(t.fields)) {
    if (!CUSTOM_NAME_RE.test(name)) problems.push(`自定义字段名“${name}”只能由 1–12 个汉字、字母或数字组成`);
    else if (BUILT_IN.has(name)) problems.push(`自定义字段“${name}”与内置字段重名`);
  }
  for (const [part, text] of [
    ['标题', t.title],
    ['正文', t.body],
    ['落款', t.signoff],
  ] as const) {
    const unknown = fieldsIn(text).filter((f) => !BUILT_IN.has(f) && !(f in t.fields));
    if (unknown.length) problems.push(`${part}中有未知的合并字段：${unknown.map((f) => `{${f}}`).join('、')}`);
    // A lone brace left after the fields are taken out is almost always a typo such as {姓名 or 姓名}.
    const rest = text.replace(FIELD_RE, '');
    if (/[{}｛｝]/u.test(rest)) problems.push(`${part}中有不成对的花括号，合并字段应写成 {姓名} 的形式`);
  }
  return problems;
}

export const DEFAULT_TEMPLATE: TemplateText = {
  title: '',
  body: '尊敬的{称呼}：\n您好！感谢您一直以来对{网点}的支持。……\n如有需要，请与您的客户经理{客户经理}联系。',
  signoff: '{网点}\n{日期}',
  fields: {},
};

export interface LetterTemplate extends TemplateText {
  campaignId: string;
  /** campaign_variants.code, '' = every target of the campaign. */
  variant: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface LetterTemplates {
  campaignId: string;
  variants: { code: string; name: string; offer: string | null }[];
  templates: LetterTemplate[];
}

/** A letter merged for one real customer, as it will print. */
export interface LetterPreview {
  customerId: string;
  code: string | null;
  name: string;
  variant: string;
  /** Null when the customer has no piece number yet (the list or PDF has not been made). */
  seq: number | null;
  postalCode: string;
  address: string;
  salutation: string;
  title: string;
  body: string;
  signoff: string;
}

export const PDF_KINDS = { letters: '信函', envelopes: '信封', labels: '地址标签' } as const;
export type PdfKind = keyof typeof PDF_KINDS;

/** Envelope sizes in millimetres: DL (国内 5 号) and C5 (国内 6 号). */
export const ENVELOPES = {
  DL: { width: 220, height: 110, label: 'DL 220×110 毫米' },
  C5: { width: 229, height: 162, label: 'C5 229×162 毫米' },
} as const;
export type EnvelopeSize = keyof typeof ENVELOPES;

export const LABEL_GRID_DEFAULT = { cols: 3, rows: 8 } as const;
export const LABEL_GRID_LIMITS = { cols: { min: 1, max: 4 }, rows: { min: 1, max: 12 } } as const;

export interface PdfResult {
  fileId: string;
  fileName: string;
  bytes: number;
  pieces: number;
  pages: number;
  /** Targets left out and why (no address, no postal code, opted out …), as on the mailing list. */
  excluded: number;
  /** Characters of names or addresses the embedded font cannot draw (printed blank): to be written by hand. */
  missingChars: string[];
  /** Letters only: merge fields that printed empty, and in how many letters (the sentence around them reads broken). */
  emptyFields: EmptyField[];
}

/** What the letters of a campaign (or of one template) would print with fields empty, before anything is printed. */
export interface MergeCheck {
  /** Letters the check covered: the pieces that would be printed with this template (or with each saved one). */
  letters: number;
  emptyFields: EmptyField[];
}

/** Chinese date as letters carry it: 2026年11月23日. */
export function chineseDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}
