import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import type { FileDownload } from '../../../shared/domain';
import { downloadFile } from '../lib/download';
import { useReportedFlight } from '../lib/useSingleFlight';

interface Props extends Omit<ButtonProps, 'onClick' | 'loading'> {
  /** Asks the backend for the file; its Chinese refusal (e.g. 无权) is shown as it comes. */
  fetchFile: () => Promise<FileDownload>;
  /** What failed, before the reason: "导出失败". */
  failure?: string;
}

/** A button that fetches a file from the backend and saves it, once per click even when clicked twice. */
export function DownloadButton({ fetchFile, failure = '下载失败', children, ...rest }: Props) {
  const { busy, run: once } = useReportedFlight();
  const { message } = App.useApp();

  const run = () =>
    once(async () => {
      const file = await fetchFile();
      downloadFile(file);
      message.success(`已生成“${file.fileName}”`);
    }, `${failure}：`);

  return (
    <Button icon={<DownloadOutlined />} {...rest} loading={busy} onClick={() => void run()}>
      {children}
    </Button>
  );
}
