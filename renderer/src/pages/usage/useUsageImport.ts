import type { ExtractField, UsageImportPreview, UsageImportResult } from '../../../../shared/usage';
import { api } from '../../api';
import { useImportRun, type ImportRunSpec } from '../../components/import/useImportRun';

export type ExtractMapping = Partial<Record<ExtractField, number>>;
export interface ExtractOptions {
  line: string | undefined;
  asOf: string | undefined;
  mapping?: ExtractMapping | undefined;
}

const spec: ImportRunSpec<ExtractOptions, UsageImportPreview> = {
  kind: 'usage.import',
  start: (f, o) =>
    api['usage.importStart']({
      fileName: f.name,
      dataBase64: f.base64,
      ...(o.line ? { line: o.line } : {}),
      ...(o.asOf ? { asOf: o.asOf } : {}),
      ...(o.mapping ? { mapping: o.mapping } : {}),
    }),
  preview: (jobId) => api['usage.importPreview']({ jobId }),
};

/** An extract import over the generic import run: start (again, with a corrected line, date or mapping), poll, preview, commit once. */
export function useUsageImport(onImported: (r: UsageImportResult) => void) {
  const run = useImportRun<ExtractOptions, UsageImportPreview, UsageImportResult>(spec, onImported);
  const commit = () => run.commitWith((jobId) => api['usage.importCommit']({ jobId }));
  return {
    file: run.file,
    status: run.status,
    preview: run.preview,
    result: run.result,
    error: run.error,
    committing: run.committing,
    start: run.start,
    restart: run.restart,
    commit,
    reset: run.reset,
    cancel: run.cancel,
    fail: run.fail,
  };
}

export type UsageImportJob = ReturnType<typeof useUsageImport>;
