import { describe, expect, it } from 'vitest';
import { chineseDate, fieldsIn, mergeText, templateProblems } from '../../shared/letter';

const t = (body: string, fields: Record<string, string> = {}) => templateProblems({ title: '', body, signoff: '', fields });

describe('letter merge', () => {
  it('fills half- and full-width fields and leaves other text alone', () => {
    expect(fieldsIn('尊敬的{称呼}：｛ 姓名 ｝，{称呼}')).toEqual(['称呼', '姓名']);
    expect(mergeText('尊敬的{称呼}：送您{礼品}。', { 称呼: '王女士', 礼品: '台历' })).toBe('尊敬的王女士：送您台历。');
    expect(mergeText('价格 100 元（含邮费）', {})).toBe('价格 100 元（含邮费）');
  });

  it('tells the clerk what is wrong with a template before anything is printed', () => {
    expect(t('尊敬的{称呼}：')).toEqual([]);
    expect(t('{礼品}', { 礼品: '台历' })).toEqual([]);
    expect(t('{礼品}')).toEqual(['正文中有未知的合并字段：{礼品}']);
    expect(t('尊敬的{称呼：')).toEqual(['正文中有不成对的花括号，合并字段应写成 {姓名} 的形式']);
    expect(t('  ')).toEqual(['正文不能为空']);
    expect(t('x', { 'a b': '1' })[0]).toContain('只能由 1–12 个汉字、字母或数字组成');
  });

  it('writes dates as letters carry them', () => {
    expect(chineseDate(new Date(2026, 0, 5))).toBe('2026年1月5日');
  });
});
