import { useState } from 'react';
import type { ImportFieldKey, ImportPreview, ImportResult } from '../../../../shared/domain';
import { api } from '../../api';
import { useImportRun, type ImportFile, type ImportRunSpec } from './useImportRun';

export type { ImportFile } from './useImportRun';
export type ImportMapping = Partial<Record<ImportFieldKey, number>>;
export type OnDuplicate = 'update' | 'skip';

export function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<ImportFieldKey>;
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * 导入客户 over the generic import run: the column mapping the editor shows is kept here (it may differ from the
 * preview's while a corrected mapping is re-checked, or after that check failed), and the old preview stays in
 * view while the re-check runs.
 */
export function useImportJob(onImported: (r: ImportResult) => void) {
  const [mapping, setMapping] = useState<ImportMapping>({});
  const spec: ImportRunSpec<ImportMapping | undefined, ImportPreview> = {
    kind: 'customers.import',
    keepPreview: true,
    start: (f: ImportFile, m) => api['customers.importStart']({ fileName: f.name, dataBase64: f.base64, ...(m ? { mapping: m } : {}) }),
    preview: (jobId) => api['customers.importPreview']({ jobId }),
    onPreview: (p) => setMapping(p.mapping),
  };
  const run = useImportRun<ImportMapping | undefined, ImportPreview, ImportResult>(spec, onImported);
  const { preview } = run;

  const start = (f: ImportFile) => run.start(f, undefined);

  /** A corrected column mapping: the file is read and checked again with it. */
  const remap = (m: ImportMapping) => {
    if (!run.file) return;
    setMapping(m);
    run.restart(m);
  };

  const cancel = () => {
    run.cancel();
    if (preview) setMapping(preview.mapping);
  };

  const commit = (onDuplicate: OnDuplicate) => run.commitWith((jobId) => api['customers.importCommit']({ jobId, onDuplicate }));

  const reset = () => {
    cancel();
    run.reset();
  };

  return {
    file: run.file,
    status: run.status,
    preview,
    mapping,
    result: run.result,
    error: run.error,
    committing: run.committing,
    start,
    remap,
    cancel,
    commit,
    reset,
    fail: run.fail,
  };
}

export type ImportJob = ReturnType<typeof useImportJob>;
