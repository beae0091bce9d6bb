/**
 * Issue 20, point 4: what set-up decided about the branch — its postal code and county — stays editable in 设置,
 * by an administrator only, validated (6 digits; a county of the national list) and audited like any setting;
 * villages that carried the old branch code follow the new one, and the envelopes print it as the sender's code.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'admin', role: 'admin' as const };
const SUPERVISOR = { actor: 'zhuguan', role: 'supervisor' as const };

async function branchWithoutPostalCode() {
  const b = await Backend.open({ dir: tmpDir(), create: true });
  // As the set-up wizard sends it when the 邮政编码 box was left empty.
  await call(b, 'setup.createBranch', { branchName: '黄河涯支局', postalCode: null, countyCode: '371402', townCodes: ['371402100'], extraVillages: [] }, ADMIN);
  return b;
}

describe('branch settings made at set-up (issue 20)', () => {
  it('lets an administrator set the postal code later, validated and audited', async () => {
    const b = await branchWithoutPostalCode();
    expect(await call(b, 'settings.get', {}, ADMIN)).toMatchObject({ postalCode: null, countyCode: '371402' });
    expect((await call(b, 'mail.postalCodes', {}, ADMIN)).branchPostalCode).toBeNull();

    await expect(call(b, 'settings.update', { postalCode: '25300' }, ADMIN)).rejects.toThrow('邮政编码应为 6 位数字');
    await expect(call(b, 'settings.update', { postalCode: '25300a' }, ADMIN)).rejects.toThrow('邮政编码应为 6 位数字');
    // Full-width digits from a Chinese IME are taken as digits.
    expect((await call(b, 'settings.update', { postalCode: '２５３０００' }, ADMIN)).postalCode).toBe('253000');
    expect((await call(b, 'mail.postalCodes', {}, ADMIN)).branchPostalCode).toBe('253000');
    expect((await call(b, 'letters.pdfDefaults', {}, ADMIN)).branchPostalCode).toBe('253000');

    const log = await call(b, 'audit.list', { action: 'settings' }, ADMIN);
    const entry = log.rows.find((r) => r.action === 'settings.edit')!;
    expect(entry).toMatchObject({ actor: 'admin', role: 'admin', details: { old: { postalCode: null }, new: { postalCode: '253000' } } });
    await b.close();
  });

  it('refuses the postal code and county to a supervisor, who may still change the rest', async () => {
    const b = await branchWithoutPostalCode();
    await expect(call(b, 'settings.update', { postalCode: '253000' }, SUPERVISOR)).rejects.toThrow('只有管理员可以修改');
    await expect(call(b, 'settings.update', { countyCode: '371403' }, SUPERVISOR)).rejects.toThrow('只有管理员可以修改');
    // Sending back the values as they are (a form saved whole) is no change, so not refused.
    const same = await call(b, 'settings.update', { branchName: '黄河涯邮政支局', postalCode: null, countyCode: '371402' }, SUPERVISOR);
    expect(same).toMatchObject({ branchName: '黄河涯邮政支局', postalCode: null, countyCode: '371402' });
    await expect(call(b, 'settings.update', { postalCode: '253000' }, { actor: 'yingye', role: 'clerk' })).rejects.toThrow();
    await b.close();
  });

  it('changes the county only to one of the national list', async () => {
    const b = await branchWithoutPostalCode();
    await expect(call(b, 'settings.update', { countyCode: '999999' }, ADMIN)).rejects.toThrow('不在全国区划中');
    expect((await call(b, 'settings.update', { countyCode: '371403' }, ADMIN)).countyCode).toBe('371403');
    expect((await call(b, 'setup.status', {}, ADMIN)).countyName).toContain('陵城区');
    await b.close();
  });

  it('moves villages that carried the old branch code to the new one; a village set by hand keeps its own', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    await call(
      b,
      'setup.createBranch',
      { branchName: '黄河涯支局', postalCode: '253000', countyCode: '371402', townCodes: ['371402100'], extraVillages: [] },
      ADMIN,
    );
    const villages = await call(b, 'villages.list', {}, ADMIN);
    const own = villages[0]!;
    await call(b, 'mail.setVillagePostalCode', { villageId: own.id, postalCode: '253088' }, ADMIN);
    await call(b, 'settings.update', { postalCode: '253011' }, ADMIN);
    const codes = await call(b, 'mail.postalCodes', {}, ADMIN);
    const all = codes.towns.flatMap((t) => t.villages);
    expect(all.find((v) => v.id === own.id)).toMatchObject({ postalCode: '253088', inherited: false });
    expect(all.filter((v) => v.id !== own.id).every((v) => v.postalCode === '253011' && v.inherited)).toBe(true);
    await b.close();
  });
});
