import { InboxOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useState, type ChangeEvent, type DragEvent } from 'react';
import { fileToBase64 } from '../../lib/download';
import type { ImportFile } from './useImportRun';

/** What the backend reads: Excel (new and old) and CSV (UTF-8 or GBK). */
const ACCEPT = '.xlsx,.xls,.csv';
/** The file travels base64-encoded (a third larger) and the local service takes at most 20 MB per call. */
const MAX_BYTES = 14 * 1024 * 1024;

interface Props {
  onPick: (f: ImportFile) => void;
  onError: (message: string) => void;
}

export function checkImportFile(file: { name: string; size: number }): string | null {
  if (!/\.(xlsx|xls|csv)$/i.test(file.name)) return `不支持的文件类型：“${file.name}”。请选择 Excel（.xlsx、.xls）或 CSV 文件`;
  if (file.size === 0) return `文件“${file.name}”是空的`;
  if (file.size > MAX_BYTES) return `文件“${file.name}”超过 14 MB，请拆分成几个文件分批导入`;
  return null;
}

/** A large drop zone that is also a file chooser (click or drag a file onto it). */
export function ImportFilePicker({ onPick, onError }: Props) {
  const [reading, setReading] = useState(false);
  const [over, setOver] = useState(false);

  const take = async (file: File | undefined) => {
    if (!file) return;
    const problem = checkImportFile(file);
    if (problem) return onError(problem);
    setReading(true);
    try {
      onPick({ name: file.name, base64: await fileToBase64(file) });
    } catch {
      onError(`无法读取文件“${file.name}”，请确认文件没有被其他程序占用`);
    } finally {
      setReading(false);
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again must fire again
    void take(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };

  return (
    <label
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        display: 'block',
        padding: '40px 16px',
        textAlign: 'center',
        cursor: 'pointer',
        border: `2px dashed ${over ? '#0b7a3e' : '#d9d9d9'}`,
        borderRadius: 8,
        background: over ? '#e4f2e9' : '#fafafa',
      }}
    >
      <input type="file" accept={ACCEPT} onChange={onChange} style={{ display: 'none' }} data-testid="import-file" />
      <InboxOutlined style={{ fontSize: 48, color: '#0b7a3e' }} />
      <div style={{ fontSize: 16, marginTop: 8 }}>{reading ? '正在读取文件…' : '点击选择文件，或把文件拖到这里'}</div>
      <Typography.Text type="secondary">
        支持 Excel（.xlsx、.xls）和 CSV；表格上方可以有标题行，程序会自动找到表头并对应各列，导入前可以检查和更正。
      </Typography.Text>
    </label>
  );
}
