import { FileProtectOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import type { RestoreSource } from '../../../../shared/backup';
import { formatBytes } from '../../../../shared/backup';
import { errorText } from '../../lib/errors';
import { checkBackupFile, hasSystemDialogs, pickBackupFile, uploadBackup } from '../backup/backupFiles';
import { RestoreFlow } from '../backup/RestoreFlow';

/**
 * 从备份文件恢复 on a new (or emptied) computer: the backup file from the USB stick, then the administrator's
 * password (or the recovery key), then the branch's whole database and accounts are back.
 */
export function RestoreFromBackup({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const [chosen, setChosen] = useState<{ source: RestoreSource; label: string } | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  const dialogs = hasSystemDialogs();

  const take = async (file: File | undefined) => {
    if (!file) return;
    const problem = checkBackupFile(file);
    if (problem) return setError(problem);
    setError(null);
    setSending({ sent: 0, total: file.size });
    try {
      const source = await uploadBackup(
        file,
        (sent, total) => setSending({ sent, total }),
        () => alive.current,
      );
      if (source) setChosen({ source, label: file.name });
    } catch (e) {
      setError(`读取备份文件失败：${errorText(e)}`);
    } finally {
      setSending(null);
    }
  };

  const choose = async () => {
    try {
      const p = await pickBackupFile();
      if (p) setChosen({ source: { path: p }, label: p });
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (chosen) return <RestoreFlow source={chosen.source} fileLabel={chosen.label} doneLabel="去登录" onDone={onDone} onBack={() => setChosen(null)} />;

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    void take(file);
  };

  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }} data-testid="restore-from-backup">
      <Typography.Title level={5}>
        <FileProtectOutlined /> 从备份文件恢复本网点数据
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        选择以前在 设置 → 数据备份 中做的备份文件（备份_网点名称_日期.pbbak，通常在 U 盘上）。恢复后用备份中的账号和密码登录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="restore-backup-error" />}
      {sending ? (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text>
            正在读取备份文件（{formatBytes(sending.sent)} / {formatBytes(sending.total)}）…
          </Typography.Text>
          <Progress percent={sending.total ? Math.floor((sending.sent / sending.total) * 100) : 0} status="active" />
        </div>
      ) : dialogs ? (
        <Button type="primary" icon={<InboxOutlined />} onClick={() => void choose()} style={{ marginBottom: 16 }}>
          选择备份文件
        </Button>
      ) : (
        <label
          style={{
            display: 'block',
            border: '1px dashed #d9d9d9',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
            cursor: 'pointer',
            marginBottom: 16,
            background: '#fafafa',
          }}
        >
          <input type="file" accept=".pbbak" onChange={onChange} style={{ display: 'none' }} aria-label="选择备份文件" data-testid="backup-file-input" />
          <div style={{ fontSize: 32, color: '#0b7a3e' }}>
            <InboxOutlined />
          </div>
          <div>点击选择备份文件（.pbbak）</div>
        </label>
      )}
      <Space>
        <Button
          onClick={() => {
            alive.current = false;
            onBack();
          }}
          disabled={sending !== null}
        >
          返回
        </Button>
      </Space>
    </div>
  );
}

/** Beside 创建管理员: the way in for a branch that has a backup file. */
export function BackupRestoreChoice({ onChoose }: { onChoose: () => void }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 16, background: '#fafafa', marginTop: 16 }}>
      <div style={{ fontSize: 28, color: '#0b7a3e' }}>
        <FileProtectOutlined />
      </div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        有备份文件？
      </Typography.Title>
      <Typography.Paragraph type="secondary">用 U 盘上的备份文件（.pbbak）恢复本网点的全部数据和账号，不需要网络。</Typography.Paragraph>
      <Button icon={<FileProtectOutlined />} onClick={onChoose} block>
        从备份文件恢复
      </Button>
    </div>
  );
}
