import type { Channel } from './campaign';
import type { ErrorPayload } from './errors';
import type { MailResults } from './mail';
import type { CustomerFields } from './customerFields';

/** Domain records as the UI sees them. Dates are ISO strings; money is integer fen (分). */

export const ROLES = ['admin', 'supervisor', 'clerk', 'carrier'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', supervisor: '主管', clerk: '营业员', carrier: '投递员' };
/**
 * Roles that see whole ID numbers and what they give away (birth date, county of registration). The others get
 * them cut down by the backend (backend/auth/masking.ts) and may search by a whole number only.
 */
export const FULL_ID_ROLES: readonly Role[] = ['admin', 'supervisor'];
export const seesFullIds = (role: Role): boolean => FULL_ID_ROLES.includes(role);

export type VillageKind = 'village' | 'community' | 'unit';
export const VILLAGE_KIND_LABELS: Record<VillageKind, string> = { village: '行政村', community: '社区', unit: '城市单元' };

export interface Village {
  id: string;
  /** 12-digit statistical division code; null for villages the branch added by hand (自建). */
  code: string | null;
  name: string;
  kind: VillageKind;
  townCode: string | null;
  townName: string | null;
  /** For 城市单元: the street and building of the address base. */
  street: string | null;
  building: string | null;
  /** Edition of the division list the code comes from. */
  edition: string | null;
  /** Pinyin initials of the name (东风村民委员会 → dfcmwyh), for pickers. */
  initials: string;
  postalCode: string | null;
  customerCount: number;
  /** Set when the branch marked the village as outside its area (不服务): it then leaves every KPI and count. */
  notServedAt: string | null;
  notServedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CustomerKind = 'person' | 'org';

/** Default 六大户 list; the branch can extend it in 设置. */
export const DEFAULT_HOUSEHOLD_TYPES = ['种植大户', '养殖大户', '个体工商户', '运输户', '加工户', '外出务工户'] as const;

/** A stored customer: its fields as declared in shared/customerFields.ts, and what the branch keeps about it. */
export interface Customer extends Omit<CustomerFields, 'noContact'> {
  id: string;
  /** 客户编号 people read out and type (shared/customerCode.ts); null only until the PC fills it in. */
  code: string | null;
  /** YYYY-MM-DD from the ID number; only the year (YYYY) for roles without full ID view. */
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  villageName: string | null;
  consentAt: string | null;
  /** Channels the customer asked not to be contacted on (拒绝接触渠道); their lists leave the customer out. */
  noContact: Channel[];
  /** 1 一等 … 4 四等, see shared/grading.ts. */
  grade: 1 | 2 | 3 | 4;
  /** 空号错号 etc., set by visit outcomes; cleared when the phone is edited. */
  phoneFlag: string | null;
  addressFlag: string | null;
  verifiedAt: string | null;
  usage: UsageFact[];
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  maintainedAt: string | null;
  maintainedBy: string | null;
  selectionCount: number;
  lastSelectedAt: string | null;
  /** County of registration from the ID number's first six digits (e.g. 山东省德州市德城区); only the province (山东省) for roles without full ID view. */
  region: string | null;
  /** Set when the ID number's region code is not in the current list (codes retire over the decades). */
  regionWarning: string | null;
}

export interface UsageFact {
  id: string;
  line: string;
  product: string | null;
  firstDate: string | null;
  lastDate: string | null;
  amountBand: string | null;
  source: string;
}

/** One line of the customer list: what the table shows, small enough to ship tens of thousands. */
export interface CustomerRow {
  id: string;
  code: string | null;
  name: string;
  phone: string | null;
  idNumber: string | null;
  villageName: string | null;
  address: string | null;
  householdType: string | null;
  grade: 1 | 2 | 3 | 4;
  updatedAt: string;
}

export interface CustomerPage {
  rows: CustomerRow[];
  total: number;
}

export interface AppInfo {
  branchName: string;
  version: string;
  schemaVersion: string;
  /** Where the data lives, shown in 设置 so an administrator can back it up. */
  dataDir: string;
  snapshotGeneration: number;
  pendingLogRecords: number;
}

export type TableCounts = Record<string, number>;

export interface JobStatus {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What it is doing now, in Chinese (读取文件, 校验, 写入 …). */
  phase: string;
  done: number;
  total: number;
  error?: ErrorPayload;
}

export interface ImportProblem {
  /** Row number as Excel shows it (1-based). */
  row: number;
  column: string;
  message: string;
}

export type ImportFieldKey =
  | 'customerCode'
  | 'name'
  | 'kind'
  | 'idNumber'
  | 'phone'
  | 'landline'
  | 'village'
  | 'groupName'
  | 'address'
  | 'householdType'
  | 'tags'
  | 'incomeBand'
  | 'consent'
  | 'noContact'
  | 'source'
  | 'usage'
  | 'influence'
  | 'referrer'
  | 'interests'
  | 'notes';

export interface ImportPreview {
  jobId: string;
  fileName: string;
  sheetName: string;
  /** 1-based row of the header. */
  headerRow: number;
  headers: string[];
  /** Field → 0-based column index. */
  mapping: Partial<Record<ImportFieldKey, number>>;
  fieldLabels: Record<ImportFieldKey, string>;
  dataRows: number;
  validRows: number;
  newRows: number;
  /** Valid rows that match a customer already in the database (by 客户编号, ID number, or name + phone). */
  duplicateRows: number;
  /** Rows dropped as repeats of an earlier row of the same file. */
  fileDuplicateRows: number;
  problemRows: number;
  /** The first problems (all of them are in the error report). */
  problems: ImportProblem[];
  /** Rows that are imported, but with something left out (电话不详 → no phone); the clerk may want to check them. */
  warnings: ImportProblem[];
  warningRows: number;
  /** Rows left out as totals (合计：44 人), not as problems. */
  totalsRows: number;
  sample: { row: number; name: string; phone: string | null; idNumber: string | null; villageName: string | null; match: string | null }[];
}

export interface ImportResult {
  importId: string;
  inserted: number;
  updated: number;
  skipped: number;
  errors: ImportProblem[];
}

export interface FileDownload {
  fileName: string;
  /** File content, base64. */
  dataBase64: string;
}

/** Why two records were taken for one person; see backend/services/duplicateRules.ts. */
export type DuplicateReason = 'idNumber' | 'mobile' | 'landline' | 'sameName' | 'homophone' | 'nearName' | 'sameAddress';
export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  idNumber: '同身份证号',
  mobile: '同手机号',
  landline: '同固定电话',
  sameName: '同名',
  homophone: '姓名同音',
  nearName: '姓名差一字',
  sameAddress: '同址',
};

export interface DuplicateGroup {
  /** The reasons of the group's strongest pair, strongest first. */
  reasons: DuplicateReason[];
  customers: {
    id: string;
    code: string | null;
    name: string;
    idNumber: string | null;
    phone: string | null;
    villageName: string | null;
    address: string | null;
    updatedAt: string;
  }[];
  /** Each pair the finder proposed (a group of three holds up to three), with its own reasons. */
  pairs: { a: string; b: string; reasons: DuplicateReason[] }[];
}

export interface CleanupCandidate {
  id: string;
  name: string;
  villageName: string | null;
  address: string | null;
  createdAt: string;
  source: string | null;
}

export interface VillageKpi {
  villageId: string;
  name: string;
  code: string | null;
  customers: number;
  belowMinimum: boolean;
  /** Share of its customers maintained within the last year (target 80%). */
  maintainedShare: number;
  maintainedOk: boolean;
  /** Average share of optional attributes filled (target 20%). */
  richness: number;
  richnessOk: boolean;
  grades: Record<1 | 2 | 3 | 4, number>;
  /** This month's verification sample: not drawn for this village, drawn and pending, or done. */
  verification: 'none' | 'pending' | 'done';
}

export interface MaintenanceDashboard {
  asOf: string;
  villages: VillageKpi[];
  totals: {
    villages: number;
    customers: number;
    villagesBelowMinimum: number;
    villagesMaintainedOk: number;
    villagesMaintainedShare: number;
    /** Villages marked 不服务: left out of every figure above, counted here so the page can say so. */
    villagesNotServed: number;
    richness: number;
  };
  plan: {
    annualTarget: number;
    maintainedThisYear: number;
    quarter: 1 | 2 | 3 | 4;
    /** Share of the annual target due by the end of this quarter (30/60/90/100%). */
    planShare: number;
    planCount: number;
    achievedShare: number;
    onTrack: boolean;
  };
  targets: { minCustomers: number; maintainedShare: number; richness: number };
}

export interface VerificationItem {
  id: string;
  villageId: string;
  villageName: string;
  customers: number;
  drawnAt: string;
  doneAt: string | null;
  doneBy: string | null;
  note: string | null;
}

export interface VerificationMonth {
  month: string;
  /** ~8% of villages/units, at least one. */
  targetCount: number;
  items: VerificationItem[];
}

export interface BirthdayRow {
  id: string;
  name: string;
  birthDate: string;
  /** The date of the coming birthday, YYYY-MM-DD. */
  nextBirthday: string;
  daysUntil: number;
  turning: number;
  phone: string | null;
  villageName: string | null;
  address: string | null;
  consent: boolean;
}

export interface MaintenanceEvent {
  id: string;
  at: string;
  by: string | null;
  /** create | edit | delete | restore | import | merge | verify | visit … */
  action: string;
  fields: string[];
}

export interface BranchSettings {
  branchName: string;
  /** 六大户 and any types the branch adds. */
  householdTypes: string[];
  /** Records to maintain this year; null = the number of customers. */
  maintenanceAnnualTarget: number | null;
  /** Campaign revenue planned for the year, in fen; null = not set (no revenue plan line). */
  revenueAnnualTarget: number | null;
  /** Minutes without activity before the session locks. */
  idleMinutes: number;
  /** The branch's postal code: the sender's on envelopes, and villages with none of their own (or their town's) use it. */
  postalCode: string | null;
  /** The county the branch lies in (6 digits), chosen at set-up. */
  countyCode: string | null;
}

/** A village or neighbourhood committee of the national division list. */
export interface DivisionHit {
  code: string;
  name: string;
  /** Pinyin initials of the name, e.g. dfcmwyh. */
  initials: string;
  townCode: string;
  townName: string;
  countyCode: string;
  /** e.g. 山东省德州市德城区 */
  countyName: string;
}

export interface SetupStatus {
  /** False on a brand-new installation: the UI shows the first-start wizard. */
  configured: boolean;
  branchName: string | null;
  postalCode: string | null;
  countyCode: string | null;
  countyName: string | null;
  villages: number;
  /** Edition (year) of the shipped national division list. */
  edition: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string | null;
  role: string | null;
  action: string;
  target: string | null;
  targetIds: string[];
  details: unknown;
}

export interface UserInfo {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AuthState {
  /** False on a brand-new installation: the first start creates an administrator. */
  hasUsers: boolean;
  user: UserInfo | null;
  /** The session exists but has been idle too long: the password must be entered again. */
  locked: boolean;
  idleMinutes: number;
}

/** What the backend returns on log-in; hosts keep the token (cookie / main process) and strip it. */
export interface LoginResult {
  user: UserInfo;
  token?: string;
}

export interface SegmentCount {
  /** Customers the filter matches. */
  matched: number;
  /** Of those, the ones that may be selected (marketing consent). */
  selectable: number;
  /** Why the others are left out. */
  excluded: { reason: string; count: number }[];
  /** Selectable ones by grade: campaigns take 一等 first. */
  byGrade: Record<1 | 2 | 3 | 4, number>;
}

export interface Campaign {
  id: string;
  name: string;
  products: string[];
  /** Channel codes: letter, door, sms, phone, meeting, fax, email (see shared/campaign.ts CHANNELS). */
  channels: string[];
  startDate: string | null;
  endDate: string | null;
  targetCount: number | null;
  /** Money in fen. */
  targetTurnover: number | null;
  targetRevenue: number | null;
  owner: 'branch' | 'hub';
  stage: 'idea' | 'analysis' | 'planning' | 'test' | 'execution' | 'evaluation';
  stageHistory: { stage: string; at: string; by: string | null }[];
  script: string | null;
  segment: unknown;
  frozenAt: string | null;
  targets: number;
  /** The year of the archive file its targets and visits moved to (归档); null while they are here. */
  archivedYear: number | null;
  variants: { code: string; name: string; offer: string | null }[];
  createdAt: string;
  createdBy: string | null;
}

export interface RateRow {
  key: string;
  label: string;
  targets: number;
  assigned: number;
  visited: number;
  contacted: number;
  interested: number;
  success: number;
  feedbackRate: number;
  contactRate: number;
  successRate: number;
  turnover: number;
  revenue: number;
}

export interface CampaignResults {
  campaignId: string;
  name: string;
  overall: RateRow;
  /** Below the 5% floor. */
  feedbackLow: boolean;
  outcomes: Record<string, number>;
  byCarrier: RateRow[];
  byVillage: RateRow[];
  byVariant: RateRow[];
  byChannel: RateRow[];
  /** Ended more than a month ago, and targets still lack an outcome. */
  overdue: { targetsWithoutOutcome: number; endedOn: string } | null;
  /** Campaigns on the letter channel: pieces numbered on mailing lists, returned (退信) and the return rate. */
  mail: Pick<MailResults, 'pieces' | 'returned' | 'returnRate' | 'byReason'> | null;
  /** Once a cost per piece or a fixed cost is entered: mail.results' cost and return, overall, per variant and channel. */
  cost: CampaignCostReturn | null;
}

export type CampaignCostReturn = Pick<
  MailResults,
  'costs' | 'cost' | 'revenue' | 'successes' | 'roi' | 'costPerSuccess' | 'smsSegments' | 'calls' | 'byVariant' | 'byChannel'
>;

export interface OpenTarget {
  targetId: string;
  campaignId: string;
  campaignName: string;
  customerId: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  villageName: string | null;
  address: string | null;
  householdType: string | null;
  variant: string | null;
  lastOutcome: string | null;
  followUpDate: string | null;
  carrierId: string | null;
  carrierName: string | null;
  /** The customer refused door-to-door visits: the printed round leaves the target out. */
  doorRefused: boolean;
}

export interface DispatchStatus {
  targets: number;
  /** Targets whose customer refused door-to-door visits (拒绝接触渠道 上门): never put on a carrier's list. */
  doorRefused: number;
  /** Carrier-bound targets among the others; the rates are over targets − doorRefused. */
  assigned: number;
  bindingRate: number;
  /** Share assigned within 3 days of the campaign start, and whether it reached 90%. */
  assignedWithin3Days: number;
  met90In3Days: boolean;
  byCarrier: { carrierId: string; carrierName: string; targets: number; villages: number }[];
  /** Per village, with the carriers who already hold some of its targets. */
  byVillage: {
    villageId: string | null;
    villageName: string | null;
    targets: number;
    unassigned: number;
    doorRefused: number;
    carriers: { id: string; name: string }[];
  }[];
}

export const REPORT_NAMES = ['campaign', 'maintenance', 'subsidy', 'quarterly', 'carriers', 'overdue'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
export const REPORT_TITLES: Record<ReportName, string> = {
  campaign: '营销活动汇总',
  maintenance: '数据维护报表',
  subsidy: '维护补贴',
  quarterly: '季度进度',
  carriers: '投递员业绩',
  overdue: '逾期未反馈',
};
export type ReportColumnType = 'text' | 'int' | 'money' | 'percent' | 'date';

export interface ReportColumn {
  key: string;
  title: string;
  /** money: fen in rows, ¥ with two decimals when shown; percent: a fraction, shown with one decimal. */
  type: ReportColumnType;
  width?: number;
  /** Summed in the totals row. */
  sum?: boolean;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  totals: Record<string, ReportCell> | null;
}

export interface Report {
  name: ReportName;
  title: string;
  branchName: string;
  from: string | null;
  to: string | null;
  generatedAt: string;
  tables: ReportTable[];
  /** Plain-language remarks (e.g. why no subsidy is due). */
  notes: string[];
}
