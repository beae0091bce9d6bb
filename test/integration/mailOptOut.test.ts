/**
 * Per-channel opt-outs (拒绝接触渠道) and the campaign's return rate and cost figures (issue 10, points 5 and 6):
 * what a clerk sees on the lists, in the 结果 tab's data and in the campaign report workbook.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { Backend } from '../../backend/host/backend';
import type { Channel } from '../../shared/campaign';
import { call } from '../helpers/backend';
import { xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';

const NOW = new Date(2026, 10, 23, 10);
const ADMIN = { actor: 'root', role: 'admin' as const };

async function branch(channels: Channel[] = ['letter', 'sms', 'phone', 'door']) {
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => NOW });
  const v = await call(b, 'villages.create', { name: '东风村', postalCode: '253001' });
  const add = (name: string, phone: string, noContact: Channel[] = []) =>
    call(b, 'customers.create', { name, villageId: v.id, groupName: '3组', address: `${name}家`, phone, consent: true, noContact });
  const c = {
    plain: await add('张伟', '13800000001'),
    noLetter: await add('王芳', '13800000002', ['letter']),
    noSms: await add('李强', '13800000003', ['sms']),
    noPhone: await add('赵敏', '13800000004', ['phone']),
    noDoor: await add('孙丽', '13800000005', ['door']),
  };
  const campaign = await call(b, 'campaigns.create', { name: '报刊征订', products: ['报刊'], channels, startDate: '2026-11-23' });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  return { b, v, c, campaign };
}

const csvNames = (base64: string) =>
  Buffer.from(base64, 'base64')
    .toString('utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(',')[1]);

function sheet(base64: string, name: string): unknown[][] {
  const wb = XLSX.read(Buffer.from(base64, 'base64'));
  const ws = wb.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name} in ${wb.SheetNames.join(',')}`);
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
}

/** A table's rows as objects keyed by the Chinese headers (the header row is found by its first title). */
function records(rows: unknown[][], firstTitle: string): Record<string, unknown>[] {
  const at = rows.findIndex((r) => r[0] === firstTitle);
  if (at < 0) throw new Error(`no header ${firstTitle}`);
  const head = rows[at] as string[];
  return rows.slice(at + 1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describe('per-channel opt-outs (拒绝接触渠道)', () => {
  it('leaves a customer who refused letters off the mailing list and lists them under 未列入 with the reason', async () => {
    const { b, c, campaign } = await branch();
    // Still a target: the refusal is about letters, not about the campaign.
    expect((await call(b, 'campaigns.get', { id: campaign.id })).targets).toBe(5);
    const list = await call(b, 'mail.list', { campaignId: campaign.id });
    expect(list.pieces).toBe(4);
    expect(list.excluded).toEqual([expect.objectContaining({ customerId: c.noLetter.id, name: '王芳', reason: '客户要求不寄商函' })]);
    const pieces = sheet(list.dataBase64, '商函-邮寄清单').flat();
    expect(pieces).not.toContain('王芳');
    expect(pieces).toContain('孙丽'); // refusing visits says nothing about letters
    const left = sheet(list.dataBase64, '商函-未列入');
    expect(left.find((r) => r[1] === '王芳')?.[4]).toBe('客户要求不寄商函');
    await b.close();
  });

  it('leaves an SMS refusal off the SMS list but keeps them on the call list, and a call refusal off the call list', async () => {
    const { b, campaign } = await branch();
    const sms = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '报刊征订开始了' });
    expect(csvNames(sms.dataBase64)).not.toContain('李强');
    expect(csvNames(sms.dataBase64)).toContain('赵敏');
    expect(sms.excluded).toEqual([{ reason: '客户要求不发短信', count: 1 }]);
    const calls = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'phone' });
    expect(csvNames(calls.dataBase64)).toContain('李强');
    expect(csvNames(calls.dataBase64)).not.toContain('赵敏');
    expect(calls.excluded).toEqual([{ reason: '客户要求不打电话', count: 1 }]);
    await b.close();
  });

  it('does not text a number whose holder refused SMS, even through a relative on the same mobile', async () => {
    const { b, v, campaign } = await branch(['sms']);
    // 李强's wife shares his mobile and was added after the freeze; a second campaign picks up both.
    await call(b, 'customers.create', { name: '李强妻', villageId: v.id, phone: '13800000003', consent: true });
    const second = await call(b, 'campaigns.create', { name: '集邮', products: ['集邮'], channels: ['sms'], startDate: '2026-11-23' });
    await call(b, 'campaigns.freeze', { id: second.id, filter: {} });
    const sms = await call(b, 'mail.contactList', { campaignId: second.id, channel: 'sms', text: '新邮预订' });
    expect(csvNames(sms.dataBase64)).not.toContain('李强妻');
    expect(sms.excluded).toEqual(expect.arrayContaining([{ reason: '同一号码的另一客户要求不发短信', count: 1 }]));
    expect(campaign.id).not.toBe(second.id);
    await b.close();
  });

  it('validates the channels on a customer edit: unknown codes refused in Chinese, duplicates folded, omitted means kept', async () => {
    const { b, c } = await branch();
    const base = { name: '张伟', villageId: c.plain.villageId, groupName: '3组', address: '张伟家', phone: '13800000001', consent: true };
    await expect(call(b, 'customers.update', { id: c.plain.id, fields: { ...base, noContact: ['letter', 'wechat'] } })).rejects.toThrow(
      /未知的接触渠道：wechat/,
    );
    const edited = await call(b, 'customers.update', { id: c.plain.id, fields: { ...base, noContact: ['sms', 'letter', 'sms'] } });
    expect(edited.noContact).toEqual(['letter', 'sms']);
    const history = await call(b, 'customers.history', { id: c.plain.id });
    expect(history[0]).toMatchObject({ action: 'edit', fields: ['no_contact'] });
    // A caller that does not know the field (an older screen, a script) never clears a refusal.
    const kept = await call(b, 'customers.update', { id: c.plain.id, fields: { ...base, notes: '老客户' } });
    expect(kept.noContact).toEqual(['letter', 'sms']);
    const cleared = await call(b, 'customers.update', { id: c.plain.id, fields: { ...base, noContact: [] } });
    expect(cleared.noContact).toEqual([]);
    await b.close();
  });

  it('keeps a customer who refused visits off every carrier list, counted apart from the binding rate', async () => {
    const { b, c, campaign } = await branch();
    const carrier = await call(b, 'users.create', { login: 'toudi1', displayName: '投递员甲', role: 'carrier', password: 'Carrier-2026!' }, ADMIN);
    expect((await call(b, 'dispatch.auto', { id: campaign.id, carrierIds: [carrier.id] })).assigned).toBe(4);
    const status = await call(b, 'dispatch.status', { id: campaign.id });
    expect(status).toMatchObject({ targets: 5, doorRefused: 1, assigned: 4, bindingRate: 1 });
    expect(status.byVillage[0]).toMatchObject({ targets: 5, unassigned: 0, doorRefused: 1 });
    const round = await call(b, 'visits.targets', { campaignId: campaign.id, carrierId: carrier.id, includeDone: true });
    expect(round.map((t) => t.name)).not.toContain('孙丽');
    const refusedTarget = b.db.read((r) => r.value<string>('SELECT id FROM campaign_targets WHERE customer_id = ?', [c.noDoor.id]))!;
    expect((await call(b, 'dispatch.targets', { id: campaign.id, targetIds: [refusedTarget], carrierId: carrier.id })).assigned).toBe(0);
    // A refusal after dispatch: the target is flagged for the printed round and leaves the binding figures.
    await call(b, 'customers.update', {
      id: c.plain.id,
      fields: { name: '张伟', villageId: c.plain.villageId, groupName: '3组', address: '张伟家', phone: '13800000001', consent: true, noContact: ['door'] },
    });
    const after = await call(b, 'visits.targets', { campaignId: campaign.id, carrierId: carrier.id, includeDone: true });
    expect(after.find((t) => t.name === '张伟')?.doorRefused).toBe(true);
    expect(await call(b, 'dispatch.status', { id: campaign.id })).toMatchObject({ doorRefused: 2, assigned: 3, bindingRate: 1 });
    await b.close();
  });
});

describe('拒绝接触渠道 in the customer workbook', () => {
  it('exports the refusals in Chinese and imports them back; an unknown channel is a problem on its row, an empty cell keeps them', async () => {
    const { b, c } = await branch();
    const exported = await call(b, 'customers.export', {}, ADMIN);
    const rows = records(
      XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(exported.dataBase64, 'base64')).Sheets['客户档案']!, { header: 1, defval: null }),
      '客户编号',
    );
    expect(rows.find((r) => r['姓名'] === '王芳')?.['拒绝接触渠道']).toBe('商函');
    expect(rows.find((r) => r['姓名'] === '张伟')?.['拒绝接触渠道']).toBe('');
    const file = xlsxOf([
      ['客户编号', '姓名', '手机', '拒绝接触渠道'],
      [c.plain.id, '张伟', '13800000001', '短信、电话'],
      [c.noLetter.id, '王芳', '13800000002', null],
      [c.noSms.id, '李强', '13800000003', '无'],
      [null, '周杰', '13800000009', '微信'],
      [null, '郑洁', '13800000011', null],
      [null, '吴敏', '13800000010', '短信'],
    ]);
    const { jobId } = await call(b, 'customers.importStart', { fileName: '名单.xlsx', dataBase64: file.toString('base64') });
    for (let s = await call(b, 'jobs.get', { id: jobId }); s.state !== 'done'; s = await call(b, 'jobs.get', { id: jobId })) {
      if (s.state !== 'running') throw new Error(s.error?.message ?? s.phase);
      await new Promise((r) => setTimeout(r, 5));
    }
    const preview = await call(b, 'customers.importPreview', { jobId });
    expect(preview.problems).toEqual([expect.objectContaining({ row: 5, column: '拒绝接触渠道', message: expect.stringContaining('未知的接触渠道：微信') })]);
    await call(b, 'customers.importCommit', { jobId, onDuplicate: 'update' });
    expect((await call(b, 'customers.get', { id: c.plain.id })).noContact).toEqual(['sms', 'phone']);
    expect((await call(b, 'customers.get', { id: c.noLetter.id })).noContact).toEqual(['letter']);
    expect((await call(b, 'customers.get', { id: c.noSms.id })).noContact).toEqual([]);
    const added = await call(b, 'customers.list', { query: '13800000010', offset: 0, limit: 5 });
    expect((await call(b, 'customers.get', { id: added.rows[0]!.id })).noContact).toEqual(['sms']);
    await b.close();
  });
});

describe('return rate and cost in the campaign results and the report workbook', () => {
  it('shows the return rate of a letter campaign moving with a returned piece, and cost and ROI once costs are set', async () => {
    const { b, campaign } = await branch();
    let res = await call(b, 'campaigns.results', { id: campaign.id });
    expect(res.mail).toMatchObject({ pieces: 0, returned: 0, returnRate: 0 });
    expect(res.cost).toBeNull();
    await call(b, 'mail.list', { campaignId: campaign.id });
    await call(b, 'mail.returned', { campaignId: campaign.id, seq: 1, reason: '查无此人' });
    res = await call(b, 'campaigns.results', { id: campaign.id });
    expect(res.mail).toMatchObject({ pieces: 4, returned: 1, returnRate: 0.25, byReason: [{ reason: '查无此人', count: 1 }] });
    // An SMS list exported before any price is entered shows no cost yet (not ¥0 and no ROI).
    await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '报刊征订开始了' });
    expect((await call(b, 'campaigns.results', { id: campaign.id })).cost).toBeNull();
    const target = b.db.read((r) => r.value<string>('SELECT id FROM campaign_targets WHERE campaign_id = ? LIMIT 1', [campaign.id]))!;
    await call(b, 'visits.record', { id: '0b6c1f1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', targetId: target, outcome: 'success', turnover: 30_000, revenue: 5_000 });
    const mail = await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 200, smsFen: 10, phoneFen: 0, fixedFen: 1_000 }, ADMIN);
    res = await call(b, 'campaigns.results', { id: campaign.id });
    // 4 letters × ¥2 + 4 SMS × ¥0.10 + ¥10 fixed = ¥18.40, exactly what the 商函 tab's mail.results says.
    expect(res.cost).toMatchObject({ cost: 1_840, revenue: 5_000, successes: 1, costPerSuccess: 1_840 });
    expect(res.cost!.roi).toBeCloseTo((5_000 - 1_840) / 1_840);
    expect(res.cost).toMatchObject({ cost: mail.cost, roi: mail.roi, byVariant: mail.byVariant, byChannel: mail.byChannel });
    // Per channel: variable costs where they arise, and the door-to-door visit's money on its own row.
    expect(res.cost!.byChannel.map((x) => [x.key, x.cost, x.revenue])).toEqual([
      ['letter', 800, 0],
      ['sms', 40, 0],
      ['phone', 0, 0],
      ['door', 0, 5_000],
    ]);
    await b.close();
  });

  it('has no mail figures for a campaign without the letter channel, but cost once priced', async () => {
    const { b, campaign } = await branch(['sms']);
    await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '您好' });
    await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 0, smsFen: 5, phoneFen: 0, fixedFen: 0 }, ADMIN);
    const res = await call(b, 'campaigns.results', { id: campaign.id });
    expect(res.mail).toBeNull();
    expect(res.cost).toMatchObject({ cost: 20, revenue: 0, roi: -1, costPerSuccess: null });
    await b.close();
  });

  it('carries return rate, cost, ROI and cost per success in the campaign report workbook', async () => {
    const { b, campaign } = await branch();
    const plain = await call(b, 'campaigns.create', { name: '未定价活动', products: ['储蓄'], channels: ['door'], startDate: '2026-11-23' });
    await call(b, 'campaigns.freeze', { id: plain.id, filter: {} });
    await call(b, 'mail.list', { campaignId: campaign.id });
    await call(b, 'mail.returned', { campaignId: campaign.id, seq: 2, reason: '地址不详' });
    await call(b, 'campaigns.startTest', {
      id: campaign.id,
      perVariant: 1,
      variants: [
        { code: 'A', name: '甲信' },
        { code: 'B', name: '乙信' },
      ],
    });
    const target = b.db.read((r) => r.value<string>('SELECT id FROM campaign_targets WHERE campaign_id = ? LIMIT 1', [campaign.id]))!;
    await call(b, 'visits.record', { id: '7c0d2e4f-1a2b-4c3d-8e9f-0a1b2c3d4e5f', targetId: target, outcome: 'success', revenue: 10_000 });
    await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 100, smsFen: 0, phoneFen: 0, fixedFen: 600 }, ADMIN);
    const { jobId } = await call(b, 'reports.exportStart', { names: ['campaign'] });
    for (let s = await call(b, 'jobs.get', { id: jobId }); s.state !== 'done'; s = await call(b, 'jobs.get', { id: jobId })) {
      if (s.state !== 'running') throw new Error(s.error?.message ?? s.phase);
      await new Promise((r) => setTimeout(r, 5));
    }
    const file = await call(b, 'reports.exportResult', { jobId }, ADMIN);
    const summary = records(sheet(file.dataBase64, '营销活动汇总'), '活动名称');
    const priced = summary.find((r) => r['活动名称'] === '报刊征订')!;
    // ¥4 letters + ¥6 fixed = ¥10 against ¥100 revenue: ROI 900%, ¥10 per success; 1 of 4 pieces returned.
    expect(priced).toMatchObject({ 商函件数: 4, 退信: 1, 退信率: 0.25, 成本: 10, 投资回报率: 9, 每成功成本: 10 });
    const unpriced = summary.find((r) => r['活动名称'] === '未定价活动')!;
    expect(unpriced).toMatchObject({ 商函件数: null, 退信率: null, 成本: null, 投资回报率: null });
    const costs = records(sheet(file.dataBase64, '营销活动汇总-成本与回报'), '活动名称');
    const parts = costs.filter((r) => r['活动名称'] === '报刊征订').map((r) => r['分项']);
    expect(parts).toEqual(expect.arrayContaining(['合计', '方案 A', '方案 B', '渠道：商函']));
    expect(costs.find((r) => r['分项'] === '合计')).toMatchObject({ 成本: 10, 收入: 100, 成功: 1, 投资回报率: 9, 每成功成本: 10 });
    expect(costs.some((r) => r['活动名称'] === '未定价活动')).toBe(false);
    await b.close();
  });
});
