import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';

const POLL_MS = 300;

/**
 * 立即备份 as a job the screen follows. Unlike an export, leaving the page does not cancel it (a backup is worth
 * finishing whoever watches); coming back picks the running job up again. Only 取消 stops it.
 */
export function useBackupJob(runningJobId: string | null, onFinished: () => void) {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const following = useRef<string | null>(null);
  const mounted = useRef(true);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const follow = useCallback(async (jobId: string) => {
    if (following.current === jobId) return;
    following.current = jobId;
    try {
      for (;;) {
        const s = await api['jobs.get']({ id: jobId });
        if (!mounted.current || following.current !== jobId) return;
        setStatus(s);
        if (s.state !== 'running') {
          if (s.state === 'failed') setError(s.error?.message ?? '备份失败');
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      if (mounted.current) setError(errorText(e));
    } finally {
      if (following.current === jobId) following.current = null;
      if (mounted.current) {
        setStatus(null);
        finished.current();
      }
    }
  }, []);

  useEffect(() => {
    if (runningJobId) void follow(runningJobId);
  }, [runningJobId, follow]);

  const start = async () => {
    setError(null);
    try {
      const { jobId } = await api['backup.start']({});
      setStatus({ id: jobId, kind: 'backup', state: 'running', phase: '准备中', done: 0, total: 0 });
      await follow(jobId);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const cancel = () => {
    const id = status?.id;
    if (id) api['jobs.cancel']({ id }).catch(() => undefined);
  };

  return { status, error, start, cancel };
}
