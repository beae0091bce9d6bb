import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import type { SyncRunResult } from '../../../../shared/sync';
import { api } from '../../api';
import { DownloadButton } from '../DownloadButton';
import { fileToBase64 } from '../../lib/download';
import { errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { syncResultText } from './syncText';
import { announceSyncChange } from './useSyncStatus';

/** The file travels base64-encoded (a third larger) and the local service takes at most 20 MB per call. */
const MAX_BYTES = 14 * 1024 * 1024;

/**
 * Why a chosen file cannot be a reply, in words a clerk can act on; null when it may be. The name proves
 * nothing (the hub's operator names the reply freely): the backend reads the sealed header and says whether it
 * is a request, another branch's reply or damaged.
 */
export function checkReplyFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `文件“${file.name}”是空的，可能没有拷贝完整`;
  if (file.size > MAX_BYTES) return `文件“${file.name}”超过 14 MB，请市局分几次处理，或接通网络后直接同步`;
  return null;
}

type Outcome = { ok: true; fileName: string; result: SyncRunResult } | { ok: false; message: string };

async function readAndImport(file: File): Promise<Outcome> {
  let dataBase64: string;
  try {
    dataBase64 = await fileToBase64(file);
  } catch {
    return { ok: false, message: `无法读取文件“${file.name}”，请确认文件没有被其他程序占用` };
  }
  try {
    return { ok: true, fileName: file.name, result: await api['sync.importFile']({ fileName: file.name, dataBase64 }) };
  } catch (e) {
    return { ok: false, message: errorText(e) };
  }
}

/**
 * 同步文件 for a branch with no line: export the outbox as a sealed request, carry it to the hub, bring back
 * the reply and import it here — the same result as an online sync.
 */
export function SyncFilesPanel({ canUse }: { canUse: boolean }) {
  const { busy, run } = useSingleFlight();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const importFile = (file: File | undefined) =>
    run(async () => {
      if (!file) return;
      const problem = checkReplyFile(file);
      if (problem) return setOutcome({ ok: false, message: problem });
      setOutcome(null);
      try {
        setOutcome(await readAndImport(file));
      } finally {
        announceSyncChange();
      }
    });

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again must fire again
    void importFile(file);
  };

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        没有网络时：① 导出同步文件，用 U 盘交给市局；② 市局处理后返回回执文件，在这里导入。文件已加密并防篡改，只有本网点和市局能打开。
      </Typography.Paragraph>
      <Space wrap>
        <DownloadButton fetchFile={() => api['sync.exportFile']({})} failure="导出失败" disabled={!canUse} data-testid="sync-export">
          导出同步文件
        </DownloadButton>
        <Button icon={<UploadOutlined />} loading={busy} disabled={!canUse} onClick={() => input.current?.click()}>
          {busy ? '正在导入…' : '导入回执文件'}
        </Button>
        <input ref={input} type="file" onChange={onChange} style={{ display: 'none' }} data-testid="sync-import-file" />
      </Space>
      {!canUse && (
        <div>
          <Typography.Text type="secondary">投递员不能导出或导入同步文件</Typography.Text>
        </div>
      )}
      {outcome &&
        (outcome.ok ? (
          <Alert
            type="success"
            showIcon
            title={`已导入“${outcome.fileName}”`}
            description={syncResultText(outcome.result)}
            style={{ marginTop: 12 }}
            data-testid="sync-file-result"
          />
        ) : (
          <Alert type="error" showIcon title="导入未成功" description={outcome.message} style={{ marginTop: 12 }} data-testid="sync-file-result" />
        ))}
    </>
  );
}
