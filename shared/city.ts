/**
 * The city figures the hub's console shows (网点, 专项活动, 数据维护, 同步状况), as the hub computes them in
 * PostgreSQL over the typed branch tables (server/city/). Money in fen, rates as fractions, times ISO.
 */

export interface CityBranchRow {
  id: string;
  name: string;
  createdAt: string;
  disabled: boolean;
  /** Last successful contact: the end of a pull, or a push. */
  lastSyncAt: string | null;
  /** Changes the branch reported waiting in its outbox at its last pull. */
  pending: number | null;
  appVersion: string | null;
  schemaVersion: number | null;
  openConflicts: number;
  customers: number;
  villages: number;
  /** Changes refused since the branch's last accepted push, and the latest reason. */
  rejected: number;
  lastRejectedReason: string | null;
  lastRejectedAt: string | null;
}

/** Branches that need a person: silent for over a day (or never synced), or with refused changes. */
export interface SyncHealth {
  silent: { id: string; name: string; lastSyncAt: string | null }[];
  rejecting: { id: string; name: string; rejected: number; lastRejectedReason: string | null }[];
}

export interface CampaignProgressRow {
  branchId: string;
  branch: string;
  /** Whether the branch has pulled the campaign yet: until it has, its zeros mean 尚未收到, not 没有进展. */
  received: boolean;
  /** The branch's last push or pull, null if it never synced. */
  lastSyncAt: string | null;
  /** The count issued (计划户数): a number, or the length of the issued list. */
  plan: number | null;
  targets: number;
  /** Targets bound to a carrier, and bound within 3 days of the campaign's freezing (或开始). */
  bound: number;
  boundIn3Days: number;
  /** Targets with an outcome entered (反馈): the feedback rate is visited / targets, against 5%. */
  visited: number;
  /** Targets where a person was reached. */
  contacted: number;
  success: number;
  turnoverFen: number;
  revenueFen: number;
  bindRate: number;
  bindRate3Days: number;
  feedbackRate: number;
  successRate: number;
  /** targets / plan, null without a plan. */
  planRate: number | null;
}

export interface CampaignProgress {
  id: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
  channels: string[];
  branches: CampaignProgressRow[];
  total: Omit<CampaignProgressRow, 'branchId' | 'branch' | 'received' | 'lastSyncAt'>;
}

/** One branch of a campaign, by carrier or by village. */
export interface CampaignDrillRow {
  key: string;
  label: string;
  targets: number;
  visited: number;
  contacted: number;
  success: number;
  turnoverFen: number;
  revenueFen: number;
  feedbackRate: number;
  successRate: number;
}

export interface CampaignDrill {
  branch: string;
  byCarrier: CampaignDrillRow[];
  byVillage: CampaignDrillRow[];
}

export interface MaintenanceRow {
  branchId: string;
  branch: string;
  customers: number;
  villages: number;
  /** Villages (or units) below 100 customers. */
  villagesUnder100: number;
  /** Villages maintained this year (any customer maintained in it) and the share, against 80%. */
  villagesMaintained: number;
  maintainedShare: number;
  /** Share of the annual target reached, against the quarter's 30/60/90/100% plan. */
  quarterPlan: number;
  quarterReached: number;
  /** Share of customers with rich attributes, against 20%. */
  richness: number;
  grades: [number, number, number, number];
  /** 0.1 yuan per 一等/二等 record, paid only when the plan was met. */
  subsidyFen: number;
  subsidyPaid: boolean;
  subsidyWhyNot: string | null;
}

export interface CityMaintenance {
  year: number;
  quarter: number;
  branches: MaintenanceRow[];
}
