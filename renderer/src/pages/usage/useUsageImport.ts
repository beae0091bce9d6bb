import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/domain';
import type { ExtractField, UsageImportPreview, UsageImportResult } from '../../../../shared/usage';
import { api } from '../../api';
import type { ImportFile } from '../../components/import/useImportJob';
import { errorText } from '../../lib/errors';

export type ExtractMapping = Partial<Record<ExtractField, number>>;
export interface ExtractOptions {
  line: string | undefined;
  asOf: string | undefined;
  mapping?: ExtractMapping | undefined;
}

const POLL_MS = 300;

/**
 * An extract import over the backend job: start (again, with a corrected line or mapping), poll, preview, commit
 * once. Only the newest run may update the screen; a superseded or abandoned job is cancelled on the backend.
 */
export function useUsageImport(onImported: (r: UsageImportResult) => void) {
  const [file, setFile] = useState<ImportFile | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [preview, setPreview] = useState<UsageImportPreview | null>(null);
  const [result, setResult] = useState<UsageImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const generation = useRef(0);
  const running = useRef<string | null>(null);
  const inFlight = useRef(false);

  const stop = useCallback(() => {
    generation.current++;
    if (running.current) api['jobs.cancel']({ id: running.current }).catch(() => undefined);
    running.current = null;
  }, []);

  const run = useCallback(
    async (f: ImportFile, o: ExtractOptions) => {
      stop();
      const gen = generation.current;
      const live = () => generation.current === gen;
      setError(null);
      setPreview(null);
      setStatus({ id: '', kind: 'usage.import', state: 'running', phase: '上传文件', done: 0, total: 0 });
      try {
        const { jobId } = await api['usage.importStart']({ fileName: f.name, dataBase64: f.base64, ...(o.line ? { line: o.line } : {}), ...(o.asOf ? { asOf: o.asOf } : {}), ...(o.mapping ? { mapping: o.mapping } : {}) });
        running.current = jobId;
        for (;;) {
          const s = await api['jobs.get']({ id: jobId });
          if (!live()) return;
          if (s.state === 'running') {
            setStatus(s);
            await new Promise((r) => setTimeout(r, POLL_MS));
            continue;
          }
          running.current = null;
          if (s.state === 'done') setPreview(await api['usage.importPreview']({ jobId }));
          else if (s.state === 'failed') setError(s.error?.message ?? '读取文件失败');
          break;
        }
      } catch (e) {
        if (live()) setError(errorText(e));
      }
      if (live()) setStatus(null);
    },
    [stop],
  );

  const start = (f: ImportFile, o: ExtractOptions) => {
    setFile(f);
    setResult(null);
    void run(f, o);
  };
  const restart = (o: ExtractOptions) => file && void run(file, o);

  const commit = async () => {
    if (!preview || inFlight.current) return;
    inFlight.current = true;
    setCommitting(true);
    setError(null);
    try {
      const r = await api['usage.importCommit']({ jobId: preview.jobId });
      setResult(r);
      onImported(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      inFlight.current = false;
      setCommitting(false);
    }
  };

  const reset = () => {
    stop();
    setStatus(null);
    setFile(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  useEffect(() => stop, [stop]);
  return { file, status, preview, result, error, committing, start, restart, commit, reset, cancel: () => (stop(), setStatus(null)), fail: setError };
}

export type UsageImportJob = ReturnType<typeof useUsageImport>;
