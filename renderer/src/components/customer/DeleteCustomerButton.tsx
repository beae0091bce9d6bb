import { Button, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { DELETE_REASONS, RECYCLE_RETENTION_DAYS } from '../../../../shared/recycle';

/**
 * 删除 with the reason asked in the same confirmation (one click more, not a dialog): the recycle bin shows it
 * beside who deleted the customer and when, so whoever restores or purges later knows why it went.
 */
export function DeleteCustomerButton({ name, onDelete }: { name: string; onDelete: (reason: string | undefined) => Promise<void> }) {
  const [reason, setReason] = useState<string | undefined>(undefined);
  return (
    <Popconfirm
      title={`删除客户“${name}”？`}
      description={
        <Space orientation="vertical" size={4} style={{ width: 240 }}>
          <Select<string>
            size="small"
            allowClear
            placeholder="删除原因（可不选）"
            value={reason}
            onChange={setReason}
            options={DELETE_REASONS.map((r) => ({ value: r, label: r }))}
            style={{ width: '100%' }}
            aria-label="删除原因"
            data-testid="delete-reason"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            删除后可撤销，{RECYCLE_RETENTION_DAYS} 天内还可在“数据维护 → 已删除”中恢复
          </Typography.Text>
        </Space>
      }
      okText="删除"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onOpenChange={(open) => open && setReason(undefined)}
      onConfirm={() => onDelete(reason)}
    >
      <Button type="link" size="small" danger>
        删除
      </Button>
    </Popconfirm>
  );
}
