/**
 * Between the customer form and the contract: value conversion and client-side checks that mirror
 * shared/schemas.ts, so the clerk sees the same Chinese reason instantly that the backend would give.
 */
import type { Rule } from 'antd/es/form';
import type { Customer, Village } from '../../../shared/domain';
import {
  CUSTOMER_FIELD_INPUTS,
  CUSTOMER_FIELD_KEYS,
  type CustomerFieldKey,
  type CustomerFields,
  type CustomerFieldsInput,
  type CustomerPatchInput,
  type FieldInput,
} from '../../../shared/customerFields';
import { ageOn, isMaskedIdNumber, parseIdNumber, toHalfWidth } from '../../../shared/idNumber';
import { parsePhone } from '../../../shared/phone';
import { blankToNull, SEX_LABELS } from './format';

type Inputs = typeof CUSTOMER_FIELD_INPUTS;
type TextKey = { [K in CustomerFieldKey]: Inputs[K] extends 'text' ? K : never }[CustomerFieldKey];

/**
 * What the form holds, from the fields' declaration (shared/customerFields.ts): a free-text field is a string
 * ('' when empty), every other field its value as stored.
 */
export type CustomerFormValues = { [K in Exclude<CustomerFieldKey, TextKey>]: Exclude<CustomerFields[K], undefined> } & {
  [K in TextKey]?: string;
};

/** Form field names; backend problems are mapped onto these. */
export const CUSTOMER_FIELDS: readonly CustomerFieldKey[] = CUSTOMER_FIELD_KEYS;

/** What the form offers to pick from; loaded by the page, passed down unchanged. */
export interface CustomerChoices {
  villages: Village[];
  /** The branch's household types (settings), offered as suggestions; others can be typed. */
  householdTypes: readonly string[];
}

export const EMPTY_CUSTOMER: CustomerFormValues = { kind: 'person', name: '', tags: [], consent: false, villageId: null, influence: null, noContact: [] };

/** The part of a stored customer the form edits. */
export type EditableCustomer = Pick<Customer, CustomerFieldKey>;

/** Stored value → form value, by the kind of input. */
function toForm(input: FieldInput, v: unknown): unknown {
  return input === 'text' ? ((v as string | null) ?? '') : v;
}

/** Form value → what the contract takes, by the kind of input. */
function fromForm(input: FieldInput, v: unknown): unknown {
  switch (input) {
    case 'text':
      return blankToNull(v as string | undefined);
    case 'name':
      return String(v ?? '').trim();
    case 'list':
      return [...new Set(((v as string[] | undefined) ?? []).map((t) => t.trim()).filter(Boolean))];
    case 'flag':
      return v === true;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'choice':
      return v ?? null;
  }
}

export function valuesOf(c: EditableCustomer): CustomerFormValues {
  return Object.fromEntries(CUSTOMER_FIELD_KEYS.map((k) => [k, toForm(CUSTOMER_FIELD_INPUTS[k], c[k])])) as CustomerFormValues;
}

/** Every field of the form, as the contract takes them (a new customer is sent whole). */
export function fieldsOf(v: CustomerFormValues): CustomerFieldsInput {
  return Object.fromEntries(CUSTOMER_FIELD_KEYS.map((k) => [k, fromForm(CUSTOMER_FIELD_INPUTS[k], v[k])])) as CustomerFieldsInput;
}

/**
 * An edit sends only what changed against the record the form was opened with, so a field the form did not
 * touch (or does not know) is never rewritten and the history and audit name only what the clerk changed.
 */
export function changedFieldsOf(v: CustomerFormValues, loaded: EditableCustomer): CustomerPatchInput {
  const now = fieldsOf(v) as Record<string, unknown>;
  const was = fieldsOf(valuesOf(loaded)) as Record<string, unknown>;
  return Object.fromEntries(CUSTOMER_FIELD_KEYS.filter((k) => JSON.stringify(now[k]) !== JSON.stringify(was[k])).map((k) => [k, now[k]])) as CustomerPatchInput;
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
