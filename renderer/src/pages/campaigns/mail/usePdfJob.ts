import { useState } from 'react';
import type { PdfResult } from '../../../../../shared/letter';
import { api } from '../../../api';
import { downloadChunks } from '../../../lib/download';
import { useJobRunner } from '../../../lib/useJobRunner';

export type PdfInput = Parameters<(typeof api)['letters.pdfStart']>[0];

/**
 * A mail PDF as a backend job: start it, show its progress while polling, then read the file back in chunks and
 * save it. One PDF at a time; 取消 or leaving the page cancels the job, and answers for a cancelled run are ignored.
 */
export function usePdfJob() {
  const { status, error, launch, cancel } = useJobRunner();
  const [result, setResult] = useState<PdfResult | null>(null);

  const start = (input: PdfInput) => {
    setResult(null);
    return launch({ id: '', kind: 'mail.pdf', state: 'running', phase: '准备', done: 0, total: 0 }, '生成 PDF 失败', async ({ live, setStatus, follow }) => {
      const { jobId } = await api['letters.pdfStart'](input);
      const s = await follow(jobId, '生成 PDF 失败，请重试');
      if (!s) return;
      const res = await api['letters.pdfResult']({ jobId });
      setStatus({ ...s, phase: '下载文件', done: 0, total: res.bytes });
      await downloadChunks(res.fileName, async (offset) => {
        if (!live()) throw new Error('已取消');
        const chunk = await api['files.read']({ fileId: res.fileId, offset });
        if (live()) setStatus((old) => old && { ...old, done: chunk.next ?? chunk.bytes });
        return chunk;
      });
      if (live()) setResult(res);
    });
  };

  return { status, result, error, start, cancel };
}
