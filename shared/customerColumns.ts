import { CUSTOMER_FIELD_KEYS, CUSTOMER_FIELD_SPECS } from './customerFields';

/**
 * Chinese names of the customer record's stored columns, for history, audit and sync-conflict views: each field's
 * own label (shared/customerFields.ts), plus the columns no one types in.
 */
export const CUSTOMER_COLUMN_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CUSTOMER_FIELD_KEYS.map((k) => [CUSTOMER_FIELD_SPECS[k].column, CUSTOMER_FIELD_SPECS[k].label])),
  birth_date: '出生日期',
  sex: '性别',
  verified_at: '核实日期',
  phone_flag: '电话标记',
  address_flag: '地址标记',
};
