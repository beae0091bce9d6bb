import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { HUB_ROLE_LABELS, type ConsoleMe } from '../../shared/hubConsole';
import { ApiError, post } from './api';

/** Over the frame, so the page under it is kept; only the password opens it again. */
export function LockScreen({ me, onUnlocked, onLogout }: { me: ConsoleMe; onUnlocked: (me: ConsoleMe) => void; onLogout: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await post<ConsoleMe>('/unlock', v));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={null}
      title={
        <>
          <LockOutlined /> 已锁定
        </>
      }
      styles={{ mask: { backdropFilter: 'blur(6px)' } }}
    >
      <Typography.Paragraph>
        已闲置超过 {me.idleMinutes} 分钟。请 {me.user.displayName}（{HUB_ROLE_LABELS[me.user.role]}）输入密码继续。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            解锁
          </Button>
          <Button onClick={onLogout}>退出登录</Button>
        </Space>
      </Form>
    </Modal>
  );
}
