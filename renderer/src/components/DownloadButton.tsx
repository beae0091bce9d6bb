import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useRef, useState } from 'react';
import type { FileDownload } from '../../../shared/domain';
import { downloadFile } from '../lib/download';
import { errorText } from '../lib/errors';

interface Props extends Omit<ButtonProps, 'onClick' | 'loading'> {
  /** Asks the backend for the file; its Chinese refusal (e.g. 无权) is shown as it comes. */
  fetchFile: () => Promise<FileDownload>;
  /** What failed, before the reason: "导出失败". */
  failure?: string;
}

/** A button that fetches a file from the backend and saves it, once per click even when clicked twice. */
export function DownloadButton({ fetchFile, failure = '下载失败', children, ...rest }: Props) {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const { message } = App.useApp();

  const run = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const file = await fetchFile();
      downloadFile(file);
      message.success(`已生成“${file.fileName}”`);
    } catch (e) {
      message.error(`${failure}：${errorText(e)}`);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} {...rest} loading={busy} onClick={() => void run()}>
      {children}
    </Button>
  );
}
