/**
 * Usage data from the business systems (issue 11): the vocabulary of extracts, the review queue (勾挑核对),
 * line-of-business and special-group libraries (专业库, 个性化名址库) and the yearly collection plan.
 */

/**
 * The special groups of the seeds' plan (个性化名址库), each a library defined by the tag of the same name.
 * Migration 0008 creates their libraries from this list: add to it only together with a new migration.
 */
export const SPECIAL_GROUPS = ['公务精英', '医生护士', '教师', '初高中毕业生', '夕阳红', '私家车主', '打工族', '民营企业家'] as const;

/** The seeds' collection plan: which library is built in which quarters. */
export const DEFAULT_PLAN: readonly { group: (typeof SPECIAL_GROUPS)[number]; startQuarter: Quarter; endQuarter: Quarter }[] = [
  { group: '公务精英', startQuarter: 1, endQuarter: 2 },
  { group: '医生护士', startQuarter: 1, endQuarter: 2 },
  { group: '教师', startQuarter: 1, endQuarter: 2 },
  { group: '初高中毕业生', startQuarter: 1, endQuarter: 2 },
  { group: '夕阳红', startQuarter: 3, endQuarter: 3 },
  { group: '私家车主', startQuarter: 3, endQuarter: 3 },
  { group: '打工族', startQuarter: 4, endQuarter: 4 },
  { group: '民营企业家', startQuarter: 4, endQuarter: 4 },
];

export type Quarter = 1 | 2 | 3 | 4;

/** Amounts become bands: marketing needs "a large saver", never the balance. Upper bounds in yuan. */
export const AMOUNT_BANDS: readonly { below: number; label: string }[] = [
  { below: 1_000, label: '1千以下' },
  { below: 10_000, label: '1千–1万' },
  { below: 50_000, label: '1万–5万' },
  { below: 200_000, label: '5万–20万' },
  { below: Infinity, label: '20万以上' },
];

export function amountBand(yuan: number): string {
  return AMOUNT_BANDS.find((b) => yuan < b.below)!.label;
}

export const DISCARD_REASONS = ['非本网点客户', '信息不全无法核实', '已销户或已故', '单位账户', '重复记录', '其他'] as const;

export interface UsageLine {
  id: string;
  name: string;
  aliases: string[];
  productLabel: string | null;
  facts: number;
  customers: number;
}

export type ExtractField = 'name' | 'idNumber' | 'phone' | 'village' | 'address' | 'line' | 'product' | 'firstDate' | 'lastDate' | 'amount' | 'account';

export interface ExtractProblem {
  row: number;
  column: string;
  message: string;
}

/** What the clerk sees before applying an extract. */
export interface UsageImportPreview {
  jobId: string;
  fileName: string;
  sheetName: string;
  headerRow: number;
  headers: string[];
  mapping: Partial<Record<ExtractField, number>>;
  fieldLabels: Record<ExtractField, string>;
  /** The line every row belongs to, or null when a column of the file names it per row. */
  line: string | null;
  asOf: string;
  dataRows: number;
  /** Rows that will be applied to a customer: confident automatic matches and earlier queue decisions. */
  matched: number;
  /** Of those, how many follow an earlier clerk's decision on the same row. */
  decidedBefore: number;
  /** Rows with a candidate to check in the queue. */
  queued: number;
  /** Rows with no candidate at all (also go to the queue, to be created or discarded). */
  unmatched: number;
  /** Rows discarded by a clerk in an earlier import of the same data. */
  discardedBefore: number;
  problems: ExtractProblem[];
  problemRows: number;
  sample: {
    row: number;
    name: string;
    phone: string | null;
    idNumber: string | null;
    place: string | null;
    product: string | null;
    outcome: 'matched' | 'queued' | 'unmatched' | 'discarded';
    customerName: string | null;
    score: number;
  }[];
}

export interface UsageImportResult {
  importId: string;
  matched: number;
  queued: number;
  unmatched: number;
  /** Usage facts newly added; a repeated import adds none. */
  facts: number;
  /** Existing facts whose dates or amount band the extract moved on. */
  factsUpdated: number;
  discardedBefore: number;
  problems: ExtractProblem[];
}

export interface UsageImportRow {
  id: string;
  line: string;
  fileName: string;
  asOf: string;
  at: string;
  by: string | null;
  rows: number;
  matched: number;
  queued: number;
  unmatched: number;
  facts: number;
}

export type QueueStatus = 'pending' | 'picked' | 'created' | 'discarded';
export const QUEUE_STATUS_LABELS: Record<QueueStatus, string> = { pending: '待核对', picked: '已匹配', created: '已新建', discarded: '已驳回' };

/** Score at or above which a candidate is worth a clerk's look (below it the row counts as unmatched). */
export const CANDIDATE_MIN_SCORE = 40;

export interface QueueRow {
  id: string;
  line: string;
  fileName: string;
  rowNumber: number;
  name: string;
  idNumber: string | null;
  phone: string | null;
  place: string | null;
  product: string | null;
  lastDate: string | null;
  bestScore: number;
  candidates: number;
  status: QueueStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  reason: string | null;
  customerId: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
  counts: { pending: number; ambiguous: number; unmatched: number; resolved: number };
}

export type FieldAgreement = 'same' | 'differs' | 'missing';

export interface QueueCandidate {
  customerId: string;
  score: number;
  reasons: string[];
  name: string;
  idNumber: string | null;
  phone: string | null;
  villageName: string | null;
  groupName: string | null;
  address: string | null;
  grade: 1 | 2 | 3 | 4;
  /** Per field, how the candidate compares with the extract row (for highlighting). */
  agree: { name: FieldAgreement; idNumber: FieldAgreement; phone: FieldAgreement; village: FieldAgreement; address: FieldAgreement };
}

export interface QueueDetail {
  entry: QueueRow & {
    villageId: string | null;
    villageText: string | null;
    address: string | null;
    firstDate: string | null;
    amountBand: string | null;
    sameSource: number;
  };
  candidates: QueueCandidate[];
}

export interface QueueDecision {
  id: string;
  status: QueueStatus;
  customerId: string | null;
  /** Other pending entries of the same person resolved along with this one. */
  alsoResolved: number;
  /** Empty customer fields the row filled in (勾挑核对 completes the record). */
  filled: string[];
  factsAdded: number;
}

export type LibraryKind = 'line' | 'group';

export interface Library {
  id: string;
  kind: LibraryKind;
  name: string;
  /** Tag that defines a group library, or the line of a line library. */
  tag: string | null;
  line: string | null;
  householdTypes: string[];
  ageMin: number | null;
  ageMax: number | null;
  builtin: boolean;
  count: number;
}

export interface PlanItem {
  id: string;
  year: number;
  libraryId: string;
  libraryName: string;
  startQuarter: Quarter;
  endQuarter: Quarter;
  target: number;
  count: number;
  /** upcoming: not started; active: in its quarters; done: target reached; late: its last quarter has passed short of it. */
  state: 'upcoming' | 'active' | 'done' | 'late';
}

export interface UsageSummary {
  queue: {
    pending: number;
    ambiguous: number;
    unmatched: number;
    oldestAt: string | null;
    oldestDays: number | null;
    byLine: { line: string; pending: number }[];
  };
  plan: { year: number; quarter: Quarter; items: PlanItem[]; dueNow: number; dueDone: number };
}
