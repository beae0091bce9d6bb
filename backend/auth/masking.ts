/**
 * For roles without full view, what an ID number gives away leaves the backend cut down, whatever the operation.
 * The masked number (3714**********123X) hides digits 5–14, but the birth date is digits 7–14 and the county of
 * registration names digits 1–6, and the check digit then settles the rest: so the birth date keeps only its
 * year, the county only its province, and a coming birthday goes too. The walk goes over every result by field
 * name — the domain types' camelCase fields, the snake_case columns of conflict views and audit details — and
 * masks a whole ID number wherever it sits in free text, so a new list or a note cannot forget one.
 */
import { FULL_ID_ROLES, seesFullIds } from '../../shared/domain';
import { idCheckDigit, maskIdNumber } from '../../shared/idNumber';

export { FULL_ID_ROLES, seesFullIds };

const PROVINCE = /^(?:.+?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)/;

/** 山东省德州市德城区 → 山东省; null when the name does not start with a province (nothing finer is shown). */
export function provinceOf(region: string): string | null {
  return PROVINCE.exec(region)?.[0] ?? null;
}

const maskNumber = (v: unknown) => (typeof v === 'string' && !v.includes('*') ? maskIdNumber(v) : v);
const yearOnly = (v: unknown) => (typeof v === 'string' ? v.slice(0, 4) : v);

/** Field (or column) → what a masked role gets instead. */
const DERIVED: Record<string, (v: unknown) => unknown> = {
  idNumber: maskNumber,
  id_number: maskNumber,
  birthDate: yearOnly,
  birth_date: yearOnly,
  region: (v) => (typeof v === 'string' ? provinceOf(v) : v),
  // The stock warning quotes the six digits of the county code.
  regionWarning: (v) => (typeof v === 'string' ? '身份证号的地区代码不在现行区划中（可能是已撤销的旧代码）' : v),
  nextBirthday: () => null,
  daysUntil: () => null,
};

/** A conflict view names its column in `field` and carries the two values under these keys. */
const CHANGED_VALUES = new Set(['keptValue', 'lostValue']);

/** 18 characters shaped like an ID number, standing alone; masked only when the check digit agrees. */
const ID_IN_TEXT = /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g;

function maskText(s: string): string {
  return s.replace(ID_IN_TEXT, (m) => (idCheckDigit(m.slice(0, 17)) === m[17]!.toUpperCase() ? maskIdNumber(m.toUpperCase()) : m));
}

function walk(value: unknown, key: string | null): unknown {
  // File contents are checked where files are made (and refused to these roles where they would carry numbers).
  if (typeof value === 'string') return key === 'dataBase64' ? value : maskText(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, null));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const changed = typeof obj['field'] === 'string' ? DERIVED[obj['field']] : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const rule = DERIVED[k] ?? (changed && CHANGED_VALUES.has(k) ? changed : undefined);
    out[k] = rule && v !== null && v !== undefined ? rule(v) : walk(v, k);
  }
  return out;
}

export function maskIds<T>(value: T): T {
  return walk(value, null) as T;
}
