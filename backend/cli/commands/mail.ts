/**
 * `mail list|returned|results|costs` and `sms list` / `call list`: the direct-mail outputs from the command line,
 * over the same contract operations as the 商函 tab.
 */
import { BARCODE_RE, type ContactListResult, type MailListResult, type MailResults, type PostalCodes, type ReturnResult } from '../../../shared/mail';
import { intFlag, optionalString, parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';
import { writeOutput } from './transfer';
import { mailPdfCmd } from './mailPdf';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

async function listCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', campaign: 'string', out: 'string', json: 'boolean' });
  const campaignId = requireString(flags, 'campaign');
  const file = requireString(flags, 'out');
  const res = await withBackend(dbTarget(flags), false, (b) => callOp<MailListResult>(b, 'mail.list', { campaignId }));
  writeOutput(file, Buffer.from(res.dataBase64, 'base64'));
  if (flags['json']) {
    out(JSON.stringify({ file, pieces: res.pieces, newPieces: res.newPieces, excluded: res.excluded }));
    return;
  }
  out(`已写入 ${file}：${res.pieces} 件（新编流水号 ${res.newPieces} 件），未列入 ${res.excluded.length} 户`);
  for (const x of res.excluded.slice(0, 20)) out(`  ${x.name}\t${x.address}\t${x.reason}`);
  if (res.excluded.length > 20) out(`  …其余 ${res.excluded.length - 20} 户见清单的“未列入”表`);
}

async function returnedCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, {
    db: 'string',
    'key-file': 'string',
    campaign: 'string',
    seq: 'string',
    customer: 'string',
    reason: 'string',
    note: 'string',
    json: 'boolean',
  });
  const campaignId = requireString(flags, 'campaign');
  const reason = requireString(flags, 'reason');
  const customerCode = optionalString(flags, 'customer');
  if (flags['seq'] === undefined && !customerCode) throw new UsageError('请给出 --seq 流水号 或 --customer 客户编号');
  // Ten digits are what a scanner reads off the piece (流水号 + the campaign's check digits).
  const barcode = typeof flags['seq'] === 'string' && BARCODE_RE.test(flags['seq']) ? flags['seq'] : undefined;
  const seq = flags['seq'] === undefined || barcode ? undefined : intFlag(flags, 'seq', 0);
  const note = optionalString(flags, 'note');
  const ref = barcode ? { barcode } : seq !== undefined ? { seq } : { customerCode };
  const res = await withBackend(dbTarget(flags), false, (b) =>
    callOp<ReturnResult>(b, 'mail.returned', { campaignId, reason, ...ref, ...(note ? { note } : {}) }),
  );
  if (flags['json']) {
    out(JSON.stringify(res));
    return;
  }
  out(
    `${res.duplicate ? '此前已登记' : '已登记退信'}：流水号 ${res.seq} ${res.name}（${res.reason}）；本活动退信 ${res.returned}/${res.pieces} 件，退信率 ${pct(res.returnRate)}`,
  );
}

async function resultsCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', campaign: 'string', json: 'boolean' });
  const campaignId = requireString(flags, 'campaign');
  const r = await withBackend(dbTarget(flags), false, (b) => callOp<MailResults>(b, 'mail.results', { campaignId }));
  if (flags['json']) {
    out(JSON.stringify(r));
    return;
  }
  out(`商函 ${r.pieces} 件，退信 ${r.returned} 件（${pct(r.returnRate)}）${r.byReason.map((x) => ` ${x.reason} ${x.count}`).join('')}`);
  out(
    `成本 ${yuan(r.cost)}，收入 ${yuan(r.revenue)}，ROI ${r.roi === null ? '—' : pct(r.roi)}，成功 ${r.successes} 户，每户成功成本 ${r.costPerSuccess === null ? '—' : yuan(r.costPerSuccess)}`,
  );
}

/** Money flags are typed in yuan, as on the price list; stored in fen. */
function fenFlag(flags: Record<string, string | boolean | undefined>, name: string): number {
  const v = flags[name];
  if (v === undefined) return 0;
  if (typeof v !== 'string' || !/^\d+(\.\d{1,2})?$/.test(v)) throw new UsageError(`--${name} 应为金额（元，最多两位小数），收到：${String(v)}`);
  return Math.round(Number(v) * 100);
}

async function costsCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, {
    db: 'string',
    'key-file': 'string',
    campaign: 'string',
    letter: 'string',
    sms: 'string',
    call: 'string',
    fixed: 'string',
    json: 'boolean',
  });
  const input = {
    campaignId: requireString(flags, 'campaign'),
    letterFen: fenFlag(flags, 'letter'),
    smsFen: fenFlag(flags, 'sms'),
    phoneFen: fenFlag(flags, 'call'),
    fixedFen: fenFlag(flags, 'fixed'),
  };
  const r = await withBackend(dbTarget(flags), false, (b) => callOp<MailResults>(b, 'mail.setCosts', input));
  out(flags['json'] ? JSON.stringify(r) : `已保存成本：合计 ${yuan(r.cost)}，ROI ${r.roi === null ? '—' : pct(r.roi)}`);
}

/** `mail postal-code --db PATH [--town CODE | --village ID] [--code 邮编]`: sets a code, or lists them all. */
async function postalCmd(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', town: 'string', village: 'string', code: 'string', json: 'boolean' });
  const town = optionalString(flags, 'town');
  const village = optionalString(flags, 'village');
  const code = optionalString(flags, 'code');
  if (town && village) throw new UsageError('--town 和 --village 只能给一个');
  if (town && !code) throw new UsageError('设置乡镇邮编需要 --code');
  const codes = await withBackend(dbTarget(flags), false, async (b) => {
    if (town) await callOp(b, 'mail.setTownPostalCode', { townCode: town, postalCode: code });
    // A village without --code goes back to inheriting its town's code.
    if (village) await callOp(b, 'mail.setVillagePostalCode', { villageId: village, postalCode: code ?? null });
    return callOp<PostalCodes>(b, 'mail.postalCodes', {});
  });
  if (flags['json']) {
    out(JSON.stringify(codes));
    return;
  }
  out(`网点邮编：${codes.branchPostalCode ?? '未设置'}`);
  for (const t of codes.towns) {
    out(`${t.townName ?? t.townCode}\t${t.townCode}\t乡镇邮编 ${t.postalCode ?? '未设置'}`);
    for (const v of t.villages) out(`  ${v.name}\t${v.id}\t${v.postalCode ?? '缺少邮编'}${v.inherited ? '（沿用）' : ''}`);
  }
}

export async function mailCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listCmd(rest, out);
  if (sub === 'returned') return returnedCmd(rest, out);
  if (sub === 'results') return resultsCmd(rest, out);
  if (sub === 'costs') return costsCmd(rest, out);
  if (sub === 'postal-code') return postalCmd(rest, out);
  if (sub === 'pdf') return mailPdfCmd(rest, out);
  throw new UsageError(`未知的子命令：mail ${sub ?? ''}（可用：mail list、mail pdf、mail returned、mail results、mail costs、mail postal-code）`);
}

/** `sms list` and `call list`: the CSV for the SMS gateway or the callers. */
export function contactCommand(channel: 'sms' | 'phone') {
  return async (argv: string[], out: Out): Promise<void> => {
    const [sub, ...rest] = argv;
    const name = channel === 'sms' ? 'sms' : 'call';
    if (sub !== 'list') throw new UsageError(`未知的子命令：${name} ${sub ?? ''}（可用：${name} list）`);
    const { flags } = parseFlags(rest, { db: 'string', 'key-file': 'string', campaign: 'string', out: 'string', text: 'string', json: 'boolean' });
    const campaignId = requireString(flags, 'campaign');
    const file = requireString(flags, 'out');
    const text = optionalString(flags, 'text');
    const res = await withBackend(dbTarget(flags), false, (b) =>
      callOp<ContactListResult>(b, 'mail.contactList', { campaignId, channel, ...(text ? { text } : {}) }),
    );
    writeOutput(file, Buffer.from(res.dataBase64, 'base64'));
    if (flags['json']) {
      out(JSON.stringify({ file, lines: res.lines, excluded: res.excluded, length: res.length, segments: res.segments }));
      return;
    }
    out(
      `已写入 ${file}：${res.lines} 个号码` +
        (channel === 'sms' ? `，每条 ${res.length} 字、计 ${res.segments} 条短信` : '') +
        (res.excluded.length ? `；未列入：${res.excluded.map((x) => `${x.reason} ${x.count}`).join('，')}` : ''),
    );
  };
}
