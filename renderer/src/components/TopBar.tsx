import { ShopOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain';
import { UserMenu } from './auth/UserMenu';
import { SyncBadge } from './sync/SyncBadge';

interface Props {
  info: AppInfo | null;
  infoError: string | null;
  onRetry: () => void;
}

export function TopBar({ info, infoError, onRetry }: Props) {
  return (
    <Layout.Header
      style={{
        background: '#fff',
        borderBottom: '1px solid #f0f0f0',
        padding: '0 16px',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        height: 56,
        lineHeight: '56px',
      }}
    >
      <Space>
        <ShopOutlined />
        {infoError ? (
          <Space>
            <Typography.Text type="danger">网点信息读取失败：{infoError}</Typography.Text>
            <Button size="small" onClick={onRetry}>
              重试
            </Button>
          </Space>
        ) : (
          <Typography.Text strong data-testid="branch-name">
            {info?.branchName ?? '正在读取…'}
          </Typography.Text>
        )}
      </Space>
      <Space size="large">
        <SyncBadge />
        <UserMenu />
      </Space>
    </Layout.Header>
  );
}
