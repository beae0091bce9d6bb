import type { Reader, Writer } from '../db/handles';

export const SETTING_BRANCH_NAME = 'branch.name';

export function getSetting(r: Reader, key: string): string | undefined {
  return r.value<string>('SELECT value FROM settings WHERE key = ?', [key]);
}

export function setSetting(w: Writer, key: string, value: string): void {
  w.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}
