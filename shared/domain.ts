/** Domain records as the UI sees them. Dates are ISO strings; money is integer fen (分). */

export const ROLES = ['admin', 'supervisor', 'clerk', 'carrier'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', supervisor: '主管', clerk: '营业员', carrier: '投递员' };

export type VillageKind = 'village' | 'community' | 'unit';
export const VILLAGE_KIND_LABELS: Record<VillageKind, string> = { village: '行政村', community: '社区', unit: '城市单元' };

export interface Village {
  id: string;
  /** 12-digit statistical division code; null for villages the branch added by hand (自建). */
  code: string | null;
  name: string;
  kind: VillageKind;
  townName: string | null;
  postalCode: string | null;
  customerCount: number;
  createdAt: string;
  updatedAt: string;
}

export type CustomerKind = 'person' | 'org';

/** Default 六大户 list; the branch can extend it in 设置. */
export const DEFAULT_HOUSEHOLD_TYPES = ['种植大户', '养殖大户', '个体工商户', '运输户', '加工户', '外出务工户'] as const;

export interface Customer {
  id: string;
  kind: CustomerKind;
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  phone: string | null;
  landline: string | null;
  villageId: string | null;
  villageName: string | null;
  groupName: string | null;
  address: string | null;
  householdType: string | null;
  tags: string[];
  incomeBand: string | null;
  consent: boolean;
  source: string | null;
  notes: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  maintainedAt: string | null;
  maintainedBy: string | null;
  selectionCount: number;
  lastSelectedAt: string | null;
}

/** One line of the customer list: what the table shows, small enough to ship tens of thousands. */
export interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  villageName: string | null;
  address: string | null;
  householdType: string | null;
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
