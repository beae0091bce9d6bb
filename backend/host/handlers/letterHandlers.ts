import type { PdfResult } from '../../../shared/letter';
import { mailPdf, pdfDefaults } from '../../mail/mailPdf';
import { mergeCheck, previewLetter } from '../../mail/preview';
import { listTemplates, removeTemplate, saveTemplate } from '../../mail/templates';
import { ExportFiles } from '../../services/exportFiles';
import type { HandlerDeps, Handlers } from './deps';

type LetterOps =
  | 'letters.list'
  | 'letters.save'
  | 'letters.remove'
  | 'letters.preview'
  | 'letters.mergeCheck'
  | 'letters.pdfStart'
  | 'letters.pdfResult'
  | 'letters.pdfDefaults'
  | 'files.read';
const JOB_KIND = 'mail.pdf';

export function letterHandlers({ db, jobs }: HandlerDeps): Pick<Handlers, LetterOps> {
  const files = new ExportFiles(db.dir);
  return {
    'letters.list': (input) => db.read((r) => listTemplates(r, input.campaignId)),
    'letters.save': (input, ctx) => db.write('letters.save', (w) => saveTemplate(w, ctx, input.campaignId, input.variant, input)),
    'letters.remove': (input, ctx) => db.write('letters.remove', (w) => removeTemplate(w, ctx, input.campaignId, input.variant)),
    'letters.preview': (input, ctx) => db.read((r) => previewLetter(r, ctx.now, input.campaignId, input.variant, input.customerCode, input.template)),
    'letters.mergeCheck': (input, ctx) => db.read((r) => mergeCheck(r, ctx.now, input.campaignId, input.variant, input.template)),
    'letters.pdfStart': (input, ctx) => {
      const target = files.newPath('pdf');
      const jobId = jobs.start(JOB_KIND, async (ctl): Promise<PdfResult> => {
        const res = await mailPdf(db, ctx, input, target.path, ctl);
        files.register(target.id, target.path, res.fileName);
        return { fileId: target.id, ...res };
      });
      return { jobId };
    },
    'letters.pdfResult': (input) => jobs.result<PdfResult>(input.jobId, JOB_KIND),
    'letters.pdfDefaults': () => db.read(pdfDefaults),
    'files.read': (input) => files.read(input.fileId, input.offset),
  };
}
