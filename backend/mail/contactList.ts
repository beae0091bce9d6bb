/**
 * SMS (短信) and call (电话) lists for a campaign: consented customers only, valid mobiles only (shared/phone.ts),
 * one line per number — a household sharing one mobile gets one message, not three. Written as CSV with a UTF-8
 * BOM (Excel and the gateways' import screens read it), with the text, its length and the segments it bills.
 *
 * A customer who asked not to get SMS (or calls) is left off that list only — the call list may still carry
 * someone who refused SMS — and so is their number: a relative on the same mobile would reach the same phone.
 */
import type { ContactListResult } from '../../shared/mail';
import { smsLength, smsSegments } from '../../shared/mail';
import { parsePhone } from '../../shared/phone';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { csvText, type CsvValue } from '../../shared/csv';
import { noteContactList } from './costs';
import { campaignFor, OPT_OUT_REASONS, optedOut, targetRows } from './targets';

/** Mobiles of every customer (target or not) who refused this channel. */
function refusedNumbers(r: Reader, channel: 'sms' | 'phone'): Set<string> {
  const out = new Set<string>();
  for (const c of r.all<{ phone: string; no_contact: string }>(
    `SELECT phone, no_contact FROM customers WHERE deleted_at IS NULL AND phone IS NOT NULL AND no_contact LIKE ?`,
    [`%"${channel}"%`],
  )) {
    const p = parsePhone(c.phone);
    if (p.ok && optedOut(c, channel)) out.add(p.value);
  }
  return out;
}

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
  const lines: CsvValue[][] = [header];
  const refused = refusedNumbers(w, channel);
  for (const t of targetRows(w, campaignId)) {
    if (t.deleted_at) {
      skip('客户已删除');
      continue;
    }
    if (!t.consent) {
      skip('未授权营销');
      continue;
    }
    if (optedOut(t, channel)) {
      skip(OPT_OUT_REASONS[channel]!);
      continue;
    }
    const parsed = t.phone ? parsePhone(t.phone) : null;
    if (!parsed?.ok || parsed.kind !== 'mobile') {
      skip(t.phone ? '不是有效手机号' : '没有手机号');
      continue;
    }
    if (refused.has(parsed.value)) {
      skip(`同一号码的另一客户${OPT_OUT_REASONS[channel]!.slice(2)}`);
      continue;
    }
    if (t.phone_flag) {
      skip(`号码待核实（${t.phone_flag}）`);
      continue;
    }
    if (seen.has(parsed.value)) {
      skip('号码重复（同一号码只发一次）');
      continue;
    }
    seen.add(parsed.value);
    const cells =
      channel === 'sms'
        ? [parsed.value, t.name, text, length, segments]
        : [parsed.value, t.name, `${t.town_name ?? ''}${t.village_name ?? ''}`, t.variant ?? '', text];
    lines.push(cells);
  }
  const count = lines.length - 1;
  noteContactList(w, ctx, campaignId, channel, channel === 'sms' ? count * segments : count);
  audit(w, ctx, 'export', 'campaign', [campaignId], { kind: channel === 'sms' ? '短信名单' : '电话名单', lines: count });
  const stamp = ctx.now.toISOString().slice(0, 10);
  return {
    fileName: `${channel === 'sms' ? '短信名单' : '电话名单'}_${campaign.name}_${stamp}.csv`,
    dataBase64: Buffer.from(csvText(lines), 'utf8').toString('base64'),
    lines: count,
    excluded: [...excluded].map(([reason, n]) => ({ reason, count: n })),
    length,
    segments,
  };
}
