/** 用户: the 市局's console accounts (市局管理员 only). */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { HUB_ROLE_LABELS, HUB_ROLES, type ConsoleMe, type CreateUserInput, type HubUserInfo } from '../../../shared/hubConsole';
import { passwordProblem } from '../../../shared/password';
import { ApiError, get, post } from '../api';
import { nameColumn } from '../components/columns';
import { date, dateTime } from '../format';
import { useLoad } from '../useLoad';

export function UsersPage({ me }: { me: ConsoleMe }) {
  const { message } = App.useApp();
  const users = useLoad(() => get<HubUserInfo[]>('/users'), 'users');
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateUserInput>();
  const rows = users.data ?? [];

  const create = async (v: CreateUserInput) => {
    try {
      await post('/users', v);
      message.success(`已添加 ${v.login}`);
      setAdding(false);
      form.resetFields();
      users.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const disable = async (u: HubUserInfo) => {
    try {
      await post(`/users/${encodeURIComponent(u.id)}/disable`);
      message.success(`已停用 ${u.login}`);
      users.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card
      title="控制台用户"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          添加用户
        </Button>
      }
    >
      {users.error && <Alert type="error" showIcon title={`读取用户失败：${users.error}`} style={{ marginBottom: 12 }} />}
      <Table<HubUserInfo>
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          nameColumn<HubUserInfo>('登录名', 'login', rows),
          { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
          {
            title: '角色',
            key: 'role',
            render: (_, u) => HUB_ROLE_LABELS[u.role],
            filters: HUB_ROLES.map((r) => ({ text: HUB_ROLE_LABELS[r], value: r })),
            onFilter: (v, u) => u.role === v,
          },
          { title: '状态', key: 'state', render: (_, u) => (u.disabled ? <Tag>已停用</Tag> : <Tag color="green">可用</Tag>) },
          {
            title: '最近登录',
            key: 'last',
            render: (_, u) => (u.lastLoginAt ? dateTime(u.lastLoginAt) : '从未登录'),
            sorter: (a, b) => (a.lastLoginAt ?? '').localeCompare(b.lastLoginAt ?? ''),
          },
          { title: '添加日期', key: 'created', render: (_, u) => date(u.createdAt) },
          {
            title: '操作',
            key: 'actions',
            render: (_, u) =>
              u.disabled ? null : (
                <Popconfirm
                  title={`停用 ${u.login}？`}
                  description={u.id === me.user.id ? '这是你自己的账号，停用后将立即退出。' : '其登录随即失效。'}
                  okText="停用"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => disable(u)}
                >
                  <Button type="link" danger size="small">
                    停用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal title="添加控制台用户" open={adding} okText="添加" cancelText="取消" onOk={() => form.submit()} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create} requiredMark={false} initialValues={{ role: 'city_supervisor' }}>
          <Form.Item
            name="login"
            label="登录名"
            rules={[
              { required: true, message: '请填写登录名' },
              { pattern: /^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/, message: '2–40 位字母、数字、汉字或 _ . -' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select options={HUB_ROLES.map((r) => ({ value: r, label: HUB_ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item
            name="password"
            label="初始密码"
            dependencies={['login']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v: string | undefined) => {
                  const p = passwordProblem(v ?? '', String(getFieldValue('login') ?? ''));
                  if (p) throw new Error(p);
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
