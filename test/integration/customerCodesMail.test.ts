/**
 * The print centre's mailing list shows 客户编号, and what is printed there is what a clerk types back: 退信
 * registration and the letter preview take the short code (however it is typed), a mistyped one is refused with
 * the reason, and the older paths (流水号, barcode, the id) keep working.
 */
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { campaignCheck } from '../../shared/mail';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const NOW = new Date(2026, 10, 23, 10);

async function mailing() {
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => NOW });
  const v = await call(b, 'villages.create', { name: '东风村', postalCode: '253001' });
  const zhang = await call(b, 'customers.create', { name: '张伟', consent: true, villageId: v.id, address: '中心街1号', phone: '13800000001' });
  const li = await call(b, 'customers.create', { name: '李娜', consent: true, villageId: v.id, address: '中心街2号', phone: '13800000002' });
  const campaign = await call(b, 'campaigns.create', { name: '报刊商函', products: ['报刊'], channels: ['letter'], startDate: '2026-11-23' });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  return { b, zhang, li, campaign };
}

describe('客户编号 in direct mail', () => {
  it('prints the short code on the mailing list, never the 36-character id', async () => {
    const { b, zhang, li, campaign } = await mailing();
    const res = await call(b, 'mail.list', { campaignId: campaign.id });
    const wb = XLSX.read(Buffer.from(res.dataBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['商函-邮寄清单']!, { header: 1, defval: null });
    expect(rows[2]![1]).toBe('客户编号');
    expect(rows.slice(3, 5).map((r) => r[1])).toEqual([zhang.code, li.code]);
    expect(JSON.stringify(rows)).not.toContain(zhang.id);
    await b.close();
  });

  it('registers a return by the code as printed, typed in lower case or without its hyphen', async () => {
    const { b, zhang, li, campaign } = await mailing();
    await call(b, 'mail.list', { campaignId: campaign.id });
    const r1 = await call(b, 'mail.returned', { campaignId: campaign.id, customerCode: zhang.code!.toLowerCase().replace('-', ''), reason: '查无此人' });
    expect(r1).toMatchObject({ name: '张伟', code: zhang.code, duplicate: false, returned: 1 });
    expect((await call(b, 'mail.returned', { campaignId: campaign.id, customerCode: ` ${zhang.code} `, reason: '查无此人' })).duplicate).toBe(true);
    // One character wrong: the check character catches it instead of marking someone else's letter.
    const wrong = li.code!.slice(0, -2) + (li.code!.at(-2) === '1' ? '2' : '1') + li.code!.at(-1)!;
    await expect(call(b, 'mail.returned', { campaignId: campaign.id, customerCode: wrong, reason: '查无此人' })).rejects.toThrow('校验码不符');
    await expect(call(b, 'mail.returned', { campaignId: campaign.id, customerCode: li.code!.slice(0, -1), reason: '查无此人' })).rejects.toThrow(
      '最后还有一位校验码',
    );
    // The barcode and the 流水号 still work, and so does the id an older list printed.
    const seq2 = (
      await call(b, 'mail.returned', { campaignId: campaign.id, barcode: `${String(2).padStart(8, '0')}${campaignCheck(campaign.id)}`, reason: '拒收' })
    ).seq;
    expect(seq2).toBe(2);
    expect((await call(b, 'mail.returned', { campaignId: campaign.id, customerCode: li.id, reason: '拒收' })).duplicate).toBe(true);
    await b.close();
  });

  it('previews the letter for the customer whose code is typed', async () => {
    const { b, li, campaign } = await mailing();
    const p = await call(b, 'letters.preview', { campaignId: campaign.id, customerCode: li.code!.toLowerCase() });
    expect(p).toMatchObject({ name: '李娜', code: li.code });
    await expect(
      call(b, 'letters.preview', { campaignId: campaign.id, customerCode: li.code!.slice(0, -1) + (li.code!.endsWith('0') ? '1' : '0') }),
    ).rejects.toThrow('校验码不符');
    await b.close();
  });
});
