import { DEFAULT_HOUSEHOLD_TYPES, type BranchSettings } from '../../shared/domain';
import type { Reader, Writer } from '../db/handles';

export const SETTING_BRANCH_NAME = 'branch.name';
/** The branch's own postal code (set-up, then 设置): the sender's code on envelopes, the fallback for villages. */
export const SETTING_POSTAL_CODE = 'branch.postalCode';
export const SETTING_COUNTY = 'branch.countyCode';

export function getSetting(r: Reader, key: string): string | undefined {
  return r.value<string>('SELECT value FROM settings WHERE key = ?', [key]);
}

export function setSetting(w: Writer, key: string, value: string): void {
  w.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

export const SETTING_HOUSEHOLD_TYPES = 'customers.householdTypes';
export const SETTING_MAINTENANCE_TARGET = 'maintenance.annualTarget';
/** Campaign revenue the branch plans for the year, in fen; the quarterly plan is 25/50/75/100% of it. */
export const SETTING_REVENUE_TARGET = 'revenue.annualTarget';
export const SETTING_IDLE_MINUTES = 'security.idleMinutes';
export const DEFAULT_IDLE_MINUTES = 15;

export function idleMinutes(r: Reader): number {
  return Number(getSetting(r, SETTING_IDLE_MINUTES) ?? DEFAULT_IDLE_MINUTES);
}

export function branchSettings(r: Reader): BranchSettings {
  const types = getSetting(r, SETTING_HOUSEHOLD_TYPES);
  const target = getSetting(r, SETTING_MAINTENANCE_TARGET);
  const revenue = getSetting(r, SETTING_REVENUE_TARGET);
  return {
    branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '未命名网点',
    householdTypes: types ? (JSON.parse(types) as string[]) : [...DEFAULT_HOUSEHOLD_TYPES],
    maintenanceAnnualTarget: target ? Number(target) : null,
    revenueAnnualTarget: revenue ? Number(revenue) : null,
    idleMinutes: idleMinutes(r),
    postalCode: getSetting(r, SETTING_POSTAL_CODE) ?? null,
    countyCode: getSetting(r, SETTING_COUNTY) ?? null,
  };
}

/** The settings made at set-up that only an administrator changes afterwards. */
export const ADMIN_ONLY_SETTINGS = ['postalCode', 'countyCode'] as const;

/** undefined leaves the setting alone; null removes it (back to the default). */
function setOrClear(w: Writer, key: string, value: number | null | undefined): void {
  if (value === null) w.run('DELETE FROM settings WHERE key = ?', [key]);
  else if (value !== undefined) setSetting(w, key, String(value));
}

export interface BranchSettingsPatch {
  branchName?: string | undefined;
  householdTypes?: string[] | undefined;
  maintenanceAnnualTarget?: number | null | undefined;
  revenueAnnualTarget?: number | null | undefined;
  idleMinutes?: number | undefined;
  /** null clears it (envelopes then print no sender code, villages without their own code have none). */
  postalCode?: string | null | undefined;
  countyCode?: string | undefined;
}

export function updateBranchSettings(w: Writer, patch: BranchSettingsPatch, at: string = new Date().toISOString()): BranchSettings {
  if (patch.branchName !== undefined) setSetting(w, SETTING_BRANCH_NAME, patch.branchName);
  if (patch.postalCode !== undefined) {
    const old = getSetting(w, SETTING_POSTAL_CODE) ?? null;
    if (patch.postalCode === null) w.run('DELETE FROM settings WHERE key = ?', [SETTING_POSTAL_CODE]);
    else setSetting(w, SETTING_POSTAL_CODE, patch.postalCode);
    // Set-up (and 在全国范围查找 since) wrote the branch's code into each new village; those villages follow the
    // branch's new code (through their town's, if it has one). A village whose code was typed differently keeps it.
    if (old && old !== patch.postalCode)
      w.run('UPDATE villages SET postal_code = NULL, updated_at = ? WHERE postal_code = ? AND deleted_at IS NULL', [at, old]);
  }
  if (patch.countyCode !== undefined) setSetting(w, SETTING_COUNTY, patch.countyCode);
  if (patch.householdTypes !== undefined) setSetting(w, SETTING_HOUSEHOLD_TYPES, JSON.stringify([...new Set(patch.householdTypes)]));
  if (patch.idleMinutes !== undefined) setSetting(w, SETTING_IDLE_MINUTES, String(patch.idleMinutes));
  setOrClear(w, SETTING_MAINTENANCE_TARGET, patch.maintenanceAnnualTarget);
  setOrClear(w, SETTING_REVENUE_TARGET, patch.revenueAnnualTarget);
  return branchSettings(w);
}
