import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { Backend } from '../../backend/host/backend';
import { idCheckDigit } from '../../shared/idNumber';
import { salutation, smsSegments } from '../../shared/mail';
import { call } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

const NOW = new Date(2026, 10, 23, 10);
const ADMIN = { actor: 'root', role: 'admin' as const };
/** A valid ID number; the 17th digit's parity is the sex (odd = male). */
const idNo = (seq: string) => {
  const first17 = `37140219850315${seq}`;
  return first17 + idCheckDigit(first17);
};

async function branch(dir = tmpDir()) {
  const b = await Backend.open({ dir, create: true, now: () => NOW });
  const v1 = await call(b, 'villages.create', { name: '东风村', postalCode: '253001' });
  const v2 = await call(b, 'villages.create', { name: '红旗村', postalCode: '253000' });
  const v3 = await call(b, 'villages.create', { name: '无邮编村' });
  const add = (fields: Record<string, unknown>) => call(b, 'customers.create', { consent: true, ...fields } as never);
  const c = {
    man: await add({ name: '张伟', idNumber: idNo('123'), villageId: v1.id, groupName: '3组', phone: '13800000001' }),
    woman: await add({ name: '欧阳娜娜', idNumber: idNo('124'), villageId: v2.id, address: '幸福路8号', phone: '13800000002' }),
    org: await add({ name: '德州市宏达农资有限公司', kind: 'org', villageId: v1.id, address: '工业园1号', phone: '13800000002' }),
    unknown: await add({ name: '李四', villageId: v2.id, address: '红旗村2组15号', phone: '05342345678' }),
    noAddress: await add({ name: '王五', phone: '13800000005' }),
    villageOnly: await add({ name: '赵六', villageId: v1.id }),
    noPostal: await add({ name: '钱七', villageId: v3.id, groupName: '1组' }),
    badAddress: await add({ name: '孙八', villageId: v2.id, address: '123' }),
    noConsent: await add({ name: '周九', villageId: v2.id, address: '5号', consent: false, phone: '13800000009' }),
  };
  const campaign = await call(b, 'campaigns.create', { name: '报刊商函', products: ['报刊'], channels: ['letter', 'sms'], startDate: '2026-11-23' });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  return { b, dir, c, v1, v2, v3, campaign };
}

function sheetRows(base64: string, sheet: string): unknown[][] {
  const wb = XLSX.read(Buffer.from(base64, 'base64'));
  const ws = wb.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet} in ${wb.SheetNames.join(',')}`);
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null });
}

describe('direct mail', () => {
  it('称呼 from the sex, the organisation name for 单位, a neutral form when unknown', () => {
    expect(salutation({ kind: 'person', name: '张伟', sex: 'M', idNumber: null })).toBe('张先生');
    expect(salutation({ kind: 'person', name: '欧阳娜娜', sex: null, idNumber: idNo('124') })).toBe('欧阳女士');
    expect(salutation({ kind: 'person', name: '王强', sex: null, idNumber: idNo('135') })).toBe('王先生');
    expect(salutation({ kind: 'org', name: '德州市宏达农资有限公司', sex: null, idNumber: null })).toBe('德州市宏达农资有限公司');
    expect(salutation({ kind: 'person', name: '李四', sex: null, idNumber: null })).toBe('李四客户');
  });

  it('writes the mailing list sorted by postal code, village and address, leaves out bad addresses with reasons, keeps numbers', async () => {
    const { b, c, campaign } = await branch();
    const res = await call(b, 'mail.list', { campaignId: campaign.id });
    expect(res.pieces).toBe(4);
    const wb = XLSX.read(Buffer.from(res.dataBase64, 'base64'));
    expect(wb.SheetNames).toEqual(['商函-邮寄清单', '商函-未列入', '商函-按邮编合计']);
    const rows = sheetRows(res.dataBase64, '商函-邮寄清单');
    expect(rows[2]).toEqual(['流水号', '客户编号', '姓名', '称呼', '地址', '邮政编码', '方案']);
    const body = rows.slice(3, 7);
    expect(body.map((r) => r[5])).toEqual(['253000', '253000', '253001', '253001']);
    // 红旗村: 红旗村2组15号 before 红旗村幸福路8号 (address order); 东风村: 3组 before 工业园1号.
    expect(body.map((r) => r[2])).toEqual(['李四', '欧阳娜娜', '张伟', '德州市宏达农资有限公司']);
    expect(body.map((r) => r[3])).toEqual(['李四客户', '欧阳女士', '张先生', '德州市宏达农资有限公司']);
    expect(body.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(body[1]![4]).toBe('红旗村幸福路8号');
    expect(body[0]![4]).toBe('红旗村2组15号');
    const excluded = sheetRows(res.dataBase64, '商函-未列入')
      .slice(3)
      .filter((r) => typeof r[0] === 'string' && /^[A-Z0-9]{2}-\d{5}[0-9A-Z]$/.test(r[0]) && r[1] !== null);
    const reasons = Object.fromEntries(excluded.map((r) => [r[1], r[4]]));
    expect(reasons).toEqual({
      王五: '缺少地址',
      赵六: '地址不详：只有村名，缺少组或门牌',
      钱七: '缺少邮政编码',
      孙八: '地址格式有误：123',
    });
    expect(res.excluded.map((x) => x.customerId).sort()).toEqual([c.noAddress.id, c.villageOnly.id, c.noPostal.id, c.badAddress.id].sort());
    const totals = sheetRows(res.dataBase64, '商函-按邮编合计').slice(3, 6);
    expect(totals).toEqual([
      ['253000', 2],
      ['253001', 2],
      ['合计', 4],
    ]);

    // Fixed later: 赵六 gets a 组 and the next number; the others keep theirs.
    await call(b, 'customers.update', {
      id: c.villageOnly.id,
      fields: { name: '赵六', villageId: c.villageOnly.villageId, groupName: '1组', consent: true },
    } as never);
    const again = await call(b, 'mail.list', { campaignId: campaign.id });
    expect(again).toMatchObject({ pieces: 5, newPieces: 1 });
    const seqs = Object.fromEntries(
      sheetRows(again.dataBase64, '商函-邮寄清单')
        .slice(3, 8)
        .map((r) => [r[2], r[0]]),
    );
    expect(seqs).toEqual({ 李四: 1, 欧阳娜娜: 2, 张伟: 3, 德州市宏达农资有限公司: 4, 赵六: 5 });
    await b.close();
  });

  it('a village inherits its town postal code and can be edited', async () => {
    const { b, v3, c } = await branch();
    b.db.write('town', (w) => w.run("UPDATE villages SET town_code = '371402001', town_name = '新华街道' WHERE id = ?", [v3.id]));
    await call(b, 'mail.setTownPostalCode', { townCode: '371402001', postalCode: '253011' });
    let codes = await call(b, 'mail.postalCodes', {});
    const town = codes.towns.find((t) => t.townCode === '371402001')!;
    expect(town.villages).toEqual([{ id: v3.id, name: '无邮编村', postalCode: '253011', inherited: true }]);
    await call(b, 'mail.setVillagePostalCode', { villageId: v3.id, postalCode: '２５３０１２' });
    codes = await call(b, 'mail.postalCodes', {});
    expect(codes.towns.find((t) => t.townCode === '371402001')!.villages[0]).toMatchObject({ postalCode: '253012', inherited: false });
    await expect(call(b, 'mail.setVillagePostalCode', { villageId: v3.id, postalCode: '2530' })).rejects.toThrow('6 位数字');
    const campaign = await call(b, 'campaigns.create', { name: '第二轮', channels: ['letter'] });
    await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
    const list = await call(b, 'mail.list', { campaignId: campaign.id });
    expect(list.excluded.map((x) => x.customerId)).not.toContain(c.noPostal.id);
    await b.close();
  });

  it('a returned piece flags the address, leaves the next list and changes the return rate; a reply card records an outcome', async () => {
    const { b, c, campaign } = await branch();
    await call(b, 'mail.list', { campaignId: campaign.id });
    const r = await call(b, 'mail.returned', { campaignId: campaign.id, seq: 2, reason: '查无此人' });
    expect(r).toMatchObject({ seq: 2, name: '欧阳娜娜', duplicate: false, returned: 1, pieces: 4, returnRate: 0.25 });
    expect((await call(b, 'customers.get', { id: c.woman.id })).addressFlag).toBe('退信：查无此人');
    // She has an ID number and a phone, so only the returned letter puts her on the clean-up list to be verified.
    expect((await call(b, 'cleanup.list', {})).rows.map((x) => x.id)).toContain(c.woman.id);
    expect(await call(b, 'mail.returned', { campaignId: campaign.id, seq: 2, reason: '查无此人' })).toMatchObject({ duplicate: true, returned: 1 });
    await expect(call(b, 'mail.returned', { campaignId: campaign.id, seq: 3, reason: '不知道' })).rejects.toThrow('未知的退信原因');
    await expect(call(b, 'mail.returned', { campaignId: campaign.id, seq: 99, reason: '拒收' })).rejects.toThrow('没有流水号 99');
    const byCode = await call(b, 'mail.returned', { campaignId: campaign.id, customerCode: c.org.id, reason: '拒收' });
    expect(byCode).toMatchObject({ seq: 4, returned: 2, returnRate: 0.5 });
    expect((await call(b, 'customers.get', { id: c.org.id })).addressFlag).toBeNull(); // 拒收 says nothing about the address
    // A reply card from 张伟 (流水号 3): an outcome like a visit, once however often the save is retried.
    const reply = { campaignId: campaign.id, id: 'a4d1c7e2-5b3f-4e8a-9c6d-7f1e2a3b4c5d', seq: 3, outcome: 'success' as const, revenue: 1_200 };
    expect(await call(b, 'mail.reply', reply)).toMatchObject({ duplicate: false, seq: 3, name: '张伟' });
    expect(await call(b, 'mail.reply', reply)).toMatchObject({ duplicate: true });
    const campaignResults = await call(b, 'campaigns.results', { id: campaign.id });
    expect(campaignResults.overall.success).toBe(1);
    expect(campaignResults.byChannel.find((x) => x.key === 'letter')?.success).toBe(1);
    const results = await call(b, 'mail.results', { campaignId: campaign.id });
    expect(results).toMatchObject({ pieces: 4, returned: 2, returnRate: 0.5, successes: 1, revenue: 1_200 });
    expect(results.byReason.map((x) => x.reason).sort()).toEqual(['拒收', '查无此人'].sort());
    const again = await call(b, 'mail.list', { campaignId: campaign.id });
    expect(again.excluded.find((x) => x.customerId === c.woman.id)?.reason).toBe('地址待核实（退信：查无此人）');
    // The address corrected: the flag goes, and with it the clean-up entry.
    await call(b, 'customers.update', {
      id: c.woman.id,
      fields: { name: '欧阳娜娜', idNumber: idNo('124'), villageId: c.woman.villageId, address: '幸福路18号', phone: '13800000002', consent: true },
    } as never);
    expect((await call(b, 'cleanup.list', {})).rows.map((x) => x.id)).not.toContain(c.woman.id);
    await b.close();
  });

  it('counts SMS segments at 70/71 characters and lists each consented mobile once', async () => {
    expect(smsSegments('邮'.repeat(70))).toBe(1);
    expect(smsSegments('邮'.repeat(71))).toBe(2);
    expect(smsSegments('邮'.repeat(134))).toBe(2);
    expect(smsSegments('邮'.repeat(135))).toBe(3);
    expect(smsSegments('')).toBe(0);
    const { b, campaign } = await branch();
    const res = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '报'.repeat(71) });
    const csv = Buffer.from(res.dataBase64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF手机号,姓名,短信内容,字数,条数')).toBe(true);
    const lines = csv.trim().split('\r\n').slice(1);
    // 13800000002 is shared by 欧阳娜娜 and the company: one line. 李四 has a landline, 周九 no consent.
    expect(lines.map((l) => l.split(',')[0])).toEqual(expect.arrayContaining(['13800000001', '13800000002', '13800000005']));
    expect(lines).toHaveLength(3);
    expect(lines[0]!.endsWith(',71,2')).toBe(true);
    expect(res).toMatchObject({ lines: 3, length: 71, segments: 2 });
    expect(res.excluded).toEqual(
      expect.arrayContaining([
        { reason: '号码重复（同一号码只发一次）', count: 1 },
        { reason: '不是有效手机号', count: 1 },
      ]),
    );
    await b.close();
  });

  it('counts an English SMS in septets and a rare character as two UTF-16 units, in the list and in the cost', async () => {
    const { b, campaign } = await branch();
    const columns = (res: { dataBase64: string }) => Buffer.from(res.dataBase64, 'base64').toString('utf8').trim().split('\r\n')[1]!.split(',').slice(-2);
    // 160 letters: one GSM-7 message (they used to be billed as three).
    const english = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: 'a'.repeat(160) });
    expect(english).toMatchObject({ length: 160, segments: 1 });
    expect(columns(english)).toEqual(['160', '1']);
    // 69 characters and 𡐓: 71 UTF-16 units, two messages (it used to count as 70, one).
    const rare = await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: `${'报'.repeat(69)}𡐓` });
    expect(rare).toMatchObject({ length: 71, segments: 2 });
    expect(columns(rare)).toEqual(['71', '2']);
    const r = await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 0, smsFen: 5, phoneFen: 0, fixedFen: 0 }, ADMIN);
    // Three numbers × two segments of the last list.
    expect(r).toMatchObject({ smsSegments: 6, cost: 30 });
    await b.close();
  });

  it('cost per piece and fixed costs give cost, ROI and cost per success', async () => {
    const { b, campaign } = await branch();
    await call(b, 'mail.list', { campaignId: campaign.id });
    await call(b, 'mail.contactList', { campaignId: campaign.id, channel: 'sms', text: '报刊征订开始了' });
    const target = b.db.read((r) => r.value<string>('SELECT id FROM campaign_targets WHERE campaign_id = ? LIMIT 1', [campaign.id]))!;
    await call(b, 'visits.record', {
      id: '6f1c2b0e-8d7a-4c1e-9b2a-3e4f5a6b7c8d',
      targetId: target,
      outcome: 'success',
      turnover: 50_000,
      revenue: 6_000,
    } as never);
    const r = await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 150, smsFen: 5, phoneFen: 0, fixedFen: 1_000 }, ADMIN);
    // 4 letters × 1.50 + 3 SMS × 0.05 + 10.00 fixed = 16.15
    expect(r).toMatchObject({ cost: 1_615, revenue: 6_000, successes: 1, costPerSuccess: 1_615 });
    expect(r.roi).toBeCloseTo((6_000 - 1_615) / 1_615);
    // No A/B split here: one row carries everything; by channel, the success came from a visit on the letter channel.
    expect(r.byVariant).toEqual([expect.objectContaining({ key: '', cost: 1_615, revenue: 6_000, successes: 1 })]);
    expect(r.byChannel.map((x) => [x.key, x.cost])).toEqual([
      ['letter', 600],
      ['sms', 15],
      ['phone', 0],
    ]);
    await expect(call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 1, smsFen: 0, phoneFen: 0, fixedFen: 0 })).rejects.toThrow();
    await b.close();
  });

  it('an A/B test: each piece carries its variant, and cost and return are shown per variant', async () => {
    const { b, campaign } = await branch();
    // The sample is drawn at random; this draw puts mailed customers into both variants, so the test cannot
    // pass or fail by chance (a draw of only unmailed ones left no piece with a variant to check).
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    await call(b, 'campaigns.startTest', {
      id: campaign.id,
      perVariant: 2,
      variants: [
        { code: 'A', name: '甲信' },
        { code: 'B', name: '乙信' },
      ],
    });
    const list = await call(b, 'mail.list', { campaignId: campaign.id });
    const variants = sheetRows(list.dataBase64, '商函-邮寄清单')
      .slice(3, 3 + list.pieces)
      .map((r) => r[6] ?? '');
    random.mockRestore();
    expect(variants.filter((v) => v === 'A').length).toBeGreaterThan(0);
    expect(variants.filter((v) => v === 'B').length).toBeGreaterThan(0);
    const r = await call(b, 'mail.setCosts', { campaignId: campaign.id, letterFen: 100, smsFen: 0, phoneFen: 0, fixedFen: 600 }, ADMIN);
    // Letters at ¥1 each; ¥6 fixed shared by the 8 targets (2 A, 2 B, 4 not in the test): ¥1.50 to A and to B.
    expect(r.byVariant.map((x) => x.key)).toEqual(['', 'A', 'B']);
    expect(r.byVariant.reduce((s, x) => s + x.cost, 0)).toBe(r.cost);
    for (const code of ['A', 'B']) expect(r.byVariant.find((x) => x.key === code)!.cost).toBe(variants.filter((v) => v === code).length * 100 + 150);
    await b.close();
  });

  it('CLI: mail list, returned and sms list with clear errors and exit codes', async () => {
    const { b, dir, campaign } = await branch();
    await b.close();
    const out = path.join(tmpDir(), 'list.xlsx');
    const bad = await cli('mail', 'list', '--db', dir, '--campaign', 'nope', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('营销活动不存在：nope');
    const ok = await cli('mail', 'list', '--db', dir, '--campaign', campaign.id, '--out', out);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('4 件');
    expect(fs.existsSync(out)).toBe(true);
    const ret = await cli('mail', 'returned', '--db', dir, '--campaign', campaign.id, '--seq', '1', '--reason', '地址不详', '--json');
    expect(ret.code).toBe(0);
    expect(JSON.parse(ret.out)).toMatchObject({ seq: 1, reason: '地址不详', returned: 1, pieces: 4 });
    const unknown = await cli('mail', 'returned', '--db', dir, '--campaign', campaign.id, '--seq', '1', '--reason', '没人', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('未知的退信原因：没人');
    expect((await cli('mail', 'returned', '--db', dir, '--campaign', campaign.id, '--reason', '拒收')).code).toBe(2);
    const csv = path.join(tmpDir(), 'sms.csv');
    const sms = await cli('sms', 'list', '--db', dir, '--campaign', campaign.id, '--out', csv, '--text', '您好');
    expect(sms.code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8').startsWith('\uFEFF手机号')).toBe(true);
    expect((await cli('sms', 'list', '--db', dir, '--campaign', 'nope', '--out', csv, '--text', '您好')).code).toBe(1);
    const village = await cli('mail', 'postal-code', '--db', dir, '--village', 'no-such-village', '--code', '253000');
    expect(village.code).toBe(1);
    expect(village.err).toContain('该行政村不存在');
    const codes = await cli('mail', 'postal-code', '--db', dir, '--json');
    expect(codes.code).toBe(0);
    expect(
      JSON.parse(codes.out)
        .towns[0].villages.map((v: { postalCode: string | null }) => v.postalCode)
        .sort(),
    ).toEqual(['253000', '253001', null]);
  });
});
