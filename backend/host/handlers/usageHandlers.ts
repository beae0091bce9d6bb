import { AppError } from '../../../shared/errors';
import type { UsageImportRow } from '../../../shared/usage';
import { commitUsageImport } from '../../usage/commit';
import { createFromEntry, discardEntry, pickCustomer, reopenEntry } from '../../usage/decide';
import { deleteLibrary, libraryMembers, listLibraries, saveGroupLibrary } from '../../usage/libraries';
import { listLines, saveLine } from '../../usage/lines';
import { defaultPlan, listPlan, savePlan, usageSummary } from '../../usage/plans';
import { prepareUsageImport, type PreparedUsageImport } from '../../usage/prepare';
import { usagePreviewOf } from '../../usage/preview';
import { listQueue, queueDetail } from '../../usage/queue';
import type { HandlerDeps, HandlerGroup } from './deps';

const JOB_KIND = 'usage.import';
const localYmd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function usageHandlers({ db, jobs }: HandlerDeps): HandlerGroup<'usage.'> {
  return {
    'usage.lines': () => db.read(listLines),
    'usage.lineSave': (input, ctx) => db.write('usage.lineSave', (w) => saveLine(w, ctx, input)),

    'usage.importStart': (input, ctx) => {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      const opts = { fileName: input.fileName, line: input.line, mapping: input.mapping, asOf: input.asOf ?? localYmd(ctx.now), today: ctx.now };
      return { jobId: jobs.start(JOB_KIND, (ctl) => prepareUsageImport(db, bytes, opts, ctl)) };
    },
    'usage.importPreview': (input) => db.read((r) => usagePreviewOf(r, input.jobId, jobs.result<PreparedUsageImport>(input.jobId, JOB_KIND))),
    'usage.importCommit': (input, ctx) => {
      const prepared = jobs.result<PreparedUsageImport & { committed?: boolean }>(input.jobId, JOB_KIND);
      // A retried or double-clicked commit must not apply the file twice (it would change nothing, but say so).
      if (prepared.committed) throw new AppError('CONFLICT', '该文件已导入，请勿重复提交');
      const result = db.write('usage.import', (w) => commitUsageImport(w, ctx, prepared));
      prepared.committed = true;
      return result;
    },
    'usage.imports': () =>
      db.read((r) =>
        r
          .all<{
            id: string;
            line: string | null;
            file_name: string;
            as_of: string;
            at: string;
            by_user: string | null;
            rows: number;
            matched: number;
            queued: number;
            unmatched: number;
            facts: number;
          }>('SELECT * FROM usage_imports ORDER BY at DESC LIMIT 200')
          .map((x): UsageImportRow => ({
            id: x.id,
            line: x.line ?? '按列',
            fileName: x.file_name,
            asOf: x.as_of,
            at: x.at,
            by: x.by_user,
            rows: Number(x.rows),
            matched: Number(x.matched),
            queued: Number(x.queued),
            unmatched: Number(x.unmatched),
            facts: Number(x.facts),
          })),
      ),

    'usage.queue': (input) => db.read((r) => listQueue(r, input)),
    'usage.queueEntry': (input) => db.read((r) => queueDetail(r, input.id)),
    'usage.queuePick': (input, ctx) => db.write('usage.queuePick', (w) => pickCustomer(w, ctx, input.id, input.customerId)),
    'usage.queueCreate': (input, ctx) => db.write('usage.queueCreate', (w) => createFromEntry(w, ctx, input.id, input.villageId)),
    'usage.queueDiscard': (input, ctx) => db.write('usage.queueDiscard', (w) => discardEntry(w, ctx, input.id, input.reason)),
    'usage.queueReopen': (input, ctx) => db.write('usage.queueReopen', (w) => reopenEntry(w, ctx, input.id)),

    'usage.libraries': (_input, ctx) => db.read((r) => listLibraries(r, ctx.now)),
    'usage.librarySave': (input, ctx) => db.write('usage.librarySave', (w) => saveGroupLibrary(w, ctx, input)),
    'usage.libraryDelete': (input, ctx) => db.write('usage.libraryDelete', (w) => deleteLibrary(w, ctx, input.id)),
    'usage.libraryMembers': (input, ctx) => db.read((r) => libraryMembers(r, input.id, ctx.now, input.offset, input.limit)),

    'usage.plan': (input, ctx) => db.read((r) => listPlan(r, input.year, ctx.now)),
    'usage.planSave': (input, ctx) => db.write('usage.planSave', (w) => savePlan(w, ctx, input.year, input.items)),
    'usage.planDefault': (input, ctx) => db.write('usage.planDefault', (w) => defaultPlan(w, ctx, input.year, input.target)),
    'usage.summary': (_input, ctx) => db.read((r) => usageSummary(r, ctx.now)),
  };
}
