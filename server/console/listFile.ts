/**
 * A campaign's target list as the 市局 keeps it: a CSV (UTF-8 or GBK, as Excel saves it in China) or an .xlsx with
 * one row per customer — the branch (name or 编号) and the 客户编号. A header row is recognised by its words; without
 * one the first two columns are taken in that order.
 */
import * as XLSX from 'xlsx';
import { MAX_LIST_BYTES } from '../../shared/hubConsole';
import { HubError } from '../errors';

const MAX_ROWS = 500_000;
const BRANCH_HEADER = /网点|支局|branch/i;
const CUSTOMER_HEADER = /客户|customer/i;

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readRows(bytes: Buffer, fileName: string): string[][] {
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isCsv = /\.(csv|txt)$/i.test(fileName);
  if (!isZip && !isCsv) throw new HubError(400, 'VALIDATION', '名单应为 .csv 或 .xlsx 文件');
  let wb: XLSX.WorkBook;
  try {
    wb = isZip ? XLSX.read(bytes, { type: 'buffer', dense: true }) : XLSX.read(decodeText(bytes), { type: 'string', raw: true, dense: true });
  } catch {
    throw new HubError(400, 'VALIDATION', `无法读取名单文件“${fileName}”，请确认它是 CSV 或 Excel（.xlsx）文件`);
  }
  const sheet = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!sheet) throw new HubError(400, 'VALIDATION', '名单文件里没有工作表');
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: false });
  if (rows.length > MAX_ROWS) throw new HubError(400, 'VALIDATION', `名单超过 ${MAX_ROWS.toLocaleString('zh-CN')} 行，请分几个活动下达`);
  return rows.map((r) => r.map((c) => String(c ?? '').trim()));
}

/** Customer ids per branch as the list names it (name or id), in the order given. */
export function parseTargetList(base64: string, fileName: string): Map<string, string[]> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_LIST_BYTES) throw new HubError(400, 'VALIDATION', '名单文件过大（不超过 10 MB）');
  const rows = readRows(bytes, fileName);
  let branchCol = 0;
  let customerCol = 1;
  let start = 0;
  const head = rows[0] ?? [];
  const b = head.findIndex((c) => BRANCH_HEADER.test(c));
  const c = head.findIndex((x, i) => i !== b && CUSTOMER_HEADER.test(x));
  if (b >= 0 && c >= 0) {
    branchCol = b;
    customerCol = c;
    start = 1;
  } else if (b >= 0 || c >= 0) {
    throw new HubError(400, 'VALIDATION', '名单的表头应有“网点”和“客户编号”两列');
  }
  const byBranch = new Map<string, string[]>();
  for (let i = start; i < rows.length; i++) {
    const branch = rows[i]![branchCol] ?? '';
    const customer = rows[i]![customerCol] ?? '';
    if (!branch && !customer) continue;
    if (!branch || !customer) throw new HubError(400, 'VALIDATION', `名单第 ${i + 1} 行缺少${branch ? '客户编号' : '网点'}`);
    const list = byBranch.get(branch) ?? [];
    list.push(customer);
    byBranch.set(branch, list);
  }
  if (!byBranch.size) throw new HubError(400, 'VALIDATION', '名单文件是空的');
  return byBranch;
}
