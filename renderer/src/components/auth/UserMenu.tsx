import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tag } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain';
import { useSession } from '../../lib/session';
import { ChangePasswordModal } from './ChangePasswordModal';

/** The signed-in user and role in the top bar, with 修改密码 / 锁定 / 退出登录. */
export function UserMenu() {
  const session = useSession();
  const [changing, setChanging] = useState(false);
  const { user } = session;

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { key: 'lock', icon: <LockOutlined />, label: '锁定' },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            else if (key === 'lock') session.lock();
            else if (key === 'logout') session.logout();
          },
        }}
      >
        <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
          <Space>
            <UserOutlined />
            <span>{user.displayName}</span>
            <Tag color={user.role === 'admin' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
              {ROLE_LABELS[user.role]}
            </Tag>
            <DownOutlined style={{ fontSize: 11 }} />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
