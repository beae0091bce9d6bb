/**
 * A letter merged for one real customer before anything is printed: the clerk sees 张先生, the village and the
 * postal code where the template says {称呼}, {村或单位} and {邮政编码}, and catches a wrong field in time.
 */
import { AppError } from '../../shared/errors';
import { DEFAULT_TEMPLATE, templateProblems, type LetterPreview, type TemplateText } from '../../shared/letter';
import type { Reader } from '../db/handles';
import { mailRows } from './mailingList';
import { readCustomerCode } from '../../shared/customerCode';
import { campaignFor } from './targets';
import { mergeContext, mergeTemplate, mergeValues, templateFor } from './templates';

export function previewLetter(r: Reader, now: Date, campaignId: string, variant: string, customerCode: string | undefined, draft: TemplateText | undefined): LetterPreview {
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
