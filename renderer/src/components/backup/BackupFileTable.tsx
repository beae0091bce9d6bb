import { Button, Table, Tag, Typography } from 'antd';
import type { BackupFileInfo } from '../../../../shared/backup';
import { formatBytes } from '../../../../shared/backup';
import { formatDateTime } from '../../lib/format';
import { fileStateText, opensText } from './backupText';

interface Props {
  files: BackupFileInfo[];
  onRestore: (f: BackupFileInfo) => void;
  testId: string;
  empty: string;
}

/** Backups found in a folder, newest first; only a whole backup of this branch offers 恢复. */
export function BackupFileTable({ files, onRestore, testId, empty }: Props) {
  return (
    <Table<BackupFileInfo>
      data-testid={testId}
      size="small"
      rowKey="path"
      dataSource={files}
      pagination={files.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: empty }}
      scroll={{ x: 500 }}
      columns={[
        {
          title: '备份时间',
          key: 'at',
          width: 140,
          render: (_, f) => (f.createdAt ? formatDateTime(f.createdAt) : '—'),
        },
        {
          title: '文件',
          key: 'name',
          ellipsis: true,
          render: (_, f) => (
            <Typography.Text title={f.path} ellipsis>
              {f.name}
            </Typography.Text>
          ),
        },
        { title: '大小', key: 'bytes', width: 84, align: 'right', render: (_, f) => formatBytes(f.bytes) },
        {
          title: '状态',
          key: 'state',
          width: 96,
          render: (_, f) => {
            const s = fileStateText(f);
            return (
              <Tag color={s.color} title={f.problem ?? opensText(f)}>
                {s.text}
              </Tag>
            );
          },
        },
        {
          title: '操作',
          key: 'act',
          width: 72,
          render: (_, f) => (
            <Button size="small" disabled={f.state !== 'ok' || !f.sameBranch} onClick={() => onRestore(f)}>
              恢复
            </Button>
          ),
        },
      ]}
    />
  );
}
