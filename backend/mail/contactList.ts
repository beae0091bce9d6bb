/**
 * SMS (短信) and call (电话) lists for a campaign: consented customers only, valid mobiles only (shared/phone.ts),
 * one line per number — a household sharing one mobile gets one message, not three. Written as CSV with a UTF-8
 * BOM (Excel and the gateways' import screens read it), with the text, its length and the segments it bills.
 */
import type { ContactListResult } from '../../shared/mail';
import { smsLength, smsSegments } from '../../shared/mail';
import { parsePhone } from '../../shared/phone';
import { AppError } from '../../shared/errors';
import type { Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { noteContactList } from './costs';
import { campaignFor, targetRows } from './targets';

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function contactList(w: Writer, ctx: CallContext, campaignId: string, channel: 'sms' | 'phone', textInput: string | undefined): ContactListResult {
  const campaign = campaignFor(w, campaignId, channel);
  const text = (textInput ?? campaign.script ?? '').trim();
  if (channel === 'sms' && !text) throw new AppError('VALIDATION', '请填写短信内容（或先在活动中填写话术）', [{ field: 'text', message: '短信内容为空' }]);
  const length = smsLength(text);
  const segments = channel === 'sms' ? smsSegments(text) : 0;
  const seen = new Set<string>();
  const excluded = new Map<string, number>();
  const skip = (reason: string) => excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
  const header = channel === 'sms' ? ['手机号', '姓名', '短信内容', '字数', '条数'] : ['手机号', '姓名', '村', '方案', '话术'];
  const lines = [header.join(',')];
  for (const t of targetRows(w, campaignId)) {
    if (t.deleted_at) { skip('客户已删除'); continue; }
    if (!t.consent) { skip('未授权营销'); continue; }
    const parsed = t.phone ? parsePhone(t.phone) : null;
    if (!parsed?.ok || parsed.kind !== 'mobile') { skip(t.phone ? '不是有效手机号' : '没有手机号'); continue; }
    if (t.phone_flag) { skip(`号码待核实（${t.phone_flag}）`); continue; }
    if (seen.has(parsed.value)) { skip('号码重复（同一号码只发一次）'); continue; }
    seen.add(parsed.value);
    const cells = channel === 'sms' ? [parsed.value, t.name, text, length, segments] : [parsed.value, t.name, `${t.town_name ?? ''}${t.village_name ?? ''}`, t.variant ?? '', text];
    lines.push(cells.map(csvCell).join(','));
  }
  const count = lines.length - 1;
  noteContactList(w, ctx, campaignId, channel, channel === 'sms' ? count * segments : count);
  audit(w, ctx, 'export', 'campaign', [campaignId], { kind: channel === 'sms' ? '短信名单' : '电话名单', lines: count });
  const stamp = ctx.now.toISOString().slice(0, 10);
  return {
    fileName: `${channel === 'sms' ? '短信名单' : '电话名单'}_${campaign.name}_${stamp}.csv`,
    dataBase64: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64'),
    lines: count,
    excluded: [...excluded].map(([reason, n]) => ({ reason, count: n })),
    length,
    segments,
  };
}
