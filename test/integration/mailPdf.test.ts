/**
 * Letter templates and the mail PDFs (issue 10): merge fields checked on save, the preview with a real customer,
 * and letters, envelopes and labels whose text — read back as a print shop's tools would (pdfjs, with ZXing for the
 * barcodes: test/helpers/pdfRead.ts) — holds the merged Chinese names, 称呼 and postal codes, on pages of the right size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { idCheckDigit } from '../../shared/idNumber';
import type { PdfResult } from '../../shared/letter';
import { campaignCheck, pieceBarcode } from '../../shared/mail';
import { call } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { decodeBarcodes, pdfPageSizesMm, pdfText } from '../helpers/pdfRead';
import { tmpDir } from '../helpers/tmp';

const NOW = new Date(2026, 10, 23, 10);
const idNo = (seq: string) => {
  const first17 = `37140219850315${seq}`;
  return first17 + idCheckDigit(first17);
};

async function branch(extra = 0) {
  const dir = tmpDir();
  const b = await Backend.open({ dir, create: true, now: () => NOW });
  await call(b, 'settings.update', { branchName: '德州市陵城区邮政支局' }, { actor: 'root', role: 'admin' });
  const v1 = await call(b, 'villages.create', { name: '东风村', postalCode: '253501' });
  const v2 = await call(b, 'villages.create', { name: '红旗村', postalCode: '253502' });
  const add = (fields: Record<string, unknown>) => call(b, 'customers.create', { consent: true, ...fields } as never);
  const c = {
    man: await add({ name: '张喆', idNumber: idNo('123'), villageId: v1.id, groupName: '3组' }),
    woman: await add({ name: '欧阳娜娜', idNumber: idNo('124'), villageId: v2.id, address: '幸福路8号' }),
    org: await add({ name: '德州市宏达农资有限公司', kind: 'org', villageId: v1.id, address: '工业园1号' }),
    noAddress: await add({ name: '王五' }),
  };
  for (let i = 0; i < extra; i++) await add({ name: `刘${i}号`, villageId: i % 2 ? v1.id : v2.id, address: `${i + 1}号` });
  const campaign = await call(b, 'campaigns.create', { name: '报刊商函', products: ['报刊'], channels: ['letter'], startDate: '2026-11-23' });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  return { b, dir, c, campaign };
}

const TEMPLATE = {
  title: '{活动名称}致客户的一封信',
  body: '尊敬的{称呼}：\n您好！{网点}为{村或单位}的客户准备了{礼品}。\n请凭本信到网点领取，截止{截止日期}。',
  signoff: '{网点}\n{日期}',
  fields: { 礼品: '2027年台历', 截止日期: '12月31日' },
};

async function pdf(b: Backend, input: Record<string, unknown>): Promise<{ res: PdfResult; file: string }> {
  const { jobId } = await call(b, 'letters.pdfStart', input as never);
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId });
    if (s.state === 'done') break;
    if (s.state !== 'running') throw new Error(`${s.phase}: ${s.error?.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const res = await call(b, 'letters.pdfResult', { jobId });
  const chunks: Buffer[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const chunk: { dataBase64: string; next: number | null } = await call(b, 'files.read', { fileId: res.fileId, offset });
    chunks.push(Buffer.from(chunk.dataBase64, 'base64'));
    offset = chunk.next;
  }
  const file = path.join(tmpDir(), 'out.pdf');
  fs.writeFileSync(file, Buffer.concat(chunks));
  return { res, file };
}

describe('letter templates', () => {
  it('refuses unknown merge fields and stray braces in Chinese, and keeps one template per variant', async () => {
    const { b, campaign } = await branch();
    await expect(call(b, 'letters.save', { campaignId: campaign.id, body: '尊敬的{称谓}：您好' })).rejects.toThrow('未知的合并字段：{称谓}');
    await expect(call(b, 'letters.save', { campaignId: campaign.id, body: '尊敬的{称呼：您好' })).rejects.toThrow('不成对的花括号');
    await expect(call(b, 'letters.save', { campaignId: campaign.id, body: '您好', fields: { 姓名: 'x' } })).rejects.toThrow('与内置字段重名');
    await expect(call(b, 'letters.save', { campaignId: campaign.id, variant: 'C', body: '您好' })).rejects.toThrow('没有方案“C”');
    await call(b, 'letters.save', { campaignId: campaign.id, ...TEMPLATE });
    // Full-width braces, as a Chinese IME types them, are fields too.
    await call(b, 'letters.save', { campaignId: campaign.id, ...TEMPLATE, body: '尊敬的｛称呼｝：您好' });
    const list = await call(b, 'letters.list', { campaignId: campaign.id });
    expect(list.templates).toHaveLength(1);
    expect(list.templates[0]!.body).toBe('尊敬的｛称呼｝：您好');
  });

  it('previews the merge with a real customer, and says why a customer left off the list cannot be previewed', async () => {
    const { b, c, campaign } = await branch();
    await call(b, 'letters.save', { campaignId: campaign.id, ...TEMPLATE });
    const first = await call(b, 'letters.preview', { campaignId: campaign.id });
    // Mailing-list order: postal code 253501 (东风村) first; 张喆 is a man by his ID number.
    expect(first.postalCode).toBe('253501');
    const man = await call(b, 'letters.preview', { campaignId: campaign.id, customerCode: c.man.id });
    expect(man.title).toBe('报刊商函致客户的一封信');
    expect(man.body).toBe('尊敬的张先生：\n您好！德州市陵城区邮政支局为东风村的客户准备了2027年台历。\n请凭本信到网点领取，截止12月31日。');
    expect(man.signoff).toBe('德州市陵城区邮政支局\n2026年11月23日');
    const byName = await call(b, 'letters.preview', { campaignId: campaign.id, customerCode: '欧阳娜娜' });
    expect(byName.body.startsWith('尊敬的欧阳女士：')).toBe(true);
    await expect(call(b, 'letters.preview', { campaignId: campaign.id, customerCode: '不存在' })).rejects.toThrow('“不存在”不是本活动的商函目标');
    const org = await call(b, 'letters.preview', { campaignId: campaign.id, customerCode: c.org.id, template: { ...TEMPLATE, body: '致{称呼}' } });
    expect(org.body).toBe('致德州市宏达农资有限公司');
    await expect(call(b, 'letters.preview', { campaignId: campaign.id, customerCode: c.noAddress.id })).rejects.toThrow('不在本次邮寄名单中：缺少地址');
  });
});

describe('mail PDFs', () => {
  it('merges letters with the Chinese names, 称呼 and postal codes, one A4 page per piece in list order', async () => {
    const { b, campaign } = await branch();
    await expect(pdf(b, { campaignId: campaign.id, kind: 'letters' })).rejects.toThrow('还没有商函模板');
    await call(b, 'letters.save', { campaignId: campaign.id, ...TEMPLATE });
    const { res, file } = await pdf(b, { campaignId: campaign.id, kind: 'letters' });
    expect(res).toMatchObject({ pieces: 3, pages: 3, excluded: 1 });
    expect(res.fileName).toBe('商函信函_报刊商函_2026-11-23.pdf');
    const t = await pdfText(file);
    for (const s of ['尊敬的张先生：', '尊敬的欧阳女士：', '尊敬的德州市宏达农资有限公司：', '2027年台历', '报刊商函致客户的一封信', '2026年11月23日'])
      expect(t).toContain(s);
    expect(t).not.toContain('王五');
    const sizes = await pdfPageSizesMm(file);
    expect(sizes).toHaveLength(3);
    expect(sizes.every(([w, h]) => w === 210 && h === 297)).toBe(true);
    // The pages follow the mailing list: 东风村 (253501) before 红旗村 (253502).
    const pages = t.split('\f');
    expect(pages[2]).toContain('欧阳女士');
    // The file is handed over once, then gone from the data folder.
    await expect(call(b, 'files.read', { fileId: res.fileId, offset: 0 })).rejects.toThrow('文件已过期或已取走');
  });

  it('lays out DL and C5 envelopes with the postal code, the address, the name and the branch as sender', async () => {
    const { b, campaign } = await branch();
    const { res, file } = await pdf(b, { campaignId: campaign.id, kind: 'envelopes', envelope: 'DL', sender: '陵城区府前街1号' });
    expect(res.pages).toBe(3);
    expect((await pdfPageSizesMm(file))[0]).toEqual([220, 110]);
    const t = await pdfText(file);
    for (const s of ['张喆', '东风村3组', '欧阳娜娜', '红旗村幸福路8号', '陵城区府前街1号', '德州市陵城区邮政支局', '邮资已付']) expect(t).toContain(s);
    // Postal code digits stand one per box; the sender's own code is printed after 邮政编码.
    expect(t.replace(/\s+/g, '')).toContain('253501');
    const c5 = await pdf(b, { campaignId: campaign.id, kind: 'envelopes', envelope: 'C5' });
    expect((await pdfPageSizesMm(c5.file))[0]).toEqual([229, 162]);
    // The sender address given last time is remembered.
    expect(await pdfText(c5.file)).toContain('陵城区府前街1号');
  });

  it('puts labels on A4 sheets in the chosen grid, each with postal code, address and name', async () => {
    const { b, campaign } = await branch(30);
    const { res, file } = await pdf(b, { campaignId: campaign.id, kind: 'labels', cols: 3, rows: 8 });
    expect(res.pieces).toBe(33);
    expect(res.pages).toBe(2);
    expect((await pdfPageSizesMm(file))[0]).toEqual([210, 297]);
    const t = await pdfText(file);
    for (const s of ['张喆 收', '欧阳娜娜 收', '253502', '刘29号 收']) expect(t).toContain(s);
    const small = await pdf(b, { campaignId: campaign.id, kind: 'labels', cols: 2, rows: 5 });
    expect(small.res.pages).toBe(4);
    await expect(call(b, 'letters.pdfStart', { campaignId: campaign.id, kind: 'labels', cols: 9, rows: 8 })).rejects.toThrow('标签列数应为 1–4');
  });

  it('prints each piece’s 流水号 as a barcode that scans back to that piece for the returns', async () => {
    const { b, campaign } = await branch();
    const { file } = await pdf(b, { campaignId: campaign.id, kind: 'envelopes' });
    // The second envelope rendered at 200 dpi, as a scanner sees it: exactly one barcode on it.
    const codes = await decodeBarcodes(file, 2, 200);
    expect(codes).toHaveLength(1);
    const scanned = codes[0]!;
    // 流水号 in eight digits, then the campaign's two check digits.
    expect(scanned).toMatch(/^00000002\d{2}$/);
    // The scanner types the digits into the 退信 box; the second envelope is the second piece on the list.
    const ret = await call(b, 'mail.returned', { campaignId: campaign.id, barcode: scanned, reason: '查无此人' });
    expect(ret.seq).toBe(2);
    expect((await pdfText(file)).split('\f')[1]).toContain(ret.name);
    // The same envelope scanned while another campaign's returns are open is refused, not taken for its piece 2.
    const other = await call(b, 'campaigns.create', { name: '另一活动', channels: ['letter'] });
    await call(b, 'campaigns.freeze', { id: other.id, filter: {} });
    await call(b, 'mail.list', { campaignId: other.id });
    // (Should the two campaigns' check digits ever coincide, the test takes digits the other campaign cannot have.)
    const wrong =
      scanned.slice(8) === campaignCheck(other.id) ? `${scanned.slice(0, 8)}${String((Number(campaignCheck(other.id)) + 1) % 97).padStart(2, '0')}` : scanned;
    expect(pieceBarcode(campaign.id, 2)).toBe(scanned);
    await expect(call(b, 'mail.returned', { campaignId: other.id, barcode: wrong, reason: '查无此人' })).rejects.toThrow('属于另一个营销活动');
  });

  it('names the characters the font cannot draw instead of printing them blank unnoticed', async () => {
    const { b, campaign } = await branch();
    const rare = await call(b, 'customers.create', {
      consent: true,
      name: '吉𠮷',
      idNumber: idNo('125'),
      address: '东风村5组',
      villageId: (await call(b, 'villages.list', {}))[0]!.id,
    } as never);
    const c2 = await call(b, 'campaigns.create', { name: '生僻字', channels: ['letter'] });
    await call(b, 'campaigns.freeze', { id: c2.id, filter: {} });
    const { res } = await pdf(b, { campaignId: c2.id, kind: 'envelopes' });
    expect(res.missingChars).toEqual(['𠮷']);
    expect(rare.name).toBe('吉𠮷');
    const plain = await pdf(b, { campaignId: campaign.id, kind: 'envelopes' });
    expect(plain.res.missingChars).toEqual([]);
  });

  it('can be cancelled mid-way and leaves no file behind', async () => {
    const { b, dir, campaign } = await branch(120);
    const { jobId } = await call(b, 'letters.pdfStart', { campaignId: campaign.id, kind: 'envelopes' });
    await call(b, 'jobs.cancel', { id: jobId });
    let s = await call(b, 'jobs.get', { id: jobId });
    while (s.state === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      s = await call(b, 'jobs.get', { id: jobId });
    }
    expect(s.state).toBe('cancelled');
    expect(fs.readdirSync(path.join(dir, 'exports')).map((f) => [f, fs.statSync(path.join(dir, 'exports', f)).size])).toEqual([]);
  });

  it('writes PDFs from the CLI, with clear errors for a bad kind or campaign', async () => {
    const { b, dir, campaign } = await branch();
    await b.close();
    const out = path.join(tmpDir(), '信封.pdf');
    const ok = await cli('mail', 'pdf', '--db', dir, '--campaign', campaign.id, '--kind', 'envelopes', '--size', 'c5', '--out', out, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ pieces: 3, pages: 3 });
    expect(await pdfText(out)).toContain('欧阳娜娜');
    // What the scanner reads off the first envelope is accepted where the 流水号 goes.
    const ret = await cli('mail', 'returned', '--db', dir, '--campaign', campaign.id, '--seq', pieceBarcode(campaign.id, 1), '--reason', '地址不详', '--json');
    expect(ret.code).toBe(0);
    expect(JSON.parse(ret.out)).toMatchObject({ seq: 1, duplicate: false });
    const badKind = await cli('mail', 'pdf', '--db', dir, '--campaign', campaign.id, '--kind', 'posters', '--out', out);
    expect(badKind.code).toBe(2);
    expect(badKind.err).toContain('--kind 应为 letters');
    const badCampaign = await cli('mail', 'pdf', '--db', dir, '--campaign', 'nope', '--kind', 'labels', '--out', out);
    expect(badCampaign.code).toBe(1);
    expect(badCampaign.err).toContain('营销活动不存在');
  });
});
