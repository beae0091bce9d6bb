/**
 * The customer edit round trip (issue 19): an edit sends only what changed, the backend validates what is sent,
 * changes exactly that and returns the saved record; history and audit name only the changed field.
 */
import { describe, expect, it } from 'vitest';
import { Backend, type Session } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN: Session = { actor: '测试管理员', role: 'admin' };

async function setup() {
  const b = await Backend.open({ dir: tmpDir(), create: true });
  const c = await call(
    b,
    'customers.create',
    {
      name: '张三',
      phone: '13800138000',
      landline: '0534-2612345',
      address: '幸福路 1 号',
      householdType: '种植大户',
      tags: ['教师', '集邮'],
      incomeBand: '高',
      consent: true,
      consentSource: '书面签字',
      source: '走访',
      influence: 12,
      referrer: '王五',
      interests: '集邮',
      notes: '老客户',
      noContact: ['sms'],
    },
    ADMIN,
  );
  return { b, c };
}

/** What an edit of one field must leave as it was. */
const kept = ({ updatedAt: _u, maintainedAt: _m, maintainedBy: _b, grade: _g, ...rest }: Record<string, unknown>) => rest;

describe('editing a customer sends and changes only what changed', () => {
  it('an update of one field leaves every other field, and history and audit name only that field', async () => {
    const { b, c } = await setup();
    try {
      const saved = await call(b, 'customers.update', { id: c.id, fields: { notes: '搬到城里了' } }, ADMIN);
      expect(saved.notes).toBe('搬到城里了');
      expect(kept({ ...saved, notes: c.notes })).toEqual(kept(c as unknown as Record<string, unknown>));
      // The record returned is the stored one: the page shows it without reading it again.
      expect(saved).toEqual(await call(b, 'customers.get', { id: c.id }, ADMIN));

      const [last] = await call(b, 'customers.history', { id: c.id }, ADMIN);
      expect(last).toMatchObject({ action: 'edit', fields: ['notes'] });
      const log = await call(b, 'audit.list', { limit: 50 }, ADMIN);
      const edit = log.rows.find((e) => e.action === 'customer.edit');
      expect(edit?.details).toEqual({ old: { notes: '老客户' }, new: { notes: '搬到城里了' } });
    } finally {
      await b.close();
    }
  });

  it('a field sent as null is cleared; one left out is not', async () => {
    const { b, c } = await setup();
    try {
      const saved = await call(b, 'customers.update', { id: c.id, fields: { address: null, tags: [] } }, ADMIN);
      expect(saved).toMatchObject({ address: null, tags: [], phone: c.phone, noContact: ['sms'], consent: true, consentSource: '书面签字', influence: 12 });
    } finally {
      await b.close();
    }
  });

  it('validates what is sent, and refuses unknown fields', async () => {
    const { b, c } = await setup();
    try {
      await expect(call(b, 'customers.update', { id: c.id, fields: { phone: '12345' } }, ADMIN)).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(call(b, 'customers.update', { id: c.id, fields: { name: '  ' } }, ADMIN)).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(call(b, 'customers.update', { id: c.id, fields: { isVip: true } } as never, ADMIN)).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(await call(b, 'customers.get', { id: c.id }, ADMIN)).toEqual(c);
    } finally {
      await b.close();
    }
  });

  it('an edit that sends nothing changes nothing and records nothing', async () => {
    const { b, c } = await setup();
    try {
      const before = await call(b, 'customers.history', { id: c.id }, ADMIN);
      expect(await call(b, 'customers.update', { id: c.id, fields: {} }, ADMIN)).toEqual(c);
      expect(await call(b, 'customers.history', { id: c.id }, ADMIN)).toEqual(before);
    } finally {
      await b.close();
    }
  });
});
