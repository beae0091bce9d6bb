/**
 * Direct mail (数据库商函) and the other channels' outputs (issue 10): postal codes, the mailing list with its
 * sequence numbers, returned mail, SMS and call lists, cost and return. Spread into shared/contract.ts.
 */
import { z } from 'zod';
import { OUTCOME_CODES, type Outcome } from '../campaign';
import { BARCODE_RE, type ContactListResult, type MailListResult, type MailResults, type PostalCodes, type ReturnResult } from '../mail';
import { fen, none, op, staff } from '../contractOp';
import { entityId, postalCode } from '../schemas';

const campaignId = entityId;
const requiredPostal = postalCode.refine((v): v is string => v !== null, { error: '请填写 6 位邮政编码' });

export const mailOps = {
  'mail.postalCodes': op<PostalCodes>()({ input: none, write: false, roles: staff }),
  /** Sets a town's code; its villages without a code of their own inherit it. */
  'mail.setTownPostalCode': op<{ villages: number }>()({
    input: z.object({ townCode: z.string().regex(/^\d{9}$/, { error: '乡镇/街道代码应为 9 位数字' }), postalCode: requiredPostal }).strict(),
    write: true,
    roles: staff,
  }),
  /** A village's own code; null = inherit the town's. */
  'mail.setVillagePostalCode': op<{ ok: true }>()({ input: z.object({ villageId: entityId, postalCode }).strict(), write: true, roles: staff }),

  /** The mailing list workbook; numbers new pieces, so it writes. */
  'mail.list': op<MailListResult>()({ input: z.object({ campaignId }).strict(), write: true, roles: staff }),
  /** 退信: by 流水号 or customer code, with a reason from RETURN_REASONS (checked in the service for a clear message). */
  'mail.returned': op<ReturnResult>()({
    input: z
      .object({
        campaignId,
        seq: z.number({ error: '流水号应为数字' }).int().min(1, { error: '流水号应为正整数' }).optional(),
        customerCode: z.string().trim().min(1).max(64).optional(),
        barcode: z.string().regex(BARCODE_RE, { error: '条码应为 10 位数字' }).optional(),
        reason: z.string({ error: '请选择退信原因' }).trim().min(1, { error: '请选择退信原因' }).max(20),
        note: z.string().trim().max(200).nullish(),
      })
      .strict()
      .refine((v) => v.seq !== undefined || v.customerCode !== undefined || v.barcode !== undefined, { error: '请输入流水号或客户编号', path: ['seq'] }),
    write: true,
    roles: staff,
  }),
  /** 回执 or a reply by phone: a campaign outcome for the piece, recorded as a visit (client-chosen id: a retry records once). */
  'mail.reply': op<{ id: string; duplicate: boolean; outcome: string; seq: number; name: string }>()({
    input: z
      .object({
        campaignId,
        id: z.string().uuid({ error: '记录编号无效' }),
        seq: z.number({ error: '流水号应为数字' }).int().min(1, { error: '流水号应为正整数' }).optional(),
        customerCode: z.string().trim().min(1).max(64).optional(),
        barcode: z.string().regex(BARCODE_RE, { error: '条码应为 10 位数字' }).optional(),
        outcome: z.enum(OUTCOME_CODES as [Outcome, ...Outcome[]], { error: '请选择结果' }),
        turnover: fen.default(0),
        revenue: fen.default(0),
        note: z
          .string()
          .trim()
          .max(200)
          .nullish()
          .transform((v) => v || null),
        via: z.enum(['card', 'phone']).default('card'),
      })
      .strict()
      .refine((v) => v.seq !== undefined || v.customerCode !== undefined || v.barcode !== undefined, { error: '请输入流水号或客户编号', path: ['seq'] }),
    write: true,
    roles: staff,
  }),
  'mail.results': op<MailResults>()({ input: z.object({ campaignId }).strict(), write: false }),
  'mail.setCosts': op<MailResults>()({
    input: z.object({ campaignId, letterFen: fen, smsFen: fen, phoneFen: fen, fixedFen: fen }).strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),
  /** SMS (短信) or call (电话) list as CSV for the gateway or the callers. */
  'mail.contactList': op<ContactListResult>()({
    input: z
      .object({
        campaignId,
        channel: z.enum(['sms', 'phone'], { error: '渠道应为短信或电话' }),
        /** The message (SMS) or script (calls); default the campaign's script. */
        text: z.string().trim().max(1000, { error: '内容不超过 1000 字' }).optional(),
      })
      .strict(),
    write: true,
    roles: staff,
  }),
};
