/**
 * Finding 6: entering a visit outcome (走访录入, visits.record) left no trace in the audit log, though it
 * changes the customer (maintenance, usage, phone and address flags) as an edit does. Each outcome entered is
 * now audited: who entered which outcome, for which customer, in which campaign — once, however often the
 * save is retried.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { auditActionLabel as actionLabel, auditFieldLabel as fieldLabel, auditValueText as plain } from '../../shared/auditText';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'root', role: 'admin' as const };
const VISIT_ID = '0b7e4c1a-2f3d-4e5a-9b6c-7d8e9f0a1b2c';

describe('走访录入 is an audited action', () => {
  it('a carrier’s outcome is in the audit log with who, what, for whom', async () => {
    const b = await Backend.open({ dir: tmpDir('visit-audit-'), create: true });
    const customer = await call(b, 'customers.create', { name: '李大爷', phone: '13800000011', consent: true } as never);
    const carrier = await call(b, 'users.create', { login: 'carrier1', displayName: '王投递', role: 'carrier', password: 'Carrier-pass-2026' }, ADMIN);
    const campaign = await call(b, 'campaigns.create', { name: '报刊上门', products: ['报刊'], channels: ['door'] });
    await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} });
    const target = b.db.read((r) => r.value<string>('SELECT id FROM campaign_targets WHERE campaign_id = ?', [campaign.id]))!;
    await call(b, 'dispatch.targets', { id: campaign.id, targetIds: [target], carrierId: carrier.id });

    const signedIn = await b.call('auth.login', { login: 'carrier1', password: 'Carrier-pass-2026' }, { token: null });
    expect(signedIn.ok).toBe(true);
    const token = (signedIn as { value: { token: string } }).value.token;
    const visit = { id: VISIT_ID, targetId: target, outcome: 'success', turnover: 36_000, revenue: 4_000, note: '订了全年' };
    const first = await b.call('visits.record', visit, { token });
    expect(first).toMatchObject({ ok: true, value: { duplicate: false, outcome: 'success' } });
    // A retried save records nothing new, and audits nothing new.
    expect(await b.call('visits.record', visit, { token })).toMatchObject({ ok: true, value: { duplicate: true } });

    const log = await call(b, 'audit.list', { action: 'visit' }, ADMIN);
    expect(log.rows).toHaveLength(1);
    expect(log.rows[0]).toMatchObject({
      actor: 'carrier1',
      role: 'carrier',
      action: 'visit.record',
      target: 'customer',
      targetIds: [customer.id],
      details: { visit: VISIT_ID, campaign: '报刊上门', outcome: 'success', turnover: 36_000, revenue: 4_000 },
    });
    // The 操作日志 reads it in Chinese.
    expect(actionLabel('visit.record')).toBe('走访录入');
    expect(fieldLabel('outcome')).toBe('走访结果');
    expect(plain('outcome', 'success')).toBe('成功');
    expect(plain('turnover', 36_000)).toContain('360');
    await b.close();
  });
});
