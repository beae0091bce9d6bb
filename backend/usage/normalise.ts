/**
 * Names and addresses as the business systems and the clerks write them, reduced to something comparable:
 * full-width digits, Chinese numerals in house and group numbers (三组 = 3组 = 第三村民小组 = 3队),
 * the official village suffixes (东风村民委员会 = 东风村委会 = 东风村) and the province…town prefix an extract
 * puts in front of an address the clerk typed without it.
 */
import { toHalfWidth } from '../../shared/idNumber';

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105; null when the text is not a numeral below 1000. */
export function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      current = DIGIT[ch]!;
    }
  }
  return total + current;
}

// Units after which a numeral is a number in an address, not part of a place name (三里庄 stays).
const UNIT = '(?:村民小组|生产队|小组|组|队|号|排|巷|胡同|栋|幢|楼|单元|室|户)';
const CN_NUMERAL_BEFORE_UNIT = new RegExp(`第?([零〇一二两三四五六七八九十百]+)(?=${UNIT})`, 'g');
const GROUP = /第?(\d+)(?:村民小组|生产队|小组|组|队)/g;

/** Half-width, no spaces or punctuation, numerals before units as digits, every group spelling as "N组". */
export function normaliseAddress(text: string): string {
  return toHalfWidth(text)
    .replace(/[,，。.、;；:：'"“”‘’()（）【】[\]\-—_/\\]/g, '')
    .replace(/(\d+)#/g, '$1号')
    .replace(CN_NUMERAL_BEFORE_UNIT, (m, n: string) => String(chineseNumber(n) ?? m))
    .replace(/第(\d+)/g, '$1')
    .replace(GROUP, '$1组')
    .replace(/村民委员会|村委会/g, '村')
    .replace(/社区居民委员会|社区居委会|居民委员会|居委会/g, '社区');
}

export function groupNumber(normalisedAddress: string): number | null {
  const m = /(\d+)组/.exec(normalisedAddress);
  return m ? Number(m[1]) : null;
}

export function houseNumber(normalisedAddress: string): string | null {
  const m = /(\d+(?:-\d+)?)号/.exec(normalisedAddress);
  return m ? m[1]! : null;
}

/** Names compare without spaces, full-width letters or the different dots of minority names (阿依·买买提). */
export function normaliseName(name: string): string {
  return toHalfWidth(name)
    .replace(/[·•．.。・]/g, '·')
    .trim();
}

/** The place part of an address after the village it names, if it names one; otherwise after any town prefix. */
export function addressTail(normalisedAddress: string, villageNames: readonly string[]): string {
  // After the last village named: an extract often gives the village twice (a 村 column and again in the address).
  let cut = -1;
  for (const v of villageNames) {
    const i = normalisedAddress.lastIndexOf(v);
    if (i >= 0 && i + v.length > cut) cut = i + v.length;
  }
  if (cut >= 0) return normalisedAddress.slice(cut);
  const town = /^.*?(?:乡|镇|街道|办事处)/.exec(normalisedAddress);
  return town && town[0].length < normalisedAddress.length ? normalisedAddress.slice(town[0].length) : normalisedAddress;
}

export interface PlaceKey {
  group: number | null;
  house: string | null;
  /** What is left once village, group and house number are taken out (a road, a building). */
  rest: string;
}

export function placeKey(tail: string): PlaceKey {
  return {
    group: groupNumber(tail),
    house: houseNumber(tail),
    rest: tail
      .replace(/\d+组/g, '')
      .replace(/\d+(?:-\d+)?号/g, '')
      .replace(/^(村|社区)/, ''),
  };
}

export type PlaceAgreement = 'same' | 'conflict' | 'unknown';

/**
 * Two places agree when the numbers both give are equal and at least one number, or the remaining text, is
 * given by both. Different group or house numbers are a conflict: two households, not one.
 */
export function comparePlaces(a: PlaceKey, b: PlaceKey): PlaceAgreement {
  if (a.group !== null && b.group !== null && a.group !== b.group) return 'conflict';
  if (a.house !== null && b.house !== null && a.house !== b.house) return 'conflict';
  const numbers = (a.house !== null && b.house !== null) || (a.group !== null && b.group !== null);
  const rests = a.rest !== '' && b.rest !== '' && (a.rest.endsWith(b.rest) || b.rest.endsWith(a.rest));
  if (a.rest !== '' && b.rest !== '' && !rests) return 'conflict';
  return numbers || rests ? 'same' : 'unknown';
}
