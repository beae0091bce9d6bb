/** Birthdays in the coming days (from ID-number birth dates), for greeting cards sent ahead of each birthday. */
import type { BirthdayRow } from '../../shared/domain';
import type { Reader } from '../db/handles';

const DAY = 86_400_000;
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** This year's or next year's birthday on or after `today`; 29 February falls on 28 February in common years. */
export function nextBirthday(birthDate: string, today: Date): Date {
  const [, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const base = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  for (const year of [base.getFullYear(), base.getFullYear() + 1]) {
    const candidate = new Date(year, m - 1, d);
    if (candidate.getMonth() !== m - 1) candidate.setDate(0);
    if (candidate.getTime() >= base.getTime()) return candidate;
  }
  throw new Error('unreachable');
}

export function upcomingBirthdays(r: Reader, today: Date, days: number): BirthdayRow[] {
  const base = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const rows = r.all<{
    id: string;
    name: string;
    birth_date: string;
    phone: string | null;
    village_name: string | null;
    address: string | null;
    consent: number;
  }>(
    `SELECT c.id, c.name, c.birth_date, c.phone, v.name AS village_name, c.address, c.consent
     FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE c.deleted_at IS NULL AND c.birth_date IS NOT NULL`,
  );
  const out: BirthdayRow[] = [];
  for (const c of rows) {
    const next = nextBirthday(c.birth_date, base);
    const daysUntil = Math.round((next.getTime() - base.getTime()) / DAY);
    if (daysUntil > days) continue;
    out.push({
      id: c.id,
      name: c.name,
      birthDate: c.birth_date,
      nextBirthday: ymd(next),
      daysUntil,
      turning: next.getFullYear() - Number(c.birth_date.slice(0, 4)),
      phone: c.phone,
      villageName: c.village_name,
      address: c.address,
      consent: c.consent === 1,
    });
  }
  return out.sort((a, b) => a.daysUntil - b.daysUntil || a.name.localeCompare(b.name, 'zh'));
}
