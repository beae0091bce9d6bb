/**
 * The data rules checked against the standards through implementations that share no code with ours: phones against
 * libphonenumber-js as it parses the raw text itself, ID numbers against a check digit and calendar written here from
 * GB 11643 / ISO 7064, SMS against a segmenter written here from the 3GPP tables and against Twilio's calculator.
 * Thousands of generated cases each, from a fixed seed so a failure can be replayed.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../shared/idNumber';
import { smsCount, smsLength, smsSegments } from '../../shared/mail';
import { MOBILE_BLOCK_DIGITS, parsePhone, type PhoneParse } from '../../shared/phone';

/** mulberry32, here rather than the seeder's, so the test depends on nothing it checks. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join('');
  return { next, int, pick, digits };
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

// ---------------------------------------------------------------------------------------------------------------
// Phones: the oracle is libphonenumber-js ('max' metadata) given the raw text and the default region CN, so its own
// handling of +86 / 0086 / 86 / trunk 0 decides; ours strips prefixes itself before asking about the bare number.

type Expected = { ok: true; value: string; kind: 'mobile' | 'landline' } | { ok: false };

/**
 * Where we differ on purpose, both about short service numbers the plan allows behind an area code: up to eight
 * digits with neither trunk 0 nor country code are a local number missing its area code, which we refuse, while
 * libphonenumber reads 77595197 as 0775-95197; and a customer's landline is a subscriber number of 7 or 8 digits,
 * not 0534-95588.
 */
const localWithoutAreaCode = (raw: string) => /^[1-9]\d{0,7}$/.test(raw.replace(/[\s\-()]/g, ''));

function phoneOracle(raw: string): Expected {
  if (localWithoutAreaCode(raw)) return { ok: false };
  const p = parsePhoneNumberFromString(raw, 'CN');
  if (!p || !p.isValid() || p.country !== 'CN') return { ok: false };
  const type = p.getType();
  if (type === 'MOBILE') return { ok: true, value: p.nationalNumber, kind: 'mobile' };
  if (type === 'FIXED_LINE') {
    // The national format groups the area code (with its trunk 0) first: "0534 261 2345", "010 6234 5678".
    const [area, ...rest] = p.formatNational().split(' ');
    const local = rest.join('');
    return local.length >= 7 ? { ok: true, value: `${area}-${local}`, kind: 'landline' } : { ok: false };
  }
  return { ok: false };
}

const agree = (ours: PhoneParse, expected: Expected) =>
  expected.ok ? ours.ok && ours.value === expected.value && ours.kind === expected.kind : !ours.ok && hasChinese(ours.reason);

/** Real area codes from every part of the country, plus codes that do not exist. */
const AREA_CODES = [
  '010',
  '020',
  '021',
  '022',
  '023',
  '024',
  '025',
  '027',
  '028',
  '029',
  '0311',
  '0335',
  '0351',
  '0371',
  '0379',
  '0411',
  '0431',
  '0451',
  '0471',
  '0531',
  '0532',
  '0533',
  '0534',
  '0535',
  '0536',
  '0537',
  '0538',
  '0539',
  '0543',
  '0546',
  '0551',
  '0571',
  '0574',
  '0591',
  '0631',
  '0632',
  '0633',
  '0634',
  '0635',
  '0701',
  '0731',
  '0755',
  '0757',
  '0769',
  '0791',
  '0851',
  '0871',
  '0898',
  '0891',
  '0931',
  '0951',
  '0971',
  '0991',
  '0999',
  '0000',
  '0001',
  '0026',
  '0110',
  '0190',
  '0600',
  '0610',
  '0810',
  '0600',
  '0940',
];
/** How clerks write the same national number (n = digits without trunk 0). */
const DECORATIONS: ((n: string, g: string) => string)[] = [
  (n) => `0${n}`,
  (n) => `+86${n}`,
  (n) => `+86 ${n}`,
  (n) => `0086${n}`,
  (n) => `0086 ${n}`,
  (n) => `86${n}`,
  (n) => `+860${n}`,
  (n) => `+86 0${n}`,
  (_, g) => `0${g}`,
  (_, g) => `+86 ${g}`,
];
const fullWidth = (s: string) => s.replace(/[0-9+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('phones against libphonenumber-js', () => {
  it('decides a mobile by its first digits only: every block of the installed metadata holds one verdict for all its numbers', () => {
    // parsePhone keeps libphonenumber's verdict per block of MOBILE_BLOCK_DIGITS leading digits; were a block split
    // further, some of its numbers would be judged by another's verdict.
    const r = rng(7);
    const split: string[] = [];
    const rest = 11 - MOBILE_BLOCK_DIGITS;
    const suffixes = ['0'.repeat(rest), '9'.repeat(rest), '5'.repeat(rest), ...Array.from({ length: 9 }, () => r.digits(rest))];
    for (let block = 10 ** (MOBILE_BLOCK_DIGITS - 1); block < 2 * 10 ** (MOBILE_BLOCK_DIGITS - 1); block++) {
      const verdicts = new Set(suffixes.map((s) => phoneOracle(`${block}${s}`).ok));
      if (verdicts.size > 1) split.push(String(block));
    }
    expect(split).toEqual([]);
  });

  it('agrees on every 3-digit mobile prefix 130–199 with random suffixes, bare and decorated', () => {
    const r = rng(1);
    const bad: string[] = [];
    let n = 0;
    for (let prefix = 130; prefix <= 199; prefix++) {
      for (let i = 0; i < 40; i++) {
        const mobile = `${prefix}${r.digits(8)}`;
        const grouped = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)}-${mobile.slice(7)}`;
        const raws = [mobile, grouped, r.pick(DECORATIONS)(mobile, grouped), fullWidth(mobile)];
        for (const raw of raws) {
          n++;
          if (!agree(parsePhone(raw), phoneOracle(raw)))
            bad.push(`${raw}: ours ${JSON.stringify(parsePhone(raw))}, libphonenumber ${JSON.stringify(phoneOracle(raw))}`);
        }
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('agrees on landlines of every length behind real and made-up area codes', () => {
    const r = rng(2);
    const bad: string[] = [];
    let accepted = 0;
    let n = 0;
    for (const code of AREA_CODES) {
      const area = code.slice(1);
      for (let i = 0; i < 60; i++) {
        // Mostly the lengths and first digits in use, so that plenty are accepted; the rest probe the edges.
        const len = r.next() < 0.6 ? r.int(7, 8) : r.int(4, 10);
        const local = `${r.next() < 0.8 ? r.int(2, 8) : r.int(0, 9)}${r.digits(len - 1)}`;
        const national = area + local;
        const grouped = `${area} ${local}`;
        const raws = [`0${area}-${local}`, `(0${area})${local}`, `0${national}`, r.pick(DECORATIONS)(national, grouped)];
        for (const raw of raws) {
          n++;
          const expected = phoneOracle(raw);
          if (expected.ok) accepted++;
          if (!agree(parsePhone(raw), expected)) bad.push(`${raw}: ours ${JSON.stringify(parsePhone(raw))}, libphonenumber ${JSON.stringify(expected)}`);
        }
      }
    }
    expect(n).toBeGreaterThan(10_000);
    // The sample must hold plenty of both outcomes, or agreement would prove little.
    expect(accepted).toBeGreaterThan(2_000);
    expect(n - accepted).toBeGreaterThan(2_000);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('agrees on random digit strings of every length with and without prefixes', () => {
    const r = rng(3);
    const bad: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const body = r.digits(r.int(1, 14));
      const raw = r.pick(['', '', '0', '00', '+86', '0086', '86', '+86 0', '860', '+1'] as const) + body;
      if (!agree(parsePhone(raw), phoneOracle(raw)))
        bad.push(`${raw}: ours ${JSON.stringify(parsePhone(raw))}, libphonenumber ${JSON.stringify(phoneOracle(raw))}`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it.each([
    ['+86 534 2612345', '0534-2612345', 'landline'],
    ['0086 2021912396', '020-21912396', 'landline'],
    ['013912345678', '13912345678', 'mobile'],
    ['+86013912345678', '13912345678', 'mobile'],
    ['8613912345678', '13912345678', 'mobile'],
    ['0534-2612345', '0534-2612345', 'landline'],
    ['010-62345678', '010-62345678', 'landline'],
  ] as const)('%s is the %s %s', (raw, value, kind) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value, kind });
    // A stored value reads back as itself, so data saved before this rule stays valid.
    expect(parsePhone(value)).toEqual({ ok: true, value, kind });
  });

  it.each(['140', '141', '142', '143', '144', '146', '148', '149', '154', '160', '163', '164', '168', '169', '179', '194'])(
    'refuses the unassigned mobile block %s',
    (prefix) => {
      const p = parsePhone(`${prefix}12345678`);
      expect(p).toMatchObject({ ok: false, reason: expect.stringContaining(`${prefix} 开头的号码不存在`) });
      expect(phoneOracle(`${prefix}12345678`).ok).toBe(false);
    },
  );

  it('tells a partly assigned block from one that does not exist', () => {
    // 1740… are satellite phones in the plan; the rest of 174 is not assigned.
    expect(parsePhone('17402345678')).toMatchObject({ ok: true, kind: 'mobile' });
    expect(parsePhone('17412345678')).toMatchObject({ ok: false, reason: expect.stringContaining('174 号段只分配了一部分') });
  });

  it('says what is wrong with a landline', () => {
    expect(parsePhone('010-1234567')).toEqual({ ok: false, reason: '区号 010 的座机号码应为 8 位，现为 7 位' });
    expect(parsePhone('0534-261234')).toEqual({ ok: false, reason: '区号 0534 的座机号码应为 7 位，现为 6 位' });
    expect(parsePhone('0000-1234567')).toEqual({ ok: false, reason: '没有 0000 这个区号，请核对' });
    expect(parsePhone('2612345')).toMatchObject({ ok: false, reason: expect.stringContaining('区号') });
    expect(parsePhone('77595197')).toMatchObject({ ok: false, reason: expect.stringContaining('区号') });
    expect(parsePhone('002500513362')).toEqual({ ok: false, reason: '没有 0025 这个区号，请核对' });
    expect(parsePhone('0534-95588')).toMatchObject({ ok: false, reason: expect.stringContaining('服务短号') });
    expect(parsePhone('4008101888')).toMatchObject({ ok: false, reason: expect.stringContaining('400/800') });
    expect(parsePhone('+852 9123 4567')).toMatchObject({ ok: false, reason: expect.stringContaining('+86') });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// ID numbers: GB 11643-1999 with the check digit of ISO 7064 MOD 11-2, computed here from its definition
// (weight of position i counted from the right, check digit included, is 2^(i-1) mod 11) rather than a table.

const ISO7064_WEIGHTS = Array.from({ length: 17 }, (_, k) => 2 ** (17 - k) % 11);
function isoCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(first17[k]) * ISO7064_WEIGHTS[k]!;
  // The check value c makes sum + c ≡ 1 (mod 11); 10 is written X.
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** GB/T 2260 provinces, autonomous regions and municipalities, 71 台湾, and 81/82/83 港澳台居民居住证. */
const PROVINCES = `11 北京 12 天津 13 河北 14 山西 15 内蒙古 21 辽宁 22 吉林 23 黑龙江 31 上海 32 江苏 33 浙江 34 安徽 35 福建 36 江西
  37 山东 41 河南 42 湖北 43 湖南 44 广东 45 广西 46 海南 50 重庆 51 四川 52 贵州 53 云南 54 西藏 61 陕西 62 甘肃 63 青海
  64 宁夏 65 新疆 71 台湾 81 香港 82 澳门 83 台湾居民居住证`
  .split(/\s+/)
  .filter((t) => /^\d\d$/.test(t));

const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const TODAY = new Date(2026, 10, 23);

function idOracle(raw: string): { ok: true; value: string } | { ok: false } {
  let s = raw.toUpperCase();
  let old = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + isoCheck(first17);
    old = true;
  }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false };
  // 外国人永久居留身份证 (2023): 9, then the issuing mainland province, same date, sequence and check digit.
  const foreigner = !old && s[0] === '9' && PROVINCES.slice(0, 31).includes(s.slice(1, 3));
  if (!PROVINCES.includes(s.slice(0, 2)) && !foreigner) return { ok: false };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { ok: false };
  const todayKey = TODAY.getFullYear() * 10_000 + (TODAY.getMonth() + 1) * 100 + TODAY.getDate();
  if (y * 10_000 + m * 100 + d > todayKey) return { ok: false };
  if (s[17] !== isoCheck(s.slice(0, 17))) return { ok: false };
  return { ok: true, value: s };
}

describe('ID numbers against GB 11643 / ISO 7064 written here', () => {
  it('has the weights the standard prints', () => {
    expect(ISO7064_WEIGHTS).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
    expect(PROVINCES).toHaveLength(35);
  });

  it('agrees on thousands of random numbers: every prefix, real and impossible dates, right and wrong check digits', () => {
    const r = rng(4);
    const bad: string[] = [];
    let accepted = 0;
    const N = 20_000;
    for (let i = 0; i < N; i++) {
      const prefix = r.next() < 0.6 ? r.pick(PROVINCES) : String(r.int(0, 99)).padStart(2, '0');
      const y = r.next() < 0.9 ? r.int(1900, 2026) : r.int(1850, 2099);
      const m = r.next() < 0.9 ? r.int(1, 12) : r.int(0, 19);
      const d = r.next() < 0.9 ? r.int(1, 28) : r.int(0, 39);
      const old = r.next() < 0.15;
      let raw: string;
      if (old) {
        raw = `${prefix}${r.digits(4)}${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.digits(3)}`;
      } else {
        const first17 = `${prefix}${r.digits(4)}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.digits(3)}`;
        const check = r.next() < 0.7 ? isoCheck(first17) : r.pick('0123456789Xx'.split(''));
        raw = first17 + check;
      }
      const expected = idOracle(raw);
      const ours = parseIdNumber(raw, TODAY);
      if (expected.ok) accepted++;
      const same = expected.ok ? ours.ok && ours.value === expected.value : !ours.ok && hasChinese(ours.reason);
      if (!same) bad.push(`${raw}: ours ${JSON.stringify(ours)}, standard ${JSON.stringify(expected)}`);
    }
    expect(accepted).toBeGreaterThan(N / 4);
    expect(N - accepted).toBeGreaterThan(N / 4);
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('derives birth date and sex from the 18-digit form', () => {
    const r = rng(5);
    for (let i = 0; i < 2_000; i++) {
      const first17 = `${r.pick(PROVINCES)}${r.digits(4)}${r.int(1900, 2020)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${r.digits(3)}`;
      const p = parseIdNumber(first17 + isoCheck(first17), TODAY);
      expect(p).toMatchObject({
        ok: true,
        birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
        sex: Number(first17[16]) % 2 ? 'M' : 'F',
      });
    }
  });

  it('knows the examples published with GB 11643-1999', () => {
    // 北京市朝阳区, 1949-12-31, female.
    expect(isoCheck('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X', TODAY)).toMatchObject({ ok: true, birthDate: '1949-12-31', sex: 'F' });
    // 广东省汕头市潮阳县, 1880-01-01: the check digit is right, but no customer alive was born before 1900.
    expect(isoCheck('44052418800101001')).toBe('4');
    expect(parseIdNumber('440524188001010014', TODAY)).toEqual({ ok: false, reason: '身份证号中的出生年份 1880 早于 1900 年，请核对' });
  });

  it('upgrades a 15-digit number to the 18-digit one the standard gives', () => {
    expect(parseIdNumber('110105491231002', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' });
    expect(parseIdNumber('１１０１０５４９１２３１００２', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(parseIdNumber('100105491231002', TODAY)).toMatchObject({ ok: false, reason: expect.stringContaining('省级') });
    expect(parseIdNumber('110105491331002', TODAY)).toMatchObject({ ok: false, reason: expect.stringContaining('月份') });
  });

  it.each(['10', '99', '00', '16', '20', '55', '70', '84', '90'])('refuses a number starting with %s and says why', (prefix) => {
    const first17 = `${prefix}010519800101002`;
    expect(parseIdNumber(first17 + isoCheck(first17), TODAY)).toEqual({
      ok: false,
      reason: `身份证号前两位 ${prefix} 不是省级行政区代码（如 37 山东、11 北京）`,
    });
  });

  it.each(['71', '81', '82', '83'])('accepts %s (台湾 and the 港澳台居民居住证)', (prefix) => {
    const first17 = `${prefix}000019800101002`;
    expect(parseIdNumber(first17 + isoCheck(first17), TODAY)).toMatchObject({ ok: true });
  });

  it('says precisely what is wrong with a date', () => {
    const id = (date: string) => {
      const first17 = `371402${date}123`;
      return first17 + isoCheck(first17);
    };
    expect(parseIdNumber(id('18991231'), TODAY)).toEqual({ ok: false, reason: '身份证号中的出生年份 1899 早于 1900 年，请核对' });
    expect(parseIdNumber(id('19801301'), TODAY)).toEqual({ ok: false, reason: '身份证号中的出生月份 13 无效（第 11–12 位应为 01–12）' });
    expect(parseIdNumber(id('19810229'), TODAY)).toEqual({ ok: false, reason: '身份证号中的出生日期 1981-02-29 不存在（1981 年 2 月没有 29 日）' });
    expect(parseIdNumber(id('20000229'), TODAY)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseIdNumber(id('20261124'), TODAY)).toEqual({ ok: false, reason: '身份证号中的出生日期 2026-11-24 晚于今天' });
    expect(parseIdNumber(id('20261123'), TODAY)).toMatchObject({ ok: true });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// SMS: 3GPP TS 23.038 §6.2.1 default alphabet and §6.2.1.1 extension table, listed by code as the standard prints
// them; TS 23.040 §9.2.3.24.1 concatenation (a 6-octet header leaves 153 septets or 67 UCS-2 characters per part).

/** Code 0x00–0x7F → character; 0x1B is the escape to the extension table. */
const GSM_0338: (string | null)[] = [
  '@',
  '£',
  '$',
  '¥',
  'è',
  'é',
  'ù',
  'ì',
  'ò',
  'Ç',
  '\n',
  'Ø',
  'ø',
  '\r',
  'Å',
  'å',
  'Δ',
  '_',
  'Φ',
  'Γ',
  'Λ',
  'Ω',
  'Π',
  'Ψ',
  'Σ',
  'Θ',
  'Ξ',
  null,
  'Æ',
  'æ',
  'ß',
  'É',
  ' ',
  '!',
  '"',
  '#',
  '¤',
  '%',
  '&',
  "'",
  '(',
  ')',
  '*',
  '+',
  ',',
  '-',
  '.',
  '/',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  ':',
  ';',
  '<',
  '=',
  '>',
  '?',
  '¡',
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'O',
  'P',
  'Q',
  'R',
  'S',
  'T',
  'U',
  'V',
  'W',
  'X',
  'Y',
  'Z',
  'Ä',
  'Ö',
  'Ñ',
  'Ü',
  '§',
  '¿',
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'v',
  'w',
  'x',
  'y',
  'z',
  'ä',
  'ö',
  'ñ',
  'ü',
  'à',
];
const GSM_0338_EXT: Record<number, string> = { 0x0a: '\f', 0x14: '^', 0x28: '{', 0x29: '}', 0x2f: '\\', 0x3c: '[', 0x3d: '~', 0x3e: ']', 0x40: '|', 0x65: '€' };
const ESC = 0x1b;

/** The septets a text encodes to, or null if one character is outside both tables. */
function encodeGsm(text: string): number[] | null {
  const out: number[] = [];
  for (const ch of text) {
    const basic = GSM_0338.indexOf(ch);
    if (basic >= 0) {
      out.push(basic);
      continue;
    }
    const ext = Object.entries(GSM_0338_EXT).find(([, c]) => c === ch);
    if (!ext) return null;
    out.push(ESC, Number(ext[0]));
  }
  return out;
}

/** Cuts an encoded stream into parts of at most `size`, never after a unit that needs the next one. */
function cutParts(stream: number[], size: number, needsNext: (unit: number) => boolean): number {
  let parts = 0;
  for (let at = 0; at < stream.length; parts++) {
    let end = Math.min(at + size, stream.length);
    if (end < stream.length && needsNext(stream[end - 1]!)) end--;
    at = end;
  }
  return parts;
}

function smsOracle(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  const septets = encodeGsm(text);
  if (septets) {
    const units = septets.length;
    return { encoding: 'GSM-7', units, segments: units === 0 ? 0 : units <= 160 ? 1 : cutParts(septets, 153, (s) => s === ESC) };
  }
  const codeUnits = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
  const units = codeUnits.length;
  const highSurrogate = (u: number) => u >= 0xd800 && u <= 0xdbff;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : cutParts(codeUnits, 67, highSurrogate) };
}

const ASCII_GSM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?:;\'"()*+-/=<>@#$%&_\n'];
const GSM_ONLY = [...'£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà'];
const EXTENSION = [...'^{}\\[~]|€'];
const CHINESE = [...'邮政储蓄报刊征订快递包裹农村客户营销短信欢迎光临网点，。！？：；“”、（）'];
const ASTRAL = ['𡐓', '𠮷', '𪚥', '😀', '🎉'];
const OTHER = ['`', '\t', 'ç', 'ê', '«'];

/** Texts long enough to cross the 70/160 boundaries, mostly of one kind so GSM-7 texts stay common. */
function randomSms(r: ReturnType<typeof rng>): string {
  const gsm = r.next() < 0.5;
  const len = r.int(0, r.next() < 0.5 ? 180 : 480);
  const out: string[] = [];
  for (let i = 0; i < len; i++) {
    const x = r.next();
    if (gsm) out.push(x < 0.8 ? r.pick(ASCII_GSM) : x < 0.9 ? r.pick(GSM_ONLY) : r.pick(EXTENSION));
    else out.push(x < 0.5 ? r.pick(CHINESE) : x < 0.7 ? r.pick(ASCII_GSM) : x < 0.8 ? r.pick(ASTRAL) : x < 0.9 ? r.pick(EXTENSION) : r.pick(OTHER));
  }
  // Now and then one character that forces UCS-2 into an otherwise GSM text.
  if (gsm && r.next() < 0.1) out.splice(r.int(0, out.length), 0, r.pick([...CHINESE, ...OTHER, ...ASTRAL]));
  return out.join('');
}

describe('SMS segments against 3GPP TS 23.038/23.040', () => {
  it('has the whole default alphabet', () => {
    expect(GSM_0338).toHaveLength(128);
    expect(new Set(GSM_0338.filter(Boolean)).size).toBe(127);
  });

  it('agrees with the segmenter written from the tables on thousands of random texts', () => {
    const r = rng(6);
    const bad: string[] = [];
    const seen = { gsm: 0, ucs2: 0, multi: 0 };
    for (let i = 0; i < 8_000; i++) {
      const text = randomSms(r);
      const expected = smsOracle(text);
      const ours = smsCount(text);
      if (expected.encoding === 'GSM-7') seen.gsm++;
      else seen.ucs2++;
      if (expected.segments > 1) seen.multi++;
      if (ours.encoding !== expected.encoding || ours.units !== expected.units || ours.segments !== expected.segments) {
        bad.push(`${JSON.stringify(text)}: ours ${JSON.stringify(ours)}, tables ${JSON.stringify(expected)}`);
      }
      expect(smsLength(text)).toBe(ours.units);
      expect(smsSegments(text)).toBe(ours.segments);
    }
    expect(seen.gsm).toBeGreaterThan(2_000);
    expect(seen.ucs2).toBeGreaterThan(2_000);
    expect(seen.multi).toBeGreaterThan(2_000);
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('agrees with Twilio’s segment calculator (sms-segments-calculator) on the same kind of texts', () => {
    const r = rng(7);
    const bad: string[] = [];
    for (let i = 0; i < 4_000; i++) {
      const text = randomSms(r);
      if (!text) continue;
      const twilio = new SegmentedMessage(text);
      const ours = smsCount(text);
      if (ours.encoding !== twilio.getEncodingName() || ours.segments !== twilio.segmentsCount) {
        bad.push(`${JSON.stringify(text)}: ours ${ours.encoding} ${ours.segments}, Twilio ${twilio.getEncodingName()} ${twilio.segmentsCount}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('counts plain ASCII in septets: 160 letters are one message, not three', () => {
    expect(smsCount('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
  });

  it('counts the extension characters twice and keeps each with its escape', () => {
    for (const ch of EXTENSION) expect(smsCount(ch)).toMatchObject({ encoding: 'GSM-7', units: 2, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    // 152 + 2 + 152 = 306 septets would fit two parts of 153, but the € cannot straddle them.
    expect(smsCount(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
  });

  it('counts UTF-16 units in UCS-2 and never splits a surrogate pair', () => {
    expect(smsCount('邮'.repeat(70))).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsCount(`${'邮'.repeat(69)}𡐓`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(smsCount(`${'邮'.repeat(68)}𡐓`)).toMatchObject({ units: 70, segments: 1 });
    // 66 + 2 + 66 = 134 units would fit two parts of 67, but 𡐓 cannot straddle them.
    expect(smsCount(`${'邮'.repeat(66)}𡐓${'邮'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
    expect(smsCount(`a${'邮'.repeat(69)}`)).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsCount('')).toMatchObject({ units: 0, segments: 0 });
  });
});
