import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { pollJob } from '../../lib/useJobRunner';

export interface ImportFile {
  name: string;
  base64: string;
}

/** What differs between one import and another: the job's kind and the operations that start and preview it. */
export interface ImportRunSpec<O, P extends { jobId: string }> {
  kind: string;
  start(f: ImportFile, options: O): Promise<{ jobId: string }>;
  preview(jobId: string): Promise<P>;
  /** Keep the last preview in view (dimmed) while a re-check runs, instead of clearing it. */
  keepPreview?: boolean;
  /** Called with each new preview, before the screen shows it. */
  onPreview?: (p: P) => void;
}

/**
 * An import (customers, usage extracts) as a small state machine over the backend job: start (or restart with
 * corrected options), poll its progress, fetch the preview, commit once. Only the newest run may update the
 * screen; a cancelled or superseded job is cancelled on the backend, and so is the job still running when the
 * screen closes.
 */
export function useImportRun<O, P extends { jobId: string }, R>(spec: ImportRunSpec<O, P>, onImported: (r: R) => void) {
  const [file, setFile] = useState<ImportFile | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [result, setResult] = useState<R | null>(null);
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

  const run = async (f: ImportFile, o: O) => {
    stopJob();
    const gen = generation.current;
    const live = () => generation.current === gen;
    setError(null);
    if (!spec.keepPreview) setPreview(null);
    setStatus({ id: '', kind: spec.kind, state: 'running', phase: '上传文件', done: 0, total: 0 });
    try {
      const { jobId } = await spec.start(f, o);
      if (!live()) {
        api['jobs.cancel']({ id: jobId }).catch(() => undefined);
        return;
      }
      runningJob.current = jobId;
      const s = await pollJob(jobId, live, setStatus);
      if (!s) return;
      runningJob.current = null;
      if (s.state === 'done') {
        const p = await spec.preview(jobId);
        if (!live()) return;
        spec.onPreview?.(p);
        setPreview(p);
      } else if (s.state === 'failed') {
        setError(s.error?.message ?? '读取文件失败');
      }
    } catch (e) {
      if (live()) setError(errorText(e));
    }
    if (live()) {
      runningJob.current = null;
      setStatus(null);
    }
  };

  const start = (f: ImportFile, o: O) => {
    setFile(f);
    setPreview(null);
    setResult(null);
    void run(f, o);
  };

  /** The same file read and checked again with corrected options (line, date, column mapping). */
  const restart = (o: O) => {
    if (file) void run(file, o);
  };

  const cancel = () => {
    stopJob();
    setStatus(null);
  };

  /** Commits the previewed job once: two quick clicks arrive before React re-renders the disabled button. */
  const commitWith = async (call: (jobId: string) => Promise<R>) => {
    if (!preview || commitInFlight.current) return;
    commitInFlight.current = true;
    setCommitting(true);
    setError(null);
    try {
      const r = await call(preview.jobId);
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

  // Leaving the screen mid-way stops the work on the backend too.
  useEffect(() => stopJob, [stopJob]);

  /** A problem found before anything reached the backend (wrong file type, unreadable file). */
  const fail = (message: string) => setError(message);

  return { file, status, preview, result, error, committing, start, restart, cancel, commitWith, reset, fail };
}
