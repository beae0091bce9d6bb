import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus, ReportName } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { downloadFile } from '../../lib/download';
import { errorText } from '../../lib/errors';

const POLL_MS = 300;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ExportRange {
  from?: string;
  to?: string;
}

/**
 * A workbook export as a backend job: start it, show its progress while polling, then fetch and save the file.
 * One export at a time; leaving the page cancels the one running, and an answer for a cancelled run is ignored.
 */
export function useReportExport() {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef(0);
  const job = useRef<string | null>(null);
  const { message } = App.useApp();

  const cancel = useCallback(() => {
    run.current++;
    const id = job.current;
    job.current = null;
    setStatus(null);
    if (id) api['jobs.cancel']({ id }).catch(() => undefined);
  }, []);

  useEffect(() => cancel, [cancel]);

  const start = async (names: ReportName[], range: ExportRange) => {
    if (names.length === 0) {
      setError('请至少选择一张报表');
      return;
    }
    if (job.current || status) return;
    const mine = ++run.current;
    const live = () => run.current === mine;
    setError(null);
    setStatus({ id: '', kind: 'reports.export', state: 'running', phase: '准备', done: 0, total: names.length });
    try {
      const { jobId } = await api['reports.exportStart']({ names, ...range });
      job.current = jobId;
      let s = await api['jobs.get']({ id: jobId });
      while (s.state === 'running' && live()) {
        setStatus(s);
        await wait(POLL_MS);
        s = await api['jobs.get']({ id: jobId });
      }
      if (!live()) return;
      if (s.state === 'failed') throw AppError.fromPayload(s.error ?? { code: 'INTERNAL', message: '生成工作簿失败，请重试' });
      if (s.state === 'done') {
        const file = await api['reports.exportResult']({ jobId });
        if (!live()) return;
        downloadFile(file);
        message.success(`已生成“${file.fileName}”`);
      }
    } catch (e) {
      if (live()) setError(`导出失败：${errorText(e)}`);
    } finally {
      if (live()) {
        job.current = null;
        setStatus(null);
      }
    }
  };

  return { status, error, start, cancel };
}
