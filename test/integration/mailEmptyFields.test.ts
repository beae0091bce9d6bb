/**
 * Issue 20, point 6: letters printed “……可享受。” because a merge field was empty, and nothing said so. The check
 * (letters.mergeCheck) and the PDF job both name each field that merges to nothing and in how many letters.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { emptyFieldsText, type PdfResult } from '../../shared/letter';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const NOW = new Date(2026, 10, 23, 10);
const ADMIN = { actor: 'root', role: 'admin' as const };
const BODY = '尊敬的{称呼}：\n{乡镇}{村或单位}的客户凭本信到网点可享受{优惠}。\n另赠{礼品}。';

async function branch() {
  const b = await Backend.open({ dir: tmpDir(), create: true, now: () => NOW });
  await call(b, 'settings.update', { branchName: '德州市陵城区邮政支局' }, ADMIN);
  // Self-made villages have no town: {乡镇} is empty for their customers.
  const v = await call(b, 'villages.create', { name: '东风村', postalCode: '253501' });
  for (const [i, name] of ['张喆', '欧阳娜娜', '李四'].entries()) {
    await call(b, 'customers.create', { name, villageId: v.id, address: `${i + 1}号`, consent: true } as never);
  }
  const campaign = await call(b, 'campaigns.create', { name: '报刊商函', products: ['报刊'], channels: ['letter'] });
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
  return { b, campaign };
}

async function letters(b: Backend, campaignId: string): Promise<PdfResult> {
  const { jobId } = await call(b, 'letters.pdfStart', { campaignId, kind: 'letters' } as never);
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId });
    if (s.state === 'done') break;
    if (s.state !== 'running') throw new Error(`${s.phase}: ${s.error?.message ?? ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return call(b, 'letters.pdfResult', { jobId });
}

describe('empty merge fields (issue 20)', () => {
  it('names each empty field and how many letters have it empty, for the text being edited', async () => {
    const { b, campaign } = await branch();
    // Without A/B variants {优惠} has nothing to say; {礼品} was added without a value; the village has no town.
    const check = await call(b, 'letters.mergeCheck', {
      campaignId: campaign.id,
      variant: '',
      template: { title: '', body: BODY, signoff: '{网点}', fields: { 礼品: '' } },
    });
    expect(check.letters).toBe(3);
    expect(check.emptyFields).toEqual(
      expect.arrayContaining([
        { field: '优惠', letters: 3 },
        { field: '礼品', letters: 3 },
        { field: '乡镇', letters: 3 },
      ]),
    );
    expect(check.emptyFields.map((f) => f.field)).not.toContain('称呼');
    expect(emptyFieldsText([{ field: '优惠', letters: 3 }])).toBe('{优惠} 在 3 封信中为空');
    // A filled-in field is not reported.
    const filled = await call(b, 'letters.mergeCheck', {
      campaignId: campaign.id,
      variant: '',
      template: { title: '', body: '您好，送您{礼品}。', signoff: '', fields: { 礼品: '台历' } },
    });
    expect(filled).toEqual({ letters: 3, emptyFields: [] });
  });

  it('counts per variant: only the letters a template prints', async () => {
    const { b, campaign } = await branch();
    await call(b, 'campaigns.startTest', {
      id: campaign.id,
      variants: [
        { code: 'A', name: '九折', offer: '九折优惠' },
        { code: 'B', name: '无优惠' },
      ],
      perVariant: 1,
    });
    const a = await call(b, 'letters.mergeCheck', {
      campaignId: campaign.id,
      variant: 'A',
      template: { title: '', body: '可享受{优惠}。', signoff: '', fields: {} },
    });
    expect(a).toEqual({ letters: 1, emptyFields: [] });
    const bb = await call(b, 'letters.mergeCheck', {
      campaignId: campaign.id,
      variant: 'B',
      template: { title: '', body: '可享受{优惠}。', signoff: '', fields: {} },
    });
    expect(bb).toEqual({ letters: 1, emptyFields: [{ field: '优惠', letters: 1 }] });
  });

  it('the PDF job reports the empty fields with the file, and the check of the saved templates says so before', async () => {
    const { b, campaign } = await branch();
    expect(await call(b, 'letters.mergeCheck', { campaignId: campaign.id })).toEqual({ letters: 0, emptyFields: [] });
    await call(b, 'letters.save', { campaignId: campaign.id, body: BODY, signoff: '{网点}\n{日期}', fields: { 礼品: '' } });
    const before = await call(b, 'letters.mergeCheck', { campaignId: campaign.id });
    expect(before.letters).toBe(3);
    expect(before.emptyFields.find((f) => f.field === '优惠')).toEqual({ field: '优惠', letters: 3 });
    const res = await letters(b, campaign.id);
    expect(res.pieces).toBe(3);
    expect(res.emptyFields).toEqual(
      expect.arrayContaining([
        { field: '优惠', letters: 3 },
        { field: '礼品', letters: 3 },
        { field: '乡镇', letters: 3 },
      ]),
    );
    // 流水号 is numbered for every printed piece: never reported.
    await call(b, 'letters.save', { campaignId: campaign.id, body: '尊敬的{称呼}：流水号{流水号}', fields: {} });
    expect((await letters(b, campaign.id)).emptyFields).toEqual([]);
  });
});
