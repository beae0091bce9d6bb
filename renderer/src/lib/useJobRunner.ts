import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { JobStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { api } from '../api';
import { errorText } from './errors';

const POLL_MS = 300;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls a backend job while it runs, showing each progress through `onProgress`; the status it ended with, or
 * null once `live()` says the run was cancelled or superseded (its answers must then change nothing).
 */
export async function pollJob(jobId: string, live: () => boolean, onProgress: (s: JobStatus) => void): Promise<JobStatus | null> {
  let s = await api['jobs.get']({ id: jobId });
  while (s.state === 'running' && live()) {
    onProgress(s);
    await wait(POLL_MS);
    s = await api['jobs.get']({ id: jobId });
  }
  return live() ? s : null;
}

export interface JobRun {
  /** False once the run was cancelled (or the page left): its answers must then change nothing. */
  live(): boolean;
  setStatus: Dispatch<SetStateAction<JobStatus | null>>;
  /** Polls a backend job until it ends; the finished status, or null when it was cancelled. */
  follow(jobId: string, failMessage: string): Promise<JobStatus | null>;
}

/**
 * One long backend job at a time for a screen (exports, PDFs): progress while polling, 取消 and leaving the page
 * cancel it, and answers that arrive for a cancelled run are ignored.
 */
export function useJobRunner() {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const job = useRef<string | null>(null);

  const cancel = useCallback(() => {
    run.current++;
    const id = job.current;
    job.current = null;
    setStatus(null);
    if (id) api['jobs.cancel']({ id }).catch(() => undefined);
  }, []);

  useEffect(() => cancel, [cancel]);

  const launch = async (initial: JobStatus, errorPrefix: string, body: (r: JobRun) => Promise<void>): Promise<void> => {
    if (job.current || status) return;
    const mine = ++run.current;
    const live = () => run.current === mine;
    const follow = async (jobId: string, failMessage: string): Promise<JobStatus | null> => {
      job.current = jobId;
      const s = await pollJob(jobId, live, setStatus);
      if (!s) return null;
      // The job is over; from here on 取消 only stops what this side still does with its result.
      job.current = null;
      if (s.state === 'failed') throw AppError.fromPayload(s.error ?? { code: 'INTERNAL', message: failMessage });
      return s.state === 'done' ? s : null;
    };
    setError(null);
    setStatus(initial);
    try {
      await body({ live, setStatus, follow });
    } catch (e) {
      if (live()) setError(`${errorPrefix}：${errorText(e)}`);
    } finally {
      if (live()) {
        job.current = null;
        setStatus(null);
      }
    }
  };

  return { status, error, setError, launch, cancel };
}
