import { LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AppInfo, UserInfo } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { Backdrop } from './Backdrop';

interface Values {
  login: string;
  password: string;
}

/** 登录: Enter in either field signs in; the backend's reason (wrong password, wait N seconds) shows as it is. */
export function LoginScreen({ onLoggedIn }: { onLoggedIn: (user: UserInfo) => void }) {
  const [form] = Form.useForm<Values>();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSingleFlight();

  useEffect(() => {
    api['app.info']({})
      .then(setInfo)
      .catch(() => undefined);
  }, []);

  const submit = (v: Values) =>
    run(async () => {
      setError(null);
      try {
        const { user } = await api['auth.login']({ login: v.login.trim(), password: v.password });
        onLoggedIn(user);
      } catch (e) {
        setError(errorText(e));
        form.setFieldValue('password', '');
        form.getFieldInstance('password')?.focus?.();
      }
    });

  return (
    <Backdrop>
      <Card>
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            登录
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="login-branch">
            <ShopOutlined /> {info?.branchName ?? '正在读取网点…'}
          </Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} name="login" layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
          <Form.Item name="login" label="登录名" rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}>
            <Input prefix={<UserOutlined />} autoFocus maxLength={40} size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} maxLength={128} size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13, textAlign: 'center' }}>
          忘记密码请联系本网点管理员在“设置 → 用户”中重置
        </Typography.Paragraph>
      </Card>
      {info && <div style={{ textAlign: 'center', color: '#aaa', marginTop: 16, fontSize: 12 }}>版本 {info.version}</div>}
    </Backdrop>
  );
}
