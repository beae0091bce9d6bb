import { describe, expect, it } from 'vitest';
import { ageOn, idCheckDigit, maskIdNumber, parseIdNumber } from '../../shared/idNumber';
import { parsePhone } from '../../shared/phone';
import { customerFields } from '../../shared/customerFields';

const valid = (first17: string) => first17 + idCheckDigit(first17);

describe('ID numbers (GB 11643)', () => {
  it('accepts a number whose check digit is right and derives birth date and sex', () => {
    const id = valid('37140219800101123');
    const p = parseIdNumber(id);
    expect(p).toMatchObject({ ok: true, birthDate: '1980-01-01', sex: 'M', regionCode: '371402' });
  });
  it('knows the published example with check digit X', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X', sex: 'F' });
  });
  it('rejects a wrong check digit, a bad date, a future birth, short input and Excel scientific notation', () => {
    const id = valid('37140219800101123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong)).toMatchObject({ ok: false, reason: expect.stringContaining('校验位') });
    expect(parseIdNumber(valid('37140219800230123'))).toMatchObject({ ok: false, reason: expect.stringContaining('出生日期 1980-02-30 不存在') });
    expect(parseIdNumber(valid('37140218990101123'))).toMatchObject({ ok: false, reason: expect.stringContaining('早于 1900 年') });
    expect(parseIdNumber(valid('10140219800101123'))).toMatchObject({ ok: false, reason: expect.stringContaining('省级行政区代码') });
    expect(parseIdNumber(valid('37140220990101123'), new Date('2026-11-23'))).toMatchObject({ ok: false });
    expect(parseIdNumber('3714021980')).toMatchObject({ ok: false, reason: expect.stringContaining('18 位') });
    expect(parseIdNumber('3.70101E+17')).toMatchObject({ ok: false, reason: expect.stringContaining('科学计数法') });
  });
  it('accepts full-width digits', () => {
    const id = valid('37140219800101123');
    const full = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(parseIdNumber(full)).toMatchObject({ ok: true, value: id });
  });
  it('computes age on a date and masks for carriers', () => {
    expect(ageOn('1980-11-24', new Date(2026, 10, 23))).toBe(45);
    expect(ageOn('1980-11-23', new Date(2026, 10, 23))).toBe(46);
    expect(maskIdNumber('37140219800101123X')).toBe('3714**********123X');
  });
});

describe('phone numbers', () => {
  it.each([
    ['13800138000', '13800138000', 'mobile'],
    ['138 0013 8000', '13800138000', 'mobile'],
    ['+86 138-0013-8000', '13800138000', 'mobile'],
    ['１３８００１３８０００', '13800138000', 'mobile'],
    ['0534-2345678', '0534-2345678', 'landline'],
    ['(010)12345678', '010-12345678', 'landline'],
  ])('normalises %s', (raw, value, kind) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value, kind });
  });
  it.each([
    ['+86 534 2612345', '0534-2612345', 'landline'],
    ['0086 2021912396', '020-21912396', 'landline'],
    ['013912345678', '13912345678', 'mobile'],
    ['8613912345678', '13912345678', 'mobile'],
  ])('reads %s in the numbering plan', (raw, value, kind) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value, kind });
  });
  // 140…, 154…, 194… are unassigned blocks; 010 numbers have 8 digits and 0534 numbers 7; there is no area code 000.
  it.each([
    '12345',
    '12800138000',
    '2345678',
    '138001380001',
    'abc',
    '14012345678',
    '15412345678',
    '19412345678',
    '010-1234567',
    '0534-261234',
    '0000-1234567',
  ])('rejects %s with a Chinese reason', (raw) => {
    const p = parsePhone(raw);
    expect(p.ok).toBe(false);
    expect(!p.ok && /[\u4e00-\u9fff]/.test(p.reason)).toBe(true);
  });
});

describe('customer form schema', () => {
  it('trims, normalises and turns empty strings into null', () => {
    const f = customerFields.parse({ name: '  张三 ', phone: '138 0013 8000', idNumber: '', address: '   ' });
    expect(f).toMatchObject({ name: '张三', phone: '13800138000', idNumber: null, address: null, kind: 'person', consent: false, tags: [] });
  });
  it('stores the 18-digit form of an old 15-digit ID number and phones in their stored form', () => {
    const f = customerFields.parse({ name: '王五', idNumber: '110105491231002', phone: '+86013912345678', landline: '+86 534 2612345' });
    expect(f).toMatchObject({ idNumber: '11010519491231002X', phone: '13912345678', landline: '0534-2612345' });
    const r = customerFields.safeParse({ name: '王五', idNumber: valid('99010519800101123'), phone: '14912345678' });
    expect(r.error!.issues.map((i) => i.message)).toEqual([expect.stringContaining('省级行政区代码'), expect.stringContaining('149 开头的号码不存在')]);
  });
  it('reports each bad field in Chinese', () => {
    const r = customerFields.safeParse({ name: '', phone: '123', idNumber: '123' });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['name', 'phone', 'idNumber']));
    expect(r.error!.issues.every((i) => /[\u4e00-\u9fff]/.test(i.message))).toBe(true);
  });
});
