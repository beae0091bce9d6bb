/**
 * Letter templates (商函模板): one per campaign and A/B variant ('' = every target), with merge fields filled from
 * the customer, the branch and the campaign. The same merge serves the preview and the PDF writer.
 */
import { AppError } from '../../shared/errors';
import {
  chineseDate,
  mergeText,
  templateProblems,
  type LetterPreview,
  type LetterTemplate,
  type LetterTemplates,
  type MergeValues,
  type TemplateText,
} from '../../shared/letter';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { getSetting, SETTING_BRANCH_NAME } from '../services/settings';
import { stableId } from '../usage/keys';
import type { MailRow } from './mailingList';
import { branchPostalCode } from './postalCodes';
import { campaignFor } from './targets';

export const templateId = (campaignId: string, variant: string) => stableId('letter-template', campaignId, variant);

interface TemplateRow {
  campaign_id: string;
  variant: string;
  title: string;
  body: string;
  signoff: string;
  fields: string;
  updated_at: string;
  updated_by: string | null;
}

const toTemplate = (t: TemplateRow): LetterTemplate => ({
  campaignId: t.campaign_id,
  variant: t.variant,
  title: t.title,
  body: t.body,
  signoff: t.signoff,
  fields: JSON.parse(t.fields) as Record<string, string>,
  updatedAt: t.updated_at,
  updatedBy: t.updated_by,
});

type Variant = LetterTemplates['variants'][number];

function variantsOf(r: Reader, campaignId: string): Variant[] {
  return r.all<Variant>('SELECT code, name, offer FROM campaign_variants WHERE campaign_id = ? ORDER BY code', [campaignId]);
}

function checkVariant(r: Reader, campaignId: string, variant: string): void {
  if (variant && !variantsOf(r, campaignId).some((v) => v.code === variant)) {
    throw new AppError('VALIDATION', `该活动没有方案“${variant}”`, [{ field: 'variant', message: '方案不存在' }]);
  }
}

export function listTemplates(r: Reader, campaignId: string): LetterTemplates {
  campaignFor(r, campaignId, 'letter');
  const templates = r
    .all<TemplateRow>('SELECT * FROM letter_templates WHERE campaign_id = ? AND deleted_at IS NULL ORDER BY variant', [campaignId])
    .map(toTemplate);
  return { campaignId, variants: variantsOf(r, campaignId), templates };
}

export function saveTemplate(w: Writer, ctx: CallContext, campaignId: string, variant: string, text: TemplateText): LetterTemplate {
  campaignFor(w, campaignId, 'letter');
  checkVariant(w, campaignId, variant);
  const fields = Object.fromEntries(
    Object.entries(text.fields)
      .map(([k, v]) => [k.trim(), v.trim()])
      .filter(([k]) => k),
  );
  const clean: TemplateText = { title: text.title.trim(), body: text.body.replace(/\s+$/u, ''), signoff: text.signoff.replace(/\s+$/u, ''), fields };
  const problems = templateProblems(clean);
  if (problems.length)
    throw new AppError(
      'VALIDATION',
      problems.join('；'),
      problems.map((message) => ({ field: 'body', message })),
    );
  const at = ctx.now.toISOString();
  w.run(
    `INSERT INTO letter_templates (id, campaign_id, variant, title, body, signoff, fields, updated_at, updated_by, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body, signoff = excluded.signoff, fields = excluded.fields,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, deleted_at = NULL`,
    [templateId(campaignId, variant), campaignId, variant, clean.title, clean.body, clean.signoff, JSON.stringify(fields), at, ctx.actor],
  );
  audit(w, ctx, 'letters.save', 'letter_template', [campaignId], { variant: variant || '全部目标' });
  return { campaignId, variant, ...clean, updatedAt: at, updatedBy: ctx.actor };
}

export function removeTemplate(w: Writer, ctx: CallContext, campaignId: string, variant: string): { ok: true } {
  const changed = w.run('UPDATE letter_templates SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [
    ctx.now.toISOString(),
    ctx.now.toISOString(),
    templateId(campaignId, variant),
  ]);
  if (!changed) throw new AppError('NOT_FOUND', '该方案没有模板');
  audit(w, ctx, 'letters.remove', 'letter_template', [campaignId], { variant: variant || '全部目标' });
  return { ok: true };
}

/**
 * What a piece of this variant is printed with: the variant's own template, else the campaign's common one ('').
 * Null when neither exists — letters cannot be printed then, envelopes and labels can.
 */
export function templateFor(r: Reader, campaignId: string, variant: string): TemplateText | null {
  const row =
    r.get<TemplateRow>('SELECT * FROM letter_templates WHERE id = ? AND deleted_at IS NULL', [templateId(campaignId, variant)]) ??
    r.get<TemplateRow>('SELECT * FROM letter_templates WHERE id = ? AND deleted_at IS NULL', [templateId(campaignId, '')]);
  return row ? toTemplate(row) : null;
}

/** Everything a campaign's pieces share; built once per PDF, not per piece. */
export interface MergeContext {
  branchName: string;
  branchPostalCode: string;
  campaignName: string;
  products: string;
  date: string;
  variants: Map<string, Variant>;
  /** customer id → the carrier the target is dispatched to. */
  carriers: Map<string, string>;
}

/** `customerId`: only that customer's carrier is looked up (a preview), not every target's. */
export function mergeContext(r: Reader, campaignId: string, now: Date, customerId?: string): MergeContext {
  const c = r.get<{ name: string; products: string }>('SELECT name, products FROM campaigns WHERE id = ?', [campaignId]);
  const carriers = r.all<{ customer_id: string; display_name: string }>(
    `SELECT t.customer_id, u.display_name FROM campaign_targets t JOIN users u ON u.id = t.carrier_id WHERE t.campaign_id = ?${customerId === undefined ? '' : ' AND t.customer_id = ?'}`,
    customerId === undefined ? [campaignId] : [campaignId, customerId],
  );
  return {
    branchName: getSetting(r, SETTING_BRANCH_NAME) ?? '',
    branchPostalCode: branchPostalCode(r) ?? '',
    campaignName: c?.name ?? '',
    products: c ? (JSON.parse(c.products) as string[]).join('、') : '',
    date: chineseDate(now),
    variants: new Map(variantsOf(r, campaignId).map((v) => [v.code, v])),
    carriers: new Map(carriers.map((x) => [x.customer_id, x.display_name])),
  };
}

export function mergeValues(m: MergeContext, row: Omit<MailRow, 'seq'> & { seq: number | null }, own: Record<string, string>): MergeValues {
  const v = m.variants.get(row.variant);
  return {
    ...own,
    姓名: row.name,
    称呼: row.salutation,
    地址: row.address,
    邮政编码: row.postalCode,
    村或单位: row.villageName,
    乡镇: row.townName,
    网点: m.branchName,
    网点邮编: m.branchPostalCode,
    客户经理: m.carriers.get(row.customerId) ?? m.branchName,
    活动名称: m.campaignName,
    产品: m.products,
    方案: v?.name ?? '',
    优惠: v?.offer ?? '',
    流水号: row.seq === null ? '' : String(row.seq),
    日期: m.date,
  };
}

export function mergeTemplate(t: TemplateText, values: MergeValues): Pick<LetterPreview, 'title' | 'body' | 'signoff'> {
  return { title: mergeText(t.title, values), body: mergeText(t.body, values), signoff: mergeText(t.signoff, values) };
}
