/**
 * One spreadsheet row → validated customer fields, or problems naming the row and column in Chinese.
 * Values that lost information on their way through Excel (an ID number stored as a number) are refused,
 * never "repaired".
 */
import { CHANNEL_CODES, CHANNELS, type Channel } from '../../shared/campaign';
import { parseNoContact as parseStoredNoContact } from '../../shared/schemas';
import { CUSTOMER_FILE_FIELDS, customerFields, type CustomerFields } from '../../shared/customerFields';
import { cellText, type Cell } from '../excel/readTable';
import { CUSTOMER_IMPORT_FIELDS, type ColumnMapping, type ImportField } from './headers';
import type { VillageResolver } from './villageResolver';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export interface UsageItem {
  line: string;
  product: string | null;
}

export interface PreparedRow {
  row: number;
  fields: CustomerFields;
  /** Which fields the file gave a value for: an update never clears what the file left empty. */
  present: Set<keyof CustomerFields>;
  customerCode: string | null;
  usage: UsageItem[];
  /** Imported anyway, but something the clerk wrote was left out (电话不详 → no phone). */
  warnings: RowProblem[];
}

/** What clerks write where a number is unknown: 电话不详, 无, 暂无, -, / … The customer is still a customer. */
const UNKNOWN_VALUE = /^(?:(?:电话|手机|号码|身份证号?|证件号?)?(?:不详|未知|无|暂无|没有|不清楚|待补|空|缺)|[-—－/／\\.。?？*＊]+)$/;
const UNKNOWABLE: readonly ImportField[] = ['phone', 'landline', 'idNumber'];

/** The schema names the field before its reason (电话：…) for the form; the import shows the column already. */
const withoutLabel = (message: string) => message.replace(/^(?:电话|座机)：/, '');

/**
 * A totals line under the list (合计：44 人, 小计 | | 2, 总计 2 户): its first text says so and nothing else in it
 * is more than a number, so it cannot be a customer.
 */
export function isTotalsRow(cells: Cell[]): boolean {
  const texts = cells.map((c) => cellText(c)).filter(Boolean);
  const first = texts.find((t) => !/^\d+$/.test(t));
  if (!first || !/^(?:合\s*计|总\s*计|小\s*计|共计)/.test(first)) return false;
  return texts.every((t) => t === first || /^[\d\s.,，]*(?:人|户|条|个|名|元)?$/.test(t));
}

const TRUE_WORDS = new Set(['是', '同意', '已授权', '授权', '有', '1', '√', 'y', 'yes', 'true', '对']);
const FALSE_WORDS = new Set(['否', '不同意', '未授权', '无', '0', '×', 'n', 'no', 'false', '不']);

export function parseUsage(text: string): UsageItem[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.+?)[（(:：](.*?)[)）]?$/.exec(s);
      return m ? { line: m[1]!.trim(), product: m[2]!.trim() || null } : { line: s, product: null };
    });
}

/** What clerks write for a channel besides its own name (商函) or code (letter). */
const CHANNEL_WORDS: Record<string, Channel> = {
  ...Object.fromEntries(
    CHANNEL_CODES.flatMap((c) => [
      [c, c],
      [CHANNELS[c], c],
    ]),
  ),
  信函: 'letter',
  邮寄: 'letter',
  走访: 'door',
  入户: 'door',
  电话外呼: 'phone',
  外呼: 'phone',
  电邮: 'email',
  邮箱: 'email',
};

/**
 * 拒绝接触渠道 cell: "商函、短信" (or codes). "无" clears the refusals — an empty cell, as for every field, leaves
 * them as stored. Unknown words are left for the schema, which names them in its message.
 */
export function parseNoContact(text: string): string[] {
  if (/^(无|没有|不限)$/.test(text.trim())) return [];
  return text
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => CHANNEL_WORDS[s.toLowerCase()] ?? CHANNEL_WORDS[s] ?? s);
}

export function formatNoContact(json: string): string {
  return parseStoredNoContact(json)
    .map((c) => CHANNELS[c])
    .join('、');
}

export function formatUsage(items: readonly UsageItem[]): string {
  return items.map((u) => (u.product ? `${u.line}(${u.product})` : u.line)).join('、');
}

/** Workbook column → customer field (shared/customerFields.ts). */
const FIELD_OF: Partial<Record<ImportField, keyof CustomerFields>> = Object.fromEntries(CUSTOMER_FILE_FIELDS.map((f) => [f.key, f.field]));

export function prepareRow(
  cells: Cell[],
  rowNumber: number,
  mapping: ColumnMapping,
  headers: string[],
  villages: VillageResolver,
): { ok: true; row: PreparedRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const columnName = (f: ImportField) => headers[mapping[f]!] || CUSTOMER_IMPORT_FIELDS[f].label;
  const text = (f: ImportField) => (mapping[f] === undefined ? '' : cellText(cells[mapping[f]!]));
  const raw: Record<string, unknown> = {};
  const present = new Set<keyof CustomerFields>();
  const problem = (f: ImportField, message: string) => problems.push({ row: rowNumber, column: columnName(f), message });
  const warnings: RowProblem[] = [];

  for (const f of Object.keys(FIELD_OF) as ImportField[]) {
    if (mapping[f] === undefined) continue;
    const t = text(f);
    if (!t) continue;
    if (UNKNOWABLE.includes(f) && UNKNOWN_VALUE.test(t)) {
      warnings.push({ row: rowNumber, column: columnName(f), message: `“${t}”不是号码，已按空白导入` });
      continue;
    }
    const key = FIELD_OF[f]!;
    present.add(key);
    switch (f) {
      case 'idNumber': {
        const cell = cells[mapping.idNumber!];
        // Excel keeps 15 significant digits: an 18-digit number cell has already lost its last digits.
        if (cell?.t === 'n' && Math.abs(Number(cell.v)) >= 1e15) {
          problem(f, `身份证号被 Excel 存成了数字（显示为 ${cell.w ?? t}），末几位已丢失。请把该列设为“文本”格式后重新填写`);
          continue;
        }
        if (t.includes('*')) {
          problem(f, '身份证号已打码（含 *），无法导入，请填写完整号码');
          continue;
        }
        raw[key] = t;
        break;
      }
      case 'kind':
        if (/^(个人|个体|自然人)$/.test(t)) raw[key] = 'person';
        else if (/^(单位|企业|机构|公司|组织)$/.test(t)) raw[key] = 'org';
        else problem(f, `类型应为“个人”或“单位”，现为“${t}”`);
        break;
      case 'consent':
        if (TRUE_WORDS.has(t.toLowerCase())) raw[key] = true;
        else if (FALSE_WORDS.has(t.toLowerCase())) raw[key] = false;
        else problem(f, `营销授权应填“是”或“否”，现为“${t}”`);
        break;
      case 'noContact':
        raw[key] = parseNoContact(t);
        break;
      case 'tags':
        raw[key] = t.split(/[,，、;；/\s]+/).filter(Boolean);
        break;
      case 'influence':
        if (/^\d+$/.test(t)) raw[key] = Number(t);
        else problem(f, `影响力应为整数，现为“${t}”`);
        break;
      case 'village': {
        const r = villages.resolve(t);
        if (r.ok) raw[key] = r.id;
        else problem(f, r.reason);
        break;
      }
      default:
        raw[key] = t;
    }
  }
  if (!present.has('name') && problems.every((p) => p.column !== columnName('name'))) {
    problem('name', '姓名不能为空');
  }
  const parsed = customerFields.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      const f = (Object.keys(FIELD_OF) as ImportField[]).find((x) => FIELD_OF[x] === key);
      if (f === 'name' && problems.some((p) => p.column === columnName('name'))) continue;
      problems.push({ row: rowNumber, column: f ? columnName(f) : key, message: f ? withoutLabel(issue.message) : issue.message });
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const code = text('customerCode');
  return { ok: true, row: { row: rowNumber, fields: parsed.data, present, customerCode: code || null, usage: parseUsage(text('usage')), warnings } };
}
