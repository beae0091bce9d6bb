import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography, type InputRef } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ROLE_LABELS, type UserInfo } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { focusField } from '../../lib/focus';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Props {
  user: UserInfo;
  reason: string;
  onUnlocked: (user: UserInfo | null) => void;
  onLogout: () => void;
}

/**
 * Covers the screen (opaque enough that a passer-by reads nothing) while the page underneath stays mounted:
 * open forms keep what was typed, and a save that hit the lock completes once the password is given.
 */
export function LockOverlay({ user, reason, onUnlocked, onLogout }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useSingleFlight();
  const ref = useRef<InputRef>(null);

  const rootRef = useRef<HTMLDivElement>(null);

  // Everything else on the page (the frame, and drawers or dialogs in their own portals) becomes inert: no
  // Tab, Enter or click reaches it, and a drawer's focus trap cannot pull the caret out of the password field.
  useLayoutEffect(() => {
    const own = rootRef.current?.parentElement === document.body ? rootRef.current : null;
    const others = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && el !== own && !el.inert);
    for (const el of others) el.inert = true;
    return () => {
      for (const el of others) el.inert = false;
    };
  }, []);
  useEffect(() => focusField(ref), []);

  const unlock = () =>
    run(async () => {
      if (!password) return setError('请输入密码');
      try {
        const state = await api['auth.unlock']({ password });
        onUnlocked(state.user);
      } catch (e) {
        // The backend speaks of log-ins; here only the password can be wrong.
        setError(errorText(e).replace('登录名或密码不正确', '密码不正确'));
        setPassword('');
        focusField(ref);
      }
    });

  return createPortal(
    <div
      ref={rootRef}
      role="dialog"
      aria-modal="true"
      aria-label="屏幕已锁定"
      data-testid="lock-overlay"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 2100,
        background: 'rgba(236, 242, 238, 0.97)',
        backdropFilter: 'blur(12px)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <div style={{ width: 360, background: '#fff', borderRadius: 8, padding: 32, boxShadow: '0 6px 24px rgba(0,0,0,0.12)', textAlign: 'center' }}>
        <LockOutlined style={{ fontSize: 36, color: '#0b7a3e' }} />
        <Typography.Title level={4} style={{ marginTop: 12 }}>
          屏幕已锁定
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {reason}。{user.displayName}（{ROLE_LABELS[user.role]}）请输入密码继续，未保存的内容仍在。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12, textAlign: 'left' }} />}
        <Form onFinish={() => void unlock()} autoComplete="off">
          <Space.Compact style={{ width: '100%' }}>
            <Input.Password
              ref={ref}
              aria-label="解锁密码"
              placeholder="密码"
              value={password}
              maxLength={128}
              onChange={(e) => {
                setPassword(e.target.value);
                setError(null);
              }}
            />
            <Button type="primary" htmlType="submit" loading={busy}>
              解锁
            </Button>
          </Space.Compact>
        </Form>
        <Button type="link" size="small" style={{ marginTop: 12 }} onClick={onLogout}>
          退出登录，换其他用户
        </Button>
      </div>
    </div>,
    document.body,
  );
}
