import { describe, expect, it } from 'vitest';
import { addressTail, chineseNumber, comparePlaces, normaliseAddress, placeKey } from '../../backend/usage/normalise';
import { decide, scoreCandidate, type IndexedCustomer, type MatchInput } from '../../backend/usage/matcher';
import { parseAmount, parseDateCell } from '../../backend/usage/extractRows';
import { amountBand } from '../../shared/usage';

describe('address normalisation', () => {
  it('reads Chinese numerals, full-width digits and every spelling of a group', () => {
    expect([chineseNumber('三'), chineseNumber('十二'), chineseNumber('二十'), chineseNumber('一百零五'), chineseNumber('三里')]).toEqual([
      3,
      12,
      20,
      105,
      null,
    ]);
    for (const s of ['东风村三组12号', '东风村第三村民小组十二号', '东风村委会３组１２号', '东风村民委员会3队12#', '东风村 第3生产队 12号']) {
      expect(normaliseAddress(s)).toBe('东风村3组12号');
    }
    // A numeral that is part of a place name stays.
    expect(normaliseAddress('三里庄村2组')).toBe('三里庄村2组');
  });

  it('agrees on the same group and house, and conflicts on different ones', () => {
    const p = (s: string) => placeKey(normaliseAddress(s));
    expect(comparePlaces(p('3组12号'), p('三组十二号'))).toBe('same');
    expect(comparePlaces(p('3组中心街12号'), p('3组12号'))).toBe('same');
    expect(comparePlaces(p('3组12号'), p('4组12号'))).toBe('conflict');
    expect(comparePlaces(p('中心街8号'), p('幸福路8号'))).toBe('conflict');
    expect(comparePlaces(p(''), p('3组'))).toBe('unknown');
    // The village from its column and again in the address: what follows the last mention is the place.
    expect(addressTail(normaliseAddress('东风村山东省德州市东风村2组'), ['东风村'])).toBe('2组');
    expect(addressTail(normaliseAddress('山东省德州市德城区黄河涯镇中心街3号'), ['东风村'])).toBe('中心街3号');
  });
});

describe('match scores', () => {
  const place = placeKey('3组12号');
  const c = (over: Partial<IndexedCustomer>): IndexedCustomer => ({
    id: 'c',
    name: '王五',
    nameKey: '王五',
    idNumber: null,
    phone: null,
    landline: null,
    villageId: 'v1',
    addressText: '',
    place,
    ...over,
  });
  const score = (r: MatchInput, x: IndexedCustomer) => scoreCandidate(r, x, (y) => y.place!);
  const row: MatchInput = { nameKey: '王五', idNumber: null, phone: null, villageId: 'v1', place };

  it('applies a clear winner and queues near-equal candidates', () => {
    expect(score(row, c({}))?.score).toBe(80);
    expect(decide([score(row, c({}))!]).kind).toBe('matched');
    expect(decide([score(row, c({ id: 'a' }))!, score(row, c({ id: 'b' }))!]).kind).toBe('queued');
    expect(score({ ...row, idNumber: '1' }, c({ idNumber: '2' }))).toBeNull();
    expect(score({ ...row, villageId: 'v2', phone: '13800138000' }, c({ phone: '13900139000' }))?.score).toBe(20);
    expect(decide([score({ ...row, villageId: 'v2' }, c({}))!]).kind).toBe('unmatched');
  });
});

describe('extract values', () => {
  it('parses the date spellings of the business systems and bands amounts', () => {
    const s = (v: string) => parseDateCell({ v, t: 's' });
    expect([s('2026-01-05'), s('2026/1/5'), s('2026年1月5日'), s('20260105'), s('2026.01.05 10:22:33'), s('2026-02-30'), s('')]).toEqual([
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
      '2026-01-05',
      undefined,
      null,
    ]);
    expect(parseDateCell({ v: 46027, t: 'n' })).toBe('2026-01-05');
    expect([parseAmount({ v: '12,000.50', t: 's' }), parseAmount({ v: '3.5万', t: 's' }), parseAmount({ v: 'abc', t: 's' })]).toEqual([
      12000.5,
      35000,
      undefined,
    ]);
    expect([amountBand(999), amountBand(1000), amountBand(86_500), amountBand(250_000)]).toEqual(['1千以下', '1千–1万', '5万–20万', '20万以上']);
  });
});
