import { Alert, Button, Form, Input, Typography } from 'antd';
import { AppError } from '../../../../shared/errors';
import { useState } from 'react';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { confirmRule, PASSWORD_HINT } from '../auth/ChangePasswordModal';

interface Values {
  login: string;
  displayName: string;
  password: string;
  confirm: string;
}

const FIELDS = ['login', 'displayName', 'password'] as const;

/** Step 1: the administrator. The backend judges the password; its Chinese reason lands under the field. */
export function AdminStep({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSingleFlight();

  const submit = (v: Values) =>
    run(async () => {
      setError(null);
      try {
        await api['auth.setupAdmin']({ login: v.login, displayName: v.displayName, password: v.password });
        onDone();
      } catch (e) {
        // Someone created the administrator meanwhile (another window): the log-in screen is the way on.
        if (e instanceof AppError && e.code === 'FORBIDDEN') return onDone();
        if (applyProblems(form, e, FIELDS) === 0) setError(errorText(e));
      }
    });

  return (
    <div style={{ maxWidth: 440, margin: '0 auto' }}>
      <Typography.Paragraph type="secondary">
        本机还没有任何账号。先创建管理员：管理员可以设置网点、添加营业员和投递员、查看操作日志。请牢记密码。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} name="setupAdmin" layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="login"
          label="登录名"
          rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}
          extra="2–40 位字母、数字或汉字，例如 admin"
        >
          <Input autoFocus maxLength={40} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={40} placeholder="显示在屏幕右上角和操作日志中" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]} extra={PASSWORD_HINT}>
          <Input.Password maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认密码"
          dependencies={['password']}
          rules={[{ required: true, message: '请再输入一次密码' }, confirmRule('password')]}
        >
          <Input.Password maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          创建管理员，下一步
        </Button>
      </Form>
    </div>
  );
}
