/**
 * Synthetic branch data for demos, tests and benchmarks: Chinese names, ID numbers with correct check digits,
 * mobile numbers, household types, tags and usage facts. Deterministic for a given seed.
 */
import { DEFAULT_HOUSEHOLD_TYPES } from '../../shared/domain';
import { gradeOf } from '../../shared/grading';
import { idCheckDigit } from '../../shared/idNumber';
import { pinyinInitials } from '../../shared/pinyin';
import type { Writer } from '../db/handles';
import { COUNTY_CODES, GIVEN_CHARS, INCOME_BANDS, ROADS, SOURCES, SURNAMES, TAGS, TOWNS, USAGE_LINES, VILLAGE_STEMS } from './names';
import { Rng } from './random';
import { codesInUse, freeDerivedCode } from '../services/customerCodes';

export interface SeedOptions {
  villages: number;
  /** Put customers into these existing villages instead of creating villages. */
  villageIds?: string[];
  customers: number;
  seed: number;
  now: Date;
  actor: string;
}

export interface SeedResult {
  villages: number;
  customers: number;
  usageFacts: number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function fakeIdNumber(rng: Rng, now: Date): string {
  const year = rng.int(1940, now.getFullYear() - 18);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const first17 = `${rng.pick(COUNTY_CODES)}${year}${pad(month, 2)}${pad(day, 2)}${pad(rng.int(0, 999), 3)}`;
  return first17 + idCheckDigit(first17);
}

// Whole blocks that are assigned, so every generated number passes the numbering-plan check (154, 174, 194… are not).
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '198',
  '199',
];

export function fakeMobile(rng: Rng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${pad(rng.int(0, 99_999_999), 8)}`;
}

export function fakeName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS);
  return rng.pick(SURNAMES) + given;
}

/** Inserts into an open write transaction; the caller decides on durability (one log record). */
export function seedBranch(w: Writer, opts: SeedOptions): SeedResult {
  const rng = new Rng(opts.seed);
  const at = opts.now.toISOString();
  const villageIds: string[] = [...(opts.villageIds ?? [])];
  const usedNames = new Set(w.all<{ name: string }>('SELECT name FROM villages WHERE deleted_at IS NULL').map((r) => r.name));
  for (let i = 0; i < (opts.villageIds ? 0 : opts.villages); i++) {
    let name = `${rng.pick(VILLAGE_STEMS)}村`;
    for (let k = 2; usedNames.has(name); k++) name = `${name.replace(/\d*村$/, '')}${k}村`;
    usedNames.add(name);
    const id = rng.uuid();
    villageIds.push(id);
    w.run(
      `INSERT INTO villages (id, code, name, kind, town_name, postal_code, initials, created_at, updated_at) VALUES (?, NULL, ?, 'village', ?, ?, ?, ?, ?)`,
      [id, name, rng.pick(TOWNS), `2530${pad(rng.int(0, 99), 2)}`, pinyinInitials(name), at, at],
    );
  }
  const seenIds = new Set<string>();
  // Codes in the same insert: a second write giving 50,000 rows their codes would double the seed's log.
  const codes = codesInUse(w);
  let facts = 0;
  const dayMs = 86_400_000;
  for (let i = 0; i < opts.customers; i++) {
    const id = rng.uuid();
    let idNumber: string | null = rng.chance(0.75) ? fakeIdNumber(rng, opts.now) : null;
    if (idNumber && seenIds.has(idNumber)) idNumber = null;
    if (idNumber) seenIds.add(idNumber);
    const birth = idNumber ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : null;
    const sex = idNumber ? (Number(idNumber[16]) % 2 === 1 ? 'M' : 'F') : null;
    const created = new Date(opts.now.getTime() - rng.int(0, 3 * 365) * dayMs).toISOString();
    const maintained = rng.chance(0.6) ? new Date(opts.now.getTime() - rng.int(0, 500) * dayMs).toISOString() : null;
    const villageId = villageIds.length ? rng.pick(villageIds) : null;
    const usage = rng.some(USAGE_LINES, 2);
    // Past selections only (campaign seeding adds dated ones), so the stored grade is what the rules give.
    const grade = gradeOf({ maintainedAt: maintained, selectionsWithinYear: 0, hasUsage: usage.length > 0 }, opts.now);
    w.run(
      `INSERT INTO customers (id, code, kind, name, id_number, birth_date, sex, phone, village_id, group_name, address, household_type,
         tags, income_band, consent, source, created_at, created_by, updated_at, maintained_at, maintained_by, selection_count, grade, grade_at)
       VALUES (?, ?, 'person', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        freeDerivedCode(id, codes),
        fakeName(rng),
        idNumber,
        birth,
        sex,
        rng.chance(0.85) ? fakeMobile(rng) : null,
        villageId,
        rng.chance(0.5) ? `${rng.int(1, 9)}组` : null,
        `${rng.pick(ROADS)}${rng.int(1, 199)}号`,
        rng.chance(0.4) ? rng.pick(DEFAULT_HOUSEHOLD_TYPES) : null,
        JSON.stringify(rng.some(TAGS, 2)),
        rng.pick(INCOME_BANDS),
        rng.chance(0.8) ? 1 : 0,
        rng.pick(SOURCES),
        created,
        opts.actor,
        maintained ?? created,
        maintained,
        maintained ? opts.actor : null,
        rng.int(0, 5),
        grade,
        at,
      ],
    );
    for (const u of usage) {
      const last = new Date(opts.now.getTime() - rng.int(0, 700) * dayMs);
      const first = new Date(last.getTime() - rng.int(0, 2000) * dayMs);
      w.run(`INSERT INTO usage_facts (id, customer_id, line, product, first_date, last_date, source, created_at) VALUES (?, ?, ?, ?, ?, ?, '种子数据', ?)`, [
        rng.uuid(),
        id,
        u.line,
        rng.pick(u.products),
        isoDate(first),
        isoDate(last),
        at,
      ]);
      facts++;
    }
  }
  return { villages: opts.villages, customers: opts.customers, usageFacts: facts };
}
