import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { toHalfWidth } from './idNumber';

export type PhoneParse = { ok: true; value: string; kind: 'mobile' | 'landline' } | { ok: false; reason: string };

/**
 * Whether a number exists is decided by libphonenumber's full ('max') metadata for China, which knows the assigned
 * mobile blocks and, per area code, how long local numbers are; hand-written ranges went stale with every new
 * block. What is ours: reading what clerks type or paste (full-width digits, spaces, dashes, brackets, +86 / 0086 /
 * 86 in front, a trunk 0 in front of a mobile) and the stored form, which stays what it always was — mobiles as
 * 11 digits, landlines as "area code-number" (0534-2612345, 010-62345678) — so stored values keep matching.
 */
export function parsePhone(raw: string): PhoneParse {
  const s = toHalfWidth(raw).replace(/[()（）\-－—–.]/g, '');
  if (!/^\+?\d+$/.test(s)) return { ok: false, reason: '电话号码只能包含数字' };
  let rest: string;
  let international = true;
  if (s.startsWith('+86')) rest = s.slice(3);
  else if (s.startsWith('+')) return { ok: false, reason: '只收中国大陆的电话号码（国际区号应为 +86）' };
  else if (s.startsWith('0086')) rest = s.slice(4);
  // A domestic number never starts with 86 and is at most 11 digits without its trunk 0, so a longer one is +86.
  else if (s.startsWith('86') && s.length >= 12) rest = s.slice(2);
  else {
    rest = s;
    international = false;
  }
  const trunk = rest.startsWith('0');
  const national = trunk ? rest.slice(1) : rest;
  if (national.length < 7) return { ok: false, reason: `电话号码位数不对（${national.length} 位）：手机 11 位，座机需带区号` };
  // Mobiles are the only numbers starting with 1 other than Beijing's area code 10.
  if (national.startsWith('1') && !national.startsWith('10')) return mobile(national);
  // libphonenumber reads 77595197 as 0775-95197 (a local service number); a clerk who types eight digits without
  // a 0 means a local number and forgot the area code, and storing another number would be worse than asking.
  if (!trunk && !international && national.length <= 8) {
    return { ok: false, reason: '座机号码需带区号（如 0534-2612345）' };
  }
  return landline(national);
}

function numberType(national: string) {
  // libphonenumber would quietly drop a second trunk 0 and accept 0025… as Nanjing; no area code starts with 0.
  if (national.startsWith('0')) return undefined;
  const p = parsePhoneNumberFromString(`+86${national}`);
  return p?.isValid() ? p.getType() : undefined;
}

const isMobile = (national: string) => {
  const type = numberType(national);
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
};

/** Whether any mobile starts with these three digits (161 and 174 are partly assigned, 140 and 194 not at all). */
const blockCache = new Map<string, boolean>();
function blockInUse(prefix: string): boolean {
  let used = blockCache.get(prefix);
  if (used === undefined) {
    used = '0123456789'.split('').some((d) => ['0000000', '1234567', '9876543'].some((rest) => isMobile(prefix + d + rest)));
    blockCache.set(prefix, used);
  }
  return used;
}

/**
 * How many leading digits decide whether an 11-digit number is a mobile: libphonenumber's mobile pattern for China
 * tells blocks apart by at most the first five (1740[0-5], 1610 …). Its verdict is kept per five-digit block, which
 * makes a 100,000-row import's phone checks a map lookup each instead of a parse (a second of the import);
 * `test/unit/standards.test.ts` checks every block of the installed metadata against this, so an update of the
 * library that draws a finer line fails the tests instead of being followed wrongly.
 */
export const MOBILE_BLOCK_DIGITS = 5;
const mobileBlocks = new Map<string, boolean>();
function isMobileNumber(national: string): boolean {
  const block = national.slice(0, MOBILE_BLOCK_DIGITS);
  let ok = mobileBlocks.get(block);
  if (ok === undefined) {
    ok = isMobile(national);
    mobileBlocks.set(block, ok);
  }
  return ok;
}

function mobile(national: string): PhoneParse {
  if (national.length !== 11) return { ok: false, reason: `手机号应为 11 位，现为 ${national.length} 位` };
  if (isMobileNumber(national)) return { ok: true, value: national, kind: 'mobile' };
  const prefix = national.slice(0, 3);
  const why = blockInUse(prefix) ? `${prefix} 号段只分配了一部分` : `${prefix} 开头的号码不存在`;
  return { ok: false, reason: `手机号 ${national} 不在已分配的号段内（${why}），请核对` };
}

/** China's numbering plan: 10 and 2x are two-digit area codes, all others three (written with the trunk 0). */
const areaCodeLength = (national: string) => (/^(10|2)/.test(national) ? 2 : 3);

/**
 * Subscriber-number lengths (7 or 8) in use behind an area code, found by asking the metadata about sample numbers
 * (they start with 2–8); only needed to explain a refusal, and kept per area code since an import repeats them.
 */
const lengthsCache = new Map<string, number[]>();
function localLengths(area: string): number[] {
  let lengths = lengthsCache.get(area);
  if (!lengths) {
    lengths = [];
    for (let len = 7; len <= 8; len++) {
      const samples = ['2', '3', '5', '6', '8'].flatMap((first) => [first + '2345678901'.slice(0, len - 1), first + '0'.repeat(len - 1)]);
      if (samples.some((local) => numberType(area + local) === 'FIXED_LINE')) lengths.push(len);
    }
    lengthsCache.set(area, lengths);
  }
  return lengths;
}

function landline(national: string): PhoneParse {
  const areaLen = areaCodeLength(national);
  const area = national.slice(0, areaLen);
  const local = national.slice(areaLen);
  const type = numberType(national);
  if (type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE') {
    // The plan also lets short service numbers (95588, 10086 …) be dialled behind an area code; they are nobody's
    // own line, and a subscriber's number has 7 or 8 digits.
    if (local.length >= 7) return { ok: true, value: `0${area}-${local}`, kind: 'landline' };
    return { ok: false, reason: `0${area}-${local} 是 95xxx、100xx 等服务短号，不是客户的座机（座机号码为 7 或 8 位）` };
  }
  if (type) return { ok: false, reason: `${national} 是 400/800 等企业服务号码，不是客户的手机或座机` };
  const lengths = localLengths(area);
  if (lengths.length === 0) return { ok: false, reason: `没有 0${area} 这个区号，请核对` };
  if (!lengths.includes(local.length)) {
    return { ok: false, reason: `区号 0${area} 的座机号码应为 ${lengths.join(' 或 ')} 位，现为 ${local.length} 位` };
  }
  return { ok: false, reason: `座机号码 0${area}-${local} 不在已分配的号段内，请核对` };
}
