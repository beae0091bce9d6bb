/**
 * A letter merged for one real customer before anything is printed: the clerk sees 张先生, the village and the
 * postal code where the template says {称呼}, {村或单位} and {邮政编码}, and catches a wrong field in time.
 */
import { AppError } from '../../shared/errors';
import { DEFAULT_TEMPLATE, EmptyFieldCounter, templateProblems, type LetterPreview, type MergeCheck, type TemplateText } from '../../shared/letter';
import type { Reader } from '../db/handles';
import { mailRows } from './mailingList';
import { readCustomerCode } from '../../shared/customerCode';
import { campaignFor } from './targets';
import { mergeContext, mergeTemplate, mergeValues, templateFor, templateId } from './templates';

export function previewLetter(
  r: Reader,
  now: Date,
  campaignId: string,
  variant: string,
  customerCode: string | undefined,
  draft: TemplateText | undefined,
): LetterPreview {
  campaignFor(r, campaignId, 'letter');
  const template = draft ?? templateFor(r, campaignId, variant) ?? DEFAULT_TEMPLATE;
  const problems = templateProblems(template);
  if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  // Only the named customer's targets when a code or name is given: the editor previews on every pause in typing,
  // and the whole list of a large mailing takes seconds to build.
  const { rows, excluded } = mailRows(r, campaignId, customerCode || undefined);
  let row;
  if (customerCode) {
    // Clerks know names better than codes: a code, else the first piece addressed to that exact name.
    const read = readCustomerCode(customerCode);
    const byCode = (x: { customerId: string; code: string | null }) => x.customerId === customerCode || (read.ok && x.code === read.code);
    row = rows.find(byCode) ?? rows.find((x) => x.name === customerCode);
    if (!row) {
      const left = excluded.find((x) => byCode(x) || x.name === customerCode);
      // A code with a slip in it says so, rather than that nobody of that name is on the list.
      const why = !read.ok && read.looksLikeCode ? read.reason : `“${customerCode}”不是本活动的商函目标（请输入客户编号或姓名）`;
      throw new AppError('VALIDATION', left ? `客户“${left.name}”不在本次邮寄名单中：${left.reason}` : why, [{ field: 'customerCode', message: '不在名单中' }]);
    }
  } else {
    row = rows.find((x) => !variant || x.variant === variant) ?? rows[0];
    if (!row) throw new AppError('VALIDATION', '本活动没有可以寄出的商函目标（地址或邮编不全的客户见邮寄清单的“未列入”表）');
  }
  const stored = r.value('SELECT seq FROM mail_pieces WHERE campaign_id = ? AND customer_id = ?', [campaignId, row.customerId]);
  const seq = stored === undefined || stored === null ? null : Number(stored);
  const values = mergeValues(mergeContext(r, campaignId, now, row.customerId), { ...row, seq }, template.fields);
  return {
    customerId: row.customerId,
    code: row.code,
    name: row.name,
    variant: row.variant,
    seq,
    postalCode: row.postalCode,
    address: row.address,
    salutation: row.salutation,
    ...mergeTemplate(template, values),
  };
}

/**
 * Which merge fields would print empty, and in how many letters (issue 20: {优惠} empty gave “……可享受。”):
 * with `variant` (and the text being edited), the letters that template prints — that variant's pieces, or for
 * the common template ('') the pieces of variants without their own; without, every letter as the PDF would
 * print it with the saved templates. 流水号 is left out: pieces are numbered when the list or PDF is made.
 */
export function mergeCheck(r: Reader, now: Date, campaignId: string, variant: string | undefined, draft: TemplateText | undefined): MergeCheck {
  campaignFor(r, campaignId, 'letter');
  const { rows } = mailRows(r, campaignId);
  const saved = new Map<string, TemplateText | null>();
  const savedFor = (v: string) => {
    if (!saved.has(v)) saved.set(v, templateFor(r, campaignId, v));
    return saved.get(v)!;
  };
  const own = (v: string) => !!r.value('SELECT 1 FROM letter_templates WHERE id = ? AND deleted_at IS NULL', [templateId(campaignId, v)]);
  const owns = new Map<string, boolean>();
  const template = variant === undefined ? null : (draft ?? templateFor(r, campaignId, variant) ?? DEFAULT_TEMPLATE);
  if (template && templateProblems(template).length) return { letters: 0, emptyFields: [] };
  const counter = new EmptyFieldCounter(['流水号']);
  const context = mergeContext(r, campaignId, now);
  let letters = 0;
  for (const row of rows) {
    let t: TemplateText | null;
    if (variant === undefined) t = savedFor(row.variant);
    else if (variant) t = row.variant === variant ? template : null;
    else {
      if (!owns.has(row.variant)) owns.set(row.variant, row.variant !== '' && own(row.variant));
      t = owns.get(row.variant) ? null : template;
    }
    if (!t) continue;
    letters++;
    counter.add(t, mergeValues(context, { ...row, seq: null }, t.fields));
  }
  return { letters, emptyFields: counter.result() };
}
