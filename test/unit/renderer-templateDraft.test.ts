import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, type LetterTemplate } from '../../shared/letter';
import { duplicateNames, insertAt, newRow, sameText, startingPoint, toDraft, toText } from '../../renderer/src/pages/campaigns/mail/templateDraft';

const saved = (variant: string, body: string): LetterTemplate => ({
  campaignId: 'c1',
  variant,
  title: '',
  body,
  signoff: '{网点}',
  fields: { 礼品: '台历' },
  updatedAt: '2026-11-23T10:00:00.000Z',
  updatedBy: 'admin',
});

describe('letter template draft', () => {
  it('inserts a field in place of the selection and puts the caret after it', () => {
    expect(insertAt('尊敬的：', 3, 3, '{称呼}')).toEqual({ text: '尊敬的{称呼}：', caret: 7 });
    expect(insertAt('尊敬的XX：', 3, 5, '{称呼}')).toEqual({ text: '尊敬的{称呼}：', caret: 7 });
    // A caret past the end (text shortened meanwhile) appends.
    expect(insertAt('您好', 9, 9, '{姓名}')).toEqual({ text: '您好{姓名}', caret: 6 });
  });

  it('turns field rows into the record the contract wants, dropping blank names and naming repeats', () => {
    const d = { ...toDraft(DEFAULT_TEMPLATE), rows: [newRow(' 礼品 ', '台历'), newRow('', '无名'), newRow('礼品', '挂历')] };
    expect(toText(d).fields).toEqual({ 礼品: '挂历' });
    expect(duplicateNames(d)).toEqual(['礼品']);
    expect(sameText(toText(toDraft(DEFAULT_TEMPLATE)), DEFAULT_TEMPLATE)).toBe(true);
  });

  it('starts a variant from its own template, else the common one, else the starting text — text only', () => {
    const common = saved('', '通用');
    const a = saved('A', '方案A');
    expect(startingPoint([common, a], 'A')).toMatchObject({ own: a, common, text: { body: '方案A' } });
    expect(startingPoint([common], 'B')).toMatchObject({ own: null, common, text: { body: '通用' } });
    expect(startingPoint([], '').text).toEqual(DEFAULT_TEMPLATE);
    // The text is compared as JSON with the editor's, so the saved row's ids and dates must not ride along.
    expect(Object.keys(startingPoint([a], 'A').text)).toEqual(['title', 'body', 'signoff', 'fields']);
  });
});
