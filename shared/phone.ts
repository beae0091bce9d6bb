import { toHalfWidth } from './idNumber';

export type PhoneParse = { ok: true; value: string; kind: 'mobile' | 'landline' } | { ok: false; reason: string };

/**
 * Normalises what clerks type or paste: full-width digits, spaces, dashes, brackets and a +86/0086 prefix.
 * Mobiles become 11 digits; landlines become "area-number" (e.g. 0534-2345678).
 */
export function parsePhone(raw: string): PhoneParse {
  let s = toHalfWidth(raw).replace(/[()（）\-－—.]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  if (!/^\d+$/.test(s)) return { ok: false, reason: '电话号码只能包含数字' };
  if (s.length === 11 && s.startsWith('1')) {
    if (!/^1[3-9]\d{9}$/.test(s)) return { ok: false, reason: '手机号第二位应为 3–9' };
    return { ok: true, value: s, kind: 'mobile' };
  }
  if (s.startsWith('0') && s.length >= 10 && s.length <= 12) {
    // Area codes are 3 digits for the big cities (010, 02x) and 4 elsewhere.
    const areaLen = /^0(10|2\d)/.test(s) ? 3 : 4;
    return { ok: true, value: `${s.slice(0, areaLen)}-${s.slice(areaLen)}`, kind: 'landline' };
  }
  if (s.length === 11) return { ok: false, reason: '手机号应以 1 开头' };
  return { ok: false, reason: `电话号码位数不对（${s.length} 位）：手机 11 位，座机需带区号` };
}
