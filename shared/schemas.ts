import { z } from 'zod';
import { CHANNELS, CHANNEL_CODES, type Channel } from './campaign';
import { isMaskedIdNumber, parseIdNumber, toHalfWidth } from './idNumber';
import { parsePhone } from './phone';

/** Optional text: trimmed, empty becomes null so "cleared" and "never set" look the same in the database. */
export const optText = (max: number, label: string) =>
  z
    .string()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish()
    .transform((v) => {
      const t = v?.trim();
      return t ? t : null;
    });

export const customerName = z
  .string({ error: '请填写姓名' })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, { error: '请填写姓名' }).max(50, { error: '姓名不能超过 50 个字' }));

export const idNumber = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const t = v ? toHalfWidth(v) : '';
    if (!t) return null;
    // Roles without full view edit a masked number; sending it back unchanged means "keep the stored one".
    if (isMaskedIdNumber(t.toUpperCase())) return t.toUpperCase();
    const p = parseIdNumber(t);
    if (!p.ok) {
      ctx.addIssue({ code: 'custom', message: p.reason });
      return z.NEVER;
    }
    return p.value;
  });

export const phone = (label: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const t = v ? toHalfWidth(v) : '';
      if (!t) return null;
      const p = parsePhone(t);
      if (!p.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}：${p.reason}` });
        return z.NEVER;
      }
      return p.value;
    });

/**
 * Channels the customer asked not to be contacted on (拒绝接触渠道): known codes only, each once, in the order of
 * CHANNELS, so the same choice always stores the same text and an edit that only reorders changes nothing.
 * Absent (undefined) means "keep what is stored": a caller that does not know the field never clears an opt-out.
 */
export const noContact = z
  .array(z.string({ error: '拒绝接触渠道应为渠道代码' }), { error: '拒绝接触渠道应为列表' })
  .max(CHANNEL_CODES.length * 2, { error: '拒绝接触渠道过多' })
  .transform((v, ctx) => {
    const unknown = v.filter((c) => !(CHANNEL_CODES as string[]).includes(c));
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `未知的接触渠道：${unknown.join('、')}（可用：${CHANNEL_CODES.map((c) => `${c} ${CHANNELS[c]}`).join('、')}）` });
      return z.NEVER;
    }
    return CHANNEL_CODES.filter((c) => v.includes(c));
  })
  .optional();

/** The stored JSON of customers.no_contact, read defensively (a bad value opts out of nothing rather than failing a list). */
export function parseNoContact(json: string | null | undefined): Channel[] {
  try {
    const v: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? CHANNEL_CODES.filter((c) => v.includes(c)) : [];
  } catch {
    return [];
  }
}

export const entityId = z.string({ error: '缺少编号' }).min(1, { error: '缺少编号' }).max(64);

/** The customer's fields are declared once, in shared/customerFields.ts (the zod object included). */
export type { CustomerFields, CustomerFieldsInput, CustomerPatch, CustomerPatchInput } from './customerFields';

export const villageName = z
  .string({ error: '请填写村名' })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, { error: '请填写村名' }).max(50, { error: '村名不能超过 50 个字' }));

export const villageCode = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const t = v ? toHalfWidth(v) : '';
    if (!t) return null;
    if (!/^\d{12}$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: '区划代码应为 12 位数字' });
      return z.NEVER;
    }
    return t;
  });

export const postalCode = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    const t = v ? toHalfWidth(v) : '';
    if (!t) return null;
    if (!/^\d{6}$/.test(t)) {
      ctx.addIssue({ code: 'custom', message: '邮政编码应为 6 位数字' });
      return z.NEVER;
    }
    return t;
  });
