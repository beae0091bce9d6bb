import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../../shared/domain';
import { AppError } from '../../../../../shared/errors';
import type { PdfResult } from '../../../../../shared/letter';
import { api } from '../../../api';
import { downloadChunks } from '../../../lib/download';
import { errorText } from '../../../lib/errors';

const POLL_MS = 300;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type PdfInput = Parameters<(typeof api)['letters.pdfStart']>[0];

/**
 * A mail PDF as a backend job: start it, show its progress while polling, then read the file back in chunks and
 * save it. One PDF at a time; 取消 or leaving the page cancels the job, and answers for a cancelled run are ignored.
 */
export function usePdfJob() {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [result, setResult] = useState<PdfResult | null>(null);
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

  const start = async (input: PdfInput) => {
    if (job.current || status) return;
    const mine = ++run.current;
    const live = () => run.current === mine;
    setError(null);
    setResult(null);
    setStatus({ id: '', kind: 'mail.pdf', state: 'running', phase: '准备', done: 0, total: 0 });
    try {
      const { jobId } = await api['letters.pdfStart'](input);
      job.current = jobId;
      let s = await api['jobs.get']({ id: jobId });
      while (s.state === 'running' && live()) {
        setStatus(s);
        await wait(POLL_MS);
        s = await api['jobs.get']({ id: jobId });
      }
      if (!live()) return;
      if (s.state === 'failed') throw AppError.fromPayload(s.error ?? { code: 'INTERNAL', message: '生成 PDF 失败，请重试' });
      if (s.state !== 'done') return;
      // The job is over; from here on 取消 only stops the download on this side.
      job.current = null;
      const res = await api['letters.pdfResult']({ jobId });
      setStatus({ ...s, phase: '下载文件', done: 0, total: res.bytes });
      let read = 0;
      await downloadChunks(res.fileName, async (offset) => {
        if (!live()) throw new Error('已取消');
        const chunk = await api['files.read']({ fileId: res.fileId, offset });
        read = chunk.next ?? chunk.bytes;
        if (live()) setStatus((old) => old && { ...old, done: read });
        return chunk;
      });
      if (live()) setResult(res);
    } catch (e) {
      if (live()) setError(`生成 PDF 失败：${errorText(e)}`);
    } finally {
      if (live()) {
        job.current = null;
        setStatus(null);
      }
    }
  };

  return { status, result, error, start, cancel };
}
