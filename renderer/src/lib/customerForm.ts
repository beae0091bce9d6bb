/**
 * Between the customer form and the contract: value conversion and client-side checks that mirror
 * shared/schemas.ts, so the clerk sees the same Chinese reason instantly that the backend would give.
 */
import type { Rule } from 'antd/es/form';
import type { Channel } from '../../../shared/campaign';
import type { Customer, CustomerKind, Village } from '../../../shared/domain';
import { ageOn, isMaskedIdNumber, parseIdNumber, toHalfWidth } from '../../../shared/idNumber';
import { parsePhone } from '../../../shared/phone';
import type { CustomerFieldsInput } from '../../../shared/schemas';
import { blankToNull, SEX_LABELS } from './format';

export interface CustomerFormValues {
  kind: CustomerKind;
  name: string;
  idNumber?: string;
  phone?: string;
  landline?: string;
  villageId?: string | null;
  groupName?: string;
  address?: string;
  householdType?: string;
  tags: string[];
  incomeBand?: string;
  consent: boolean;
  consentSource?: string;
  source?: string;
  influence?: number | null;
  referrer?: string;
  interests?: string;
  notes?: string;
  noContact: Channel[];
}

/** Form field names; backend problems are mapped onto these. */
export const CUSTOMER_FIELDS = [
  'kind',
  'name',
  'idNumber',
  'phone',
  'landline',
  'villageId',
  'groupName',
  'address',
  'householdType',
  'tags',
  'incomeBand',
  'consent',
  'consentSource',
  'source',
  'influence',
  'referrer',
  'interests',
  'notes',
  'noContact',
] as const satisfies readonly (keyof CustomerFormValues)[];

/** What the form offers to pick from; loaded by the page, passed down unchanged. */
export interface CustomerChoices {
  villages: Village[];
  /** The branch's household types (settings), offered as suggestions; others can be typed. */
  householdTypes: readonly string[];
}

export const EMPTY_CUSTOMER: CustomerFormValues = { kind: 'person', name: '', tags: [], consent: false, villageId: null, noContact: [] };

/** The part of a stored customer the form edits. */
export type EditableCustomer = Pick<Customer, (typeof CUSTOMER_FIELDS)[number]>;

export function valuesOf(c: EditableCustomer): CustomerFormValues {
  return {
    kind: c.kind,
    name: c.name,
    idNumber: c.idNumber ?? '',
    phone: c.phone ?? '',
    landline: c.landline ?? '',
    villageId: c.villageId,
    groupName: c.groupName ?? '',
    address: c.address ?? '',
    householdType: c.householdType ?? '',
    tags: c.tags,
    incomeBand: c.incomeBand ?? '',
    consent: c.consent,
    consentSource: c.consentSource ?? '',
    source: c.source ?? '',
    influence: c.influence,
    referrer: c.referrer ?? '',
    interests: c.interests ?? '',
    notes: c.notes ?? '',
    noContact: c.noContact,
  };
}

/**
 * Every field is sent, so an edit that clears a field really clears it — which also means a field the form
 * did not know would be wiped on save; a unit test checks CUSTOMER_FIELDS covers the whole schema.
 */
export function fieldsOf(v: CustomerFormValues): CustomerFieldsInput {
  return {
    kind: v.kind,
    name: v.name.trim(),
    idNumber: blankToNull(v.idNumber),
    phone: blankToNull(v.phone),
    landline: blankToNull(v.landline),
    villageId: v.villageId ?? null,
    groupName: blankToNull(v.groupName),
    address: blankToNull(v.address),
    householdType: blankToNull(v.householdType),
    tags: [...new Set((v.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    incomeBand: blankToNull(v.incomeBand),
    consent: v.consent === true,
    consentSource: blankToNull(v.consentSource),
    source: blankToNull(v.source),
    influence: typeof v.influence === 'number' ? v.influence : null,
    referrer: blankToNull(v.referrer),
    interests: blankToNull(v.interests),
    notes: blankToNull(v.notes),
    noContact: [...new Set(v.noContact ?? [])],
  };
}

/** A masked number (3714**********123X) as the backend sent it: saving it unchanged keeps the stored one. */
export function isMaskedId(v: string | null | undefined): boolean {
  return Boolean(v) && isMaskedIdNumber(toHalfWidth(v!.trim()).toUpperCase());
}

/**
 * The ID-number check. `original` is the value the form was opened with: for roles that see masked numbers it
 * is masked, and sending it back unchanged is allowed (the backend keeps the stored number); any other masked
 * value is not a number the backend could keep.
 */
export function idNumberRuleFor(original?: string | null): Rule {
  return {
    validator: (_, v: string | undefined) => {
      if (!v?.trim()) return Promise.resolve();
      if (isMaskedId(v)) {
        const same = original && toHalfWidth(v.trim()).toUpperCase() === toHalfWidth(original.trim()).toUpperCase();
        return same ? Promise.resolve() : Promise.reject(new Error('身份证号已打码，请输入完整号码或恢复原值'));
      }
      const p = parseIdNumber(v);
      return p.ok ? Promise.resolve() : Promise.reject(new Error(p.reason));
    },
  };
}

export const idNumberRule: Rule = idNumberRuleFor(null);

export const phoneRule = (label: string): Rule => ({
  validator: (_, v: string | undefined) => {
    if (!v?.trim()) return Promise.resolve();
    const p = parsePhone(v);
    return p.ok ? Promise.resolve() : Promise.reject(new Error(`${label}：${p.reason}`));
  },
});

export const maxLen = (n: number, label: string): Rule => ({ max: n, message: `${label}不能超过 ${n} 个字` });

/** "出生日期 1990-03-07 · 男 · 35 岁" for a valid ID number, else null. */
export function describeIdNumber(v: string | undefined, today: Date = new Date()): string | null {
  if (!v?.trim()) return null;
  const p = parseIdNumber(v, today);
  if (!p.ok) return null;
  const told = `出生日期 ${p.birthDate} · ${SEX_LABELS[p.sex]} · ${ageOn(p.birthDate, today)} 岁`;
  // The backend stores the upgraded number; saying so now spares the clerk a surprise in the list.
  return toHalfWidth(v).length === 15 ? `${told} · 15 位旧号码，将保存为 ${p.value}` : told;
}
