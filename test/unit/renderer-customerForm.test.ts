import type { FormInstance } from 'antd';
import { customerFields } from '../../shared/customerFields';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { applyProblems } from '../../renderer/src/lib/errors';
import {
  changedFieldsOf,
  CUSTOMER_FIELDS,
  EMPTY_CUSTOMER,
  describeIdNumber,
  fieldsOf,
  valuesOf,
  type EditableCustomer,
} from '../../renderer/src/lib/customerForm';
import { formatDate } from '../../renderer/src/lib/format';

describe('customer form values', () => {
  it('turns blanks into nulls and passes the strict create schema', () => {
    const fields = fieldsOf({ ...EMPTY_CUSTOMER, name: ' 张三 ', phone: '', idNumber: '  ', tags: ['教师', ' 教师', ''] });
    expect(fields).toMatchObject({ name: '张三', phone: null, idNumber: null, tags: ['教师'], consent: false, villageId: null });
    expect(contract['customers.create'].input.safeParse(fields).success).toBe(true);
    expect(contract['customers.update'].input.safeParse({ id: 'x', fields }).success).toBe(true);
  });

  it('round-trips a stored customer', () => {
    const stored: EditableCustomer = {
      kind: 'person',
      name: '李四',
      idNumber: null,
      phone: '13800138000',
      landline: null,
      villageId: 'v1',
      groupName: '三组',
      address: null,
      householdType: '种植大户',
      tags: ['教师'],
      incomeBand: null,
      consent: true,
      consentSource: '书面签字',
      source: null,
      influence: 12,
      referrer: '王五',
      interests: '集邮',
      notes: null,
      noContact: ['sms'],
    };
    expect(fieldsOf(valuesOf(stored))).toEqual({
      kind: 'person',
      name: '李四',
      idNumber: null,
      phone: '13800138000',
      landline: null,
      villageId: 'v1',
      groupName: '三组',
      address: null,
      householdType: '种植大户',
      tags: ['教师'],
      incomeBand: null,
      consent: true,
      consentSource: '书面签字',
      source: null,
      influence: 12,
      referrer: '王五',
      interests: '集邮',
      notes: null,
      noContact: ['sms'],
    });
  });

  it('covers every editable field, so saving an edit can never blank one the form does not show', () => {
    expect([...CUSTOMER_FIELDS].sort()).toEqual(Object.keys(customerFields.shape).sort());
    expect(Object.keys(fieldsOf(EMPTY_CUSTOMER)).sort()).toEqual(Object.keys(customerFields.shape).sort());
  });

  it('an edit sends only the fields that changed, which the partial update schema takes', () => {
    const stored: EditableCustomer = {
      kind: 'person',
      name: '李四',
      idNumber: '3714**********123X',
      phone: '13800138000',
      landline: null,
      villageId: 'v1',
      groupName: '三组',
      address: '幸福路 1 号',
      householdType: null,
      tags: ['教师'],
      incomeBand: null,
      consent: true,
      consentSource: '书面签字',
      source: null,
      influence: 12,
      referrer: null,
      interests: null,
      notes: null,
      noContact: ['sms'],
    };
    expect(changedFieldsOf(valuesOf(stored), stored)).toEqual({});
    // The masked number left as it was is not sent; a cleared text field is sent as null; a reordered tag list is a change.
    const patch = changedFieldsOf({ ...valuesOf(stored), notes: ' 搬家了 ', address: '  ', tags: ['教师', '集邮'] }, stored);
    expect(patch).toEqual({ notes: '搬家了', address: null, tags: ['教师', '集邮'] });
    expect(contract['customers.update'].input.safeParse({ id: 'x', fields: patch }).success).toBe(true);
    expect(contract['customers.update'].input.parse({ id: 'x', fields: { notes: 'x' } })).toEqual({ id: 'x', fields: { notes: 'x' } });
  });

  it('describes a valid ID number and ignores an invalid one', () => {
    const today = new Date(2025, 5, 1);
    expect(describeIdNumber('110101199003071233', today)).toBe('出生日期 1990-03-07 · 男 · 35 岁');
    expect(describeIdNumber('110101199003071231', today)).toBeNull();
    expect(describeIdNumber('', today)).toBeNull();
    // An old 15-digit number is accepted and the clerk is told the 18-digit form that will be stored.
    expect(describeIdNumber('110105491231002', today)).toBe('出生日期 1949-12-31 · 女 · 75 岁 · 15 位旧号码，将保存为 11010519491231002X');
  });

  it('formats dates as YYYY-MM-DD and tolerates nothing', () => {
    expect(formatDate('2025-03-07T08:00:00')).toBe('2025-03-07');
    expect(formatDate(null)).toBe('');
    expect(formatDate('garbage')).toBe('');
  });
});

describe('backend problems onto form fields', () => {
  it('maps nested paths to the last segment that names a field', () => {
    const set: unknown[] = [];
    const form = { setFields: (f: unknown[]) => set.push(...f) } as unknown as FormInstance;
    const err = new AppError('VALIDATION', '输入有误', [
      { field: 'fields.idNumber', message: '身份证号重复' },
      { field: 'fields.phone', message: '电话：位数不对' },
      { field: 'somethingElse', message: 'x' },
    ]);
    expect(applyProblems(form, err, CUSTOMER_FIELDS)).toBe(2);
    expect(set).toEqual([
      { name: 'idNumber', errors: ['身份证号重复'] },
      { name: 'phone', errors: ['电话：位数不对'] },
    ]);
    expect(applyProblems(form, new Error('boom'), CUSTOMER_FIELDS)).toBe(0);
  });
});
