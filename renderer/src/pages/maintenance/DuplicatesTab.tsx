import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Pagination, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useLoader } from '../../lib/useLoader';
import { DuplicateGroupCard } from './DuplicateGroupCard';

const PAGE = 10;
const loadGroups = () => api['customers.duplicates']({});
const groupKey = (ids: string[]) => ids.join('|');

/** 重复客户: records that are probably one person, each group with why it was proposed; merged, or marked 不是同一人. */
export function DuplicatesTab() {
  const groups = useLoader(loadGroups);
  const [page, setPage] = useState(1);
  const all = groups.data ?? [];
  // After merges the list shrinks; never stay on a page that no longer exists.
  const current = Math.min(page, Math.max(1, Math.ceil(all.length / PAGE)));
  const shown = all.slice((current - 1) * PAGE, current * PAGE);
  return (
    <div>
      <Space style={{ marginBottom: 4 }}>
        <Typography.Text>{groups.data ? `发现 ${all.length} 组可能重复的客户` : '正在查找重复客户…'}</Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void groups.reload()}>
          刷新
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        同身份证号、同手机号且姓名相近、同名同址的记录才列为可能重复。勾选要保留的记录，其余记录合并进来；不是同一人的点“不是同一人”，以后不再列出。
      </Typography.Paragraph>
      {groups.error && <Alert type="error" showIcon title={`查找重复客户失败：${groups.error}`} style={{ marginBottom: 12 }} />}
      {groups.loading && !groups.data && <Spin style={{ display: 'block', margin: 48 }} />}
      {groups.data && all.length === 0 && <Empty description="没有发现重复客户" />}
      {shown.map((g) => (
        <DuplicateGroupCard key={groupKey(g.customers.map((c) => c.id))} group={g} onMerged={() => void groups.reload()} />
      ))}
      {all.length > PAGE && <Pagination current={current} pageSize={PAGE} total={all.length} onChange={setPage} showSizeChanger={false} />}
    </div>
  );
}
