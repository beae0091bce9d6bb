/**
 * Direct mail, SMS and call lists (issue 10): the types the contract returns and the pure rules both sides use
 * (称呼, SMS segments, return reasons), so the screen and the exported files never disagree.
 */
import { parseIdNumber } from './idNumber';

export const RETURN_REASONS = ['查无此人', '地址不详', '迁移新址不明', '拒收', '原址无此单位', '其他'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Compound surnames common enough to matter on an envelope (欧阳娜娜 is 欧阳女士, not 欧女士). */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '南宫',
  '呼延',
  '独孤',
];

export function surnameOf(name: string): string {
  const n = name.trim();
  return COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > 2) ?? n.slice(0, 1);
}

/** The neutral form when neither the sex nor the kind is known: never guess 先生 for a woman. */
export const NEUTRAL_SALUTATION = '客户';

/**
 * 称呼 on the letter and the list: 张先生 / 王女士 from the sex (stored, or read from the ID number's 17th digit),
 * the organisation's own name for 单位, and the neutral form otherwise.
 */
export function salutation(c: { kind: string; name: string; sex: string | null; idNumber: string | null }): string {
  if (c.kind === 'org') return c.name.trim();
  let sex = c.sex;
  if (!sex && c.idNumber) {
    const p = parseIdNumber(c.idNumber);
    if (p.ok) sex = p.sex;
  }
  const name = c.name.trim();
  if (!name) return NEUTRAL_SALUTATION;
  if (sex === 'M') return `${surnameOf(name)}先生`;
  if (sex === 'F') return `${surnameOf(name)}女士`;
  return `${name}${NEUTRAL_SALUTATION}`;
}

/**
 * SMS length and segments by 3GPP TS 23.038 / 23.040. A text made only of the GSM 7-bit default alphabet (plus its
 * extension table, whose characters take an escape septet and so count 2) is sent in septets: 160 in one message,
 * 153 per part once a concatenation header is needed. Anything else goes as UCS-2, counted in UTF-16 code units:
 * 70 in one message, 67 per part. A part never ends between the two halves of a surrogate pair (𡐓) or between an
 * escape septet and its character, since handsets decode each part on its own and would show garbage.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';
export interface SmsCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2): what the per-message limits are measured in. */
  units: number;
  segments: number;
  /** The limit for a single message and for each part of a longer one, in `units`. */
  single: number;
  part: number;
}

export const SMS_LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

// TS 23.038 §6.2.1, in code order 0x00–0x7F; position 0x1B (the escape to the extension table) is not a character.
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// TS 23.038 §6.2.1.1: the characters reached through the escape (form feed, ^ { } \ [ ~ ] | €).
const GSM_EXTENSION = '\f^{}\\[~]|€';

/** Septets a character takes in GSM-7, or 0 when GSM-7 cannot carry it. */
function gsmSeptets(ch: string): number {
  if (ch === '\u001b') return 0;
  if (GSM_BASIC.includes(ch)) return 1;
  if (GSM_EXTENSION.includes(ch)) return 2;
  return 0;
}

/** Greedy packing of indivisible units (sizes) into parts of `part`; only called when the text needs more than one. */
function packParts(sizes: number[], part: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function smsCount(text: string): SmsCount {
  const chars = [...text];
  const septets = chars.map(gsmSeptets);
  const gsm = septets.every((n) => n > 0);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  // A code point above U+FFFF is a surrogate pair: two UTF-16 units, which String#length already counts as 2.
  const sizes = gsm ? septets : chars.map((c) => c.length);
  const units = sizes.reduce((a, b) => a + b, 0);
  const { single, part } = SMS_LIMITS[encoding];
  const segments = units === 0 ? 0 : units <= single ? 1 : packParts(sizes, part);
  return { encoding, units, segments, single, part };
}

/** The 字数 of the SMS list: septets or UTF-16 units, the measure the 条数 is computed from. */
export function smsLength(text: string): number {
  return smsCount(text).units;
}
export function smsSegments(text: string): number {
  return smsCount(text).segments;
}

/**
 * The barcode on a piece: its 流水号 in eight digits and two check digits of the campaign, so a returned piece
 * scanned while another campaign's 退信 box is open is refused instead of being taken for that campaign's piece
 * with the same number (one chance in 97 of two campaigns sharing check digits).
 */
export function campaignCheck(campaignId: string): string {
  let h = 0;
  for (const ch of campaignId) h = (h * 31 + ch.charCodeAt(0)) % 97;
  return String(h).padStart(2, '0');
}
export const pieceBarcode = (campaignId: string, seq: number): string => String(seq).padStart(8, '0') + campaignCheck(campaignId);
export const BARCODE_RE = /^\d{10}$/;

export interface TownPostalCode {
  townCode: string;
  townName: string | null;
  /** The town's code, inherited by its villages that have none of their own. */
  postalCode: string | null;
  villages: { id: string; name: string; postalCode: string | null; inherited: boolean }[];
}

export interface PostalCodes {
  branchPostalCode: string | null;
  towns: TownPostalCode[];
}

export interface MailExclusion {
  customerId: string;
  /** 客户编号 (shared/customerCode.ts), what the printed lists show. */
  code: string | null;
  name: string;
  address: string;
  postalCode: string | null;
  reason: string;
}

export interface MailListResult {
  fileName: string;
  dataBase64: string;
  pieces: number;
  /** Pieces numbered for the first time by this list. */
  newPieces: number;
  excluded: MailExclusion[];
}

export interface ReturnResult {
  seq: number;
  customerId: string;
  code: string | null;
  name: string;
  reason: ReturnReason;
  /** True when this piece was already recorded as returned (a second scan changes nothing). */
  duplicate: boolean;
  returned: number;
  pieces: number;
  returnRate: number;
}

export interface CampaignCosts {
  /** Fen per letter (printing + postage), per SMS segment, per call; fixed = design, plates, gifts. */
  letterFen: number;
  smsFen: number;
  phoneFen: number;
  fixedFen: number;
}

export interface CostReturnRow {
  key: string;
  label: string;
  cost: number;
  revenue: number;
  successes: number;
  roi: number | null;
  costPerSuccess: number | null;
}

export interface MailResults {
  campaignId: string;
  pieces: number;
  returned: number;
  returnRate: number;
  byReason: { reason: string; count: number }[];
  costs: CampaignCosts;
  /** Fen: pieces × letter cost + SMS segments × SMS cost + calls × call cost + fixed. */
  cost: number;
  revenue: number;
  successes: number;
  /** (revenue − cost) / cost; null while nothing was spent. */
  roi: number | null;
  costPerSuccess: number | null;
  smsSegments: number;
  calls: number;
  /** Per variant: its letters at the letter cost, SMS, calls and fixed costs shared by its share of the targets. */
  byVariant: CostReturnRow[];
  /** Per channel: that channel's variable cost only (fixed costs belong to no channel). */
  byChannel: CostReturnRow[];
}

export interface ContactListResult {
  fileName: string;
  dataBase64: string;
  lines: number;
  /** Targets left out and why (no consent, no valid mobile, number already on the list). */
  excluded: { reason: string; count: number }[];
  length: number;
  segments: number;
}
