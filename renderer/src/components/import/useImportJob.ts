import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportFieldKey, ImportPreview, ImportResult, JobStatus } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';

export type ImportMapping = Partial<Record<ImportFieldKey, number>>;
export interface ImportFile {
  name: string;
  base64: string;
}
export type OnDuplicate = 'update' | 'skip';

const POLL_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function sameMapping(a: ImportMapping, b: ImportMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<ImportFieldKey>;
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * The import as a small state machine over the backend job: start (or restart with a corrected mapping), poll
 * its progress, fetch the preview, commit once. Only the newest job may update the screen; a cancelled or
 * superseded job is forgotten, and the job still running when the wizard closes is cancelled.
 */
export function useImportJob(onImported: (r: ImportResult) => void) {
  const [file, setFile] = useState<ImportFile | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  // Each run (and each cancel) bumps the generation; an answer for an older generation is ignored.
  const generation = useRef(0);
  const runningJob = useRef<string | null>(null);
  const commitInFlight = useRef(false);

  const stopJob = useCallback(() => {
    generation.current++;
    const id = runningJob.current;
    runningJob.current = null;
    if (id) api['jobs.cancel']({ id }).catch(() => undefined);
  }, []);

  const run = useCallback(
    async (f: ImportFile, m?: ImportMapping) => {
      stopJob();
      const gen = generation.current;
      const live = () => generation.current === gen;
      setError(null);
      setStatus({ id: '', kind: 'customers.import', state: 'running', phase: '上传文件', done: 0, total: 0 });
      try {
        const { jobId } = await api['customers.importStart']({ fileName: f.name, dataBase64: f.base64, ...(m ? { mapping: m } : {}) });
        if (!live()) {
          api['jobs.cancel']({ id: jobId }).catch(() => undefined);
          return;
        }
        runningJob.current = jobId;
        for (;;) {
          const s = await api['jobs.get']({ id: jobId });
          if (!live()) return;
          if (s.state === 'running') {
            setStatus(s);
            await sleep(POLL_MS);
            continue;
          }
          runningJob.current = null;
          if (s.state === 'done') {
            const p = await api['customers.importPreview']({ jobId });
            if (!live()) return;
            setPreview(p);
            setMapping(p.mapping);
          } else if (s.state === 'failed') {
            setError(s.error?.message ?? '读取文件失败');
          }
          break;
        }
      } catch (e) {
        if (live()) setError(errorText(e));
      }
      if (live()) {
        runningJob.current = null;
        setStatus(null);
      }
    },
    [stopJob],
  );

  const start = (f: ImportFile) => {
    setFile(f);
    setPreview(null);
    setResult(null);
    void run(f);
  };

  /** A corrected column mapping: the file is read and checked again with it. */
  const remap = (m: ImportMapping) => {
    if (!file) return;
    setMapping(m);
    void run(file, m);
  };

  const cancel = () => {
    stopJob();
    setStatus(null);
    if (preview) setMapping(preview.mapping);
  };

  const commit = async (onDuplicate: OnDuplicate) => {
    // Two quick clicks arrive before React re-renders the disabled button; a ref stops the second one.
    if (!preview || commitInFlight.current) return;
    commitInFlight.current = true;
    setCommitting(true);
    setError(null);
    try {
      const r = await api['customers.importCommit']({ jobId: preview.jobId, onDuplicate });
      setResult(r);
      onImported(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      commitInFlight.current = false;
      setCommitting(false);
    }
  };

  const reset = () => {
    cancel();
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  // Closing the wizard mid-way stops the work on the backend too.
  useEffect(() => stopJob, [stopJob]);

  /** A problem found before anything reached the backend (wrong file type, unreadable file). */
  const fail = (message: string) => setError(message);

  return { file, status, preview, mapping, result, error, committing, start, remap, cancel, commit, reset, fail };
}

export type ImportJob = ReturnType<typeof useImportJob>;
