/** The customer's fields are declared once (shared/customerFields.ts, issue 19); what is derived agrees with it. */
import { describe, expect, it } from 'vitest';
import { CUSTOMER_IMPORT_FIELDS } from '../../backend/import/headers';
import { CUSTOMER_COLUMN_LABELS } from '../../shared/customerColumns';
import { CUSTOMER_FIELD_KEYS, CUSTOMER_FIELD_SPECS, customerColumns, customerFields, customerFieldsOfRow, customerPatch } from '../../shared/customerFields';

describe('the customer field declaration', () => {
  it('names each field once: history, audit and sync conflicts read the declared label', () => {
    for (const k of CUSTOMER_FIELD_KEYS) expect(CUSTOMER_COLUMN_LABELS[CUSTOMER_FIELD_SPECS[k].column], k).toBe(CUSTOMER_FIELD_SPECS[k].label);
    expect(CUSTOMER_COLUMN_LABELS['name']).toBe('姓名');
  });

  it('gives the workbook its headers, in the order the export writes them', () => {
    expect(Object.keys(CUSTOMER_IMPORT_FIELDS)).toEqual([
      'customerCode',
      'name',
      'kind',
      'idNumber',
      'phone',
      'landline',
      'village',
      'groupName',
      'address',
      'householdType',
      'tags',
      'incomeBand',
      'consent',
      'noContact',
      'source',
      'usage',
      'influence',
      'referrer',
      'interests',
      'notes',
    ]);
    expect(CUSTOMER_IMPORT_FIELDS.village.label).toBe(CUSTOMER_FIELD_SPECS.villageId.label);
    expect(CUSTOMER_IMPORT_FIELDS.name.aliases).toContain('名称');
  });

  it('stores and reads back every field unchanged', () => {
    const f = customerFields.parse({
      name: '张三',
      kind: 'org',
      idNumber: '110101199003071233',
      phone: '13800138000',
      landline: '0534-2612345',
      villageId: 'v1',
      groupName: '三组',
      address: '1号',
      householdType: '种植大户',
      tags: ['教师'],
      incomeBand: '高',
      consent: true,
      consentSource: '书面',
      source: '走访',
      influence: 3,
      referrer: '王五',
      interests: '集邮',
      notes: '备注',
      noContact: ['sms'],
    });
    const row = customerColumns(f);
    expect(row).toMatchObject({ id_number: '110101199003071233', birth_date: '1990-03-07', sex: 'M', tags: '["教师"]', consent: 1, no_contact: '["sms"]' });
    expect(customerFieldsOfRow(row)).toEqual(f);
  });

  it('fills defaults for a new customer but never for an edit', () => {
    expect(customerFields.parse({ name: '张三' })).toMatchObject({ kind: 'person', tags: [], consent: false, phone: null });
    expect(customerPatch.parse({ name: '张三' })).toEqual({ name: '张三' });
    expect(customerColumns(customerPatch.parse({ phone: null }))).toEqual({ phone: null });
  });
});
