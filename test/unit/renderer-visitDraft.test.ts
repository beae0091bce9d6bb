/** The pure parts of 走访录入 and the campaign pages: yuan ⇄ fen, follow-up dates, and what a row sends. */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan, yuanToFen } from '../../renderer/src/components/campaign/money';
import { checkDraft, lacksAmounts, newDraft, parseFollowUp } from '../../renderer/src/pages/visits/visitDraft';

describe('money in yuan on screen, fen in the contract', () => {
  it('formats fen as ¥ with two decimals and thousands separators', () => {
    expect(formatFen(123456789)).toBe('¥1,234,567.89');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(null)).toBe('—');
  });

  it('parses typed yuan exactly, without float noise', () => {
    expect(parseYuan('1200.5', '流转额')).toEqual({ ok: true, fen: 120050 });
    expect(parseYuan('0.29', '流转额')).toEqual({ ok: true, fen: 29 });
    expect(parseYuan('1,200.05', '流转额')).toEqual({ ok: true, fen: 120005 });
    expect(parseYuan('１２０', '收入')).toEqual({ ok: true, fen: 12000 });
    expect(parseYuan('', '收入')).toEqual({ ok: true, fen: 0 });
    expect(parseYuan('12.345', '收入')).toMatchObject({ ok: false, message: expect.stringContaining('收入应为金额') });
    expect(parseYuan('-3', '收入')).toMatchObject({ ok: false });
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(null)).toBeNull();
  });
});

describe('follow-up dates as carriers type them', () => {
  const today = dayjs('2026-12-30');
  it('accepts full dates in several spellings', () => {
    for (const t of ['2027-01-05', '2027/1/5', '20270105', '2027.01.05']) expect(parseFollowUp(t, today)).toBe('2027-01-05');
  });
  it('reads a month and day as the coming one', () => {
    expect(parseFollowUp('12-31', today)).toBe('2026-12-31');
    expect(parseFollowUp('0105', today)).toBe('2027-01-05');
  });
  it('refuses what is not a date', () => {
    for (const t of ['明天', '2026-02-30', '13-01', '1']) expect(parseFollowUp(t, today)).toBeNull();
  });
});

describe('a visit row', () => {
  it('needs an outcome, sends amounts only for 成功, and keeps its visit id across attempts', () => {
    const d = newDraft();
    expect(checkDraft('t1', d)).toMatchObject({ ok: false, field: 'outcome' });
    const refused = checkDraft('t1', { ...d, outcome: 'refused', turnover: '100', note: '  嫌贵 ' });
    expect(refused).toEqual({
      ok: true,
      input: { id: d.visitId, targetId: 't1', outcome: 'refused', turnover: 0, revenue: 0, followUpDate: null, note: '嫌贵' },
    });
    const success = checkDraft('t1', { ...d, outcome: 'success', turnover: '1200.50', revenue: '360' });
    expect(success).toMatchObject({ ok: true, input: { id: d.visitId, turnover: 120050, revenue: 36000 } });
    expect(checkDraft('t1', { ...d, outcome: 'success', revenue: 'abc' })).toMatchObject({ ok: false, field: 'revenue' });
    expect(checkDraft('t1', { ...d, outcome: 'not_home', followUpDate: '下周' })).toMatchObject({ ok: false, field: 'followUpDate' });
  });
});

describe('a 成功 without amounts (issue 20)', () => {
  it('is asked about until the amounts are filled or the clerk confirmed there are none', () => {
    const d = { ...newDraft(), outcome: 'success' as const };
    expect(lacksAmounts(d)).toBe(true);
    expect(lacksAmounts({ ...d, turnover: '120' })).toBe(true);
    expect(lacksAmounts({ ...d, turnover: '120', revenue: '0' })).toBe(false);
    expect(lacksAmounts({ ...d, noAmounts: true })).toBe(false);
    expect(lacksAmounts({ ...d, outcome: 'refused' })).toBe(false);
    expect(lacksAmounts({ ...d, status: 'saved' })).toBe(false);
    expect(lacksAmounts(undefined)).toBe(false);
  });
});
