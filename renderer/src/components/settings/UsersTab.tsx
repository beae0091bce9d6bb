import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { Role, UserInfo } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { ResetPasswordModal } from './ResetPasswordModal';
import { ROLE_OPTIONS, UserCreateModal } from './UserCreateModal';

/** 用户 (administrators): add users, change a role, disable an account, reset a forgotten password. */
export function UsersTab() {
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const { user: me } = useSession();
  const { message } = App.useApp();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUsers(await api['users.list']({}));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const update = async (u: UserInfo, patch: { role?: Role; disabled?: boolean }, done: string) => {
    try {
      const next = await api['users.update']({ id: u.id, ...patch });
      setUsers((xs) => xs.map((x) => (x.id === next.id ? next : x)));
      message.success(done);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: ColumnsType<UserInfo> = [
    { title: '登录名', dataIndex: 'login', width: 140 },
    {
      title: '姓名',
      dataIndex: 'displayName',
      width: 140,
      render: (n: string, u) =>
        u.id === me.id ? (
          <Space>
            {n}
            <Tag>本人</Tag>
          </Space>
        ) : (
          n
        ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      width: 140,
      render: (role: Role, u) => (
        <Select<Role>
          size="small"
          value={role}
          options={ROLE_OPTIONS}
          disabled={u.id === me.id}
          aria-label={`${u.login} 的角色`}
          style={{ width: 110 }}
          onChange={(r) => void update(u, { role: r }, `已将“${u.displayName}”改为${ROLE_OPTIONS.find((o) => o.value === r)?.label}`)}
        />
      ),
    },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 110,
      render: (disabled: boolean, u) => (
        <Switch
          size="small"
          checked={!disabled}
          checkedChildren="启用"
          unCheckedChildren="停用"
          disabled={u.id === me.id}
          onChange={(on) => void update(u, { disabled: !on }, on ? `已启用“${u.displayName}”` : `已停用“${u.displayName}”`)}
        />
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 120, render: (d: string | null) => formatDate(d) || '从未登录' },
    { title: '创建日期', dataIndex: 'createdAt', width: 120, render: (d: string) => formatDate(d) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, u) => (
        <Button type="link" size="small" onClick={() => setResetting(u)}>
          重置密码
        </Button>
      ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          添加用户
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={`读取用户失败：${error}`} style={{ marginBottom: 12 }} />}
      <div data-testid="user-table">
        <Table<UserInfo> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={users} pagination={false} />
      </div>
      <UserCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void load();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
