/**
 * Letter templates and the printed mail (issue 10): templates per A/B variant with merge fields, a preview with
 * a real customer, and the PDFs of letters, envelopes and labels, written as a job to a file that is then read
 * in chunks (a 20,000-piece PDF never passes through memory whole). Spread into shared/contract.ts.
 */
import { z } from 'zod';
import type { LetterPreview, LetterTemplate, LetterTemplates, MergeCheck, PdfResult } from '../letter';
import { ENVELOPES, LABEL_GRID_DEFAULT, LABEL_GRID_LIMITS, PDF_KINDS } from '../letter';
import { none, op, staff } from '../contractOp';
import { entityId } from '../schemas';

const campaignId = entityId;
const variant = z.string().trim().max(20, { error: '方案代码过长' }).default('');
const templateText = {
  title: z.string().trim().max(100, { error: '标题不超过 100 字' }).default(''),
  body: z.string().max(5000, { error: '正文不超过 5000 字' }),
  signoff: z.string().max(200, { error: '落款不超过 200 字' }).default(''),
  fields: z.record(z.string().trim().max(12), z.string().max(200, { error: '字段内容不超过 200 字' })).default({}),
};

const gridSize = (what: string, l: { min: number; max: number }) => {
  const error = `${what}应为 ${l.min}–${l.max}`;
  return z.number({ error }).int({ error }).min(l.min, { error }).max(l.max, { error });
};

export const letterOps = {
  'letters.list': op<LetterTemplates>()({ input: z.object({ campaignId }).strict(), write: false, roles: staff }),
  'letters.save': op<LetterTemplate>()({ input: z.object({ campaignId, variant, ...templateText }).strict(), write: true, roles: staff }),
  'letters.remove': op<{ ok: true }>()({ input: z.object({ campaignId, variant }).strict(), write: true, roles: staff }),
  /**
   * The template (saved, or the unsaved text being edited) merged for a real customer: the one with the given
   * customer code, or else the first piece of that variant in mailing-list order.
   */
  'letters.preview': op<LetterPreview>()({
    input: z
      .object({
        campaignId,
        variant,
        customerCode: z.string().trim().max(64).optional(),
        template: z.object(templateText).strict().optional(),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  /**
   * Merge fields that would print empty, and in how many letters: for one variant's template (the text being
   * edited, else the saved one) or, without a variant, for every letter the PDF would print. Builds the whole
   * mailing list, so the editor asks when the fields used change, not on every keystroke.
   */
  'letters.mergeCheck': op<MergeCheck>()({
    input: z
      .object({ campaignId, variant: z.string().trim().max(20, { error: '方案代码过长' }).optional(), template: z.object(templateText).strict().optional() })
      .strict(),
    write: false,
    roles: staff,
  }),
  /** Starts writing a PDF (numbers new pieces first, like the mailing list); poll jobs.get, then letters.pdfResult. */
  'letters.pdfStart': op<{ jobId: string }>()({
    input: z
      .object({
        campaignId,
        kind: z.enum(Object.keys(PDF_KINDS) as [keyof typeof PDF_KINDS, ...(keyof typeof PDF_KINDS)[]], { error: '类型应为信函、信封或地址标签' }),
        envelope: z.enum(Object.keys(ENVELOPES) as [keyof typeof ENVELOPES, ...(keyof typeof ENVELOPES)[]], { error: '信封尺寸应为 DL 或 C5' }).default('DL'),
        cols: gridSize('标签列数', LABEL_GRID_LIMITS.cols).default(LABEL_GRID_DEFAULT.cols),
        rows: gridSize('标签行数', LABEL_GRID_LIMITS.rows).default(LABEL_GRID_DEFAULT.rows),
        /** The sender's address under the branch's name on envelopes; remembered for next time. */
        sender: z.string().trim().max(60, { error: '寄件地址不超过 60 字' }).optional(),
      })
      .strict(),
    write: true,
    roles: staff,
  }),
  'letters.pdfResult': op<PdfResult>()({ input: z.object({ jobId: entityId }).strict(), write: true, roles: staff }),
  /** The sender address remembered from the last envelopes. */
  'letters.pdfDefaults': op<{ sender: string; branchName: string; branchPostalCode: string | null }>()({ input: none, write: false, roles: staff }),
  /** A chunk of an exported file; `next` is null at the end, after which the file is deleted. */
  'files.read': op<{ dataBase64: string; next: number | null; bytes: number; fileName: string }>()({
    input: z.object({ fileId: entityId, offset: z.number().int().min(0) }).strict(),
    write: false,
    roles: staff,
  }),
};
