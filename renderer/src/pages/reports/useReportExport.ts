import { App } from 'antd';
import type { ReportName } from '../../../../shared/domain';
import { api } from '../../api';
import { downloadFile } from '../../lib/download';
import { useJobRunner } from '../../lib/useJobRunner';

export interface ExportRange {
  from?: string;
  to?: string;
}

/**
 * A workbook export as a backend job: start it, show its progress while polling, then fetch and save the file.
 * One export at a time; leaving the page cancels the one running, and an answer for a cancelled run is ignored.
 */
export function useReportExport() {
  const { status, error, setError, launch, cancel } = useJobRunner();
  const { message } = App.useApp();

  const start = async (names: ReportName[], range: ExportRange) => {
    if (names.length === 0) {
      setError('请至少选择一张报表');
      return;
    }
    await launch({ id: '', kind: 'reports.export', state: 'running', phase: '准备', done: 0, total: names.length }, '导出失败', async ({ live, follow }) => {
      const { jobId } = await api['reports.exportStart']({ names, ...range });
      if (!(await follow(jobId, '生成工作簿失败，请重试'))) return;
      const file = await api['reports.exportResult']({ jobId });
      if (!live()) return;
      downloadFile(file);
      message.success(`已生成“${file.fileName}”`);
    });
  };

  return { status, error, start, cancel };
}
