import { AppError } from '../../../shared/errors';
import { audit } from '../../auth/audit';
import { prepareImport, previewOf, type PreparedImport } from '../../import/customerImport';
import { commitImport } from '../../import/commitImport';
import { exportCustomers, importErrorReport } from '../../import/customerExport';
import type { ColumnMapping } from '../../import/headers';
import type { HandlerDeps, Handlers } from './deps';

type ImportOps = 'customers.export' | 'customers.importStart' | 'customers.importPreview' | 'customers.importCommit' | 'customers.importErrorReport';

const stamp = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

export function importHandlers({ db, jobs }: HandlerDeps): Pick<Handlers, ImportOps> {
  return {
    'customers.export': (_input, ctx) =>
      db.write('customers.export', (w) => {
        const { buffer, count } = exportCustomers(w);
        audit(w, ctx, 'export', 'customer', [], { kind: '客户档案', count });
        return { fileName: `客户档案_${stamp(ctx.now)}.xlsx`, dataBase64: buffer.toString('base64') };
      }),
    'customers.importStart': (input) => {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      const jobId = jobs.start('customers.import', (ctl) => prepareImport(db, bytes, input.fileName, input.mapping as ColumnMapping | undefined, ctl));
      return { jobId };
    },
    'customers.importPreview': (input) => {
      const prepared = jobs.result<PreparedImport>(input.jobId, 'customers.import');
      const names = new Map(db.read((r) => r.all<{ id: string; name: string }>('SELECT id, name FROM villages')).map((v) => [v.id, v.name]));
      return previewOf(input.jobId, prepared, names);
    },
    'customers.importCommit': (input, ctx) => {
      const prepared = jobs.result<PreparedImport & { committed?: boolean }>(input.jobId, 'customers.import');
      // A retried or double-clicked commit must not import the file twice.
      if (prepared.committed) throw new AppError('CONFLICT', '该文件已导入，请勿重复提交');
      const result = db.write('customers.import', (w) => commitImport(w, ctx, prepared, input.onDuplicate));
      prepared.committed = true;
      return result;
    },
    'customers.importErrorReport': (input) => {
      const p = jobs.result<PreparedImport>(input.jobId, 'customers.import');
      const base = p.fileName.replace(/\.[^.]+$/, '');
      return { fileName: `${base}_未导入的行.xlsx`, dataBase64: importErrorReport(p.headers, p.problems, p.problemCells).toString('base64') };
    },
  };
}
