import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { SyncStatus } from '../../../../shared/sync';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useCan } from '../../lib/session';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { announceSyncChange, useSyncStatus } from './useSyncStatus';

interface Values {
  hubUrl: string;
  token: string;
  intervalMinutes: number | null;
}

const FIELDS = ['hubUrl', 'token', 'intervalMinutes'] as const;
const DEFAULT_INTERVAL = 10;

/** What saving the form means, decided before any call so a bad combination is explained under its field. */
export type HubSave =
  | { kind: 'configure'; hubUrl: string; token: string; intervalMinutes: number }
  | { kind: 'interval'; intervalMinutes: number }
  | { kind: 'invalid'; field: 'token' | 'intervalMinutes'; message: string };

/**
 * The token is never sent back to the screen, so an empty token field means "keep the one set": only the
 * interval can change then. A new address needs the token again (it is checked against the new hub).
 */
export function planHubSave(v: Values, current: Pick<SyncStatus, 'configured' | 'hubUrl'>): HubSave {
  const interval = v.intervalMinutes ?? DEFAULT_INTERVAL;
  if (!Number.isInteger(interval) || interval < 1 || interval > 1440)
    return { kind: 'invalid', field: 'intervalMinutes', message: '自动同步间隔应为 1–1440 之间的整数分钟' };
  const token = v.token.trim();
  const hubUrl = v.hubUrl.trim();
  if (token) return { kind: 'configure', hubUrl, token, intervalMinutes: interval };
  if (!current.configured) return { kind: 'invalid', field: 'token', message: '请填写市局发放的网点令牌' };
  if (hubUrl.replace(/\/+$/, '') !== (current.hubUrl ?? '').replace(/\/+$/, ''))
    return { kind: 'invalid', field: 'token', message: '更换市局服务器地址时，请再次填写网点令牌' };
  return { kind: 'interval', intervalMinutes: interval };
}

/** 市局同步 in 设置: the hub's address, the branch token and how often to sync. Administrators only. */
export function HubSettingsCard() {
  const canConfigure = useCan('sync.configure');
  const { status, error } = useSyncStatus();
  return (
    <Card size="small" title="市局同步" style={{ marginTop: 16 }} data-testid="hub-settings">
      {error && <Alert type="error" showIcon title={`读取同步设置失败：${error}`} style={{ marginBottom: 12 }} />}
      {status && (
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 160 } }}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'branch',
              label: '市局登记的网点',
              children: <span data-testid="hub-branch-name">{status.branchName ?? (status.configured ? '首次连通市局后显示' : '—')}</span>,
            },
            ...(canConfigure
              ? []
              : [
                  { key: 'hub', label: '市局服务器', children: status.hubUrl ?? '未设置' },
                  { key: 'interval', label: '自动同步间隔', children: `${status.intervalMinutes} 分钟` },
                ]),
          ]}
        />
      )}
      {canConfigure ? status && <HubForm status={status} /> : <Typography.Text type="secondary">只有管理员可以修改市局同步设置。</Typography.Text>}
    </Card>
  );
}

function HubForm({ status }: { status: SyncStatus }) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSingleFlight();
  // Stays on screen (unlike a toast) until the next try: the administrator may be copying the token meanwhile.
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();

  // Filled once from the first status; later polls must not overwrite what the administrator is typing.
  const [initial] = useState<Values>(() => ({ hubUrl: status.hubUrl ?? '', token: '', intervalMinutes: status.intervalMinutes || DEFAULT_INTERVAL }));

  const save = async (plan: Exclude<HubSave, { kind: 'invalid' }>) => {
    setError(null);
    try {
      if (plan.kind === 'configure') {
        const { kind: _kind, ...input } = plan;
        await api['sync.configure'](input);
        form.setFieldValue('token', '');
        message.success('市局同步已设置，正在与市局首次联系');
      } else {
        await api['sync.setInterval']({ intervalMinutes: plan.intervalMinutes });
        message.success(`自动同步间隔已改为 ${plan.intervalMinutes} 分钟`);
      }
    } catch (e) {
      if (applyProblems(form, e, FIELDS) === 0) setError(`保存失败：${errorText(e)}`);
    } finally {
      announceSyncChange();
    }
  };

  const submit = (v: Values) => {
    const plan = planHubSave(v, status);
    if (plan.kind === 'invalid') return form.setFields([{ name: plan.field, errors: [plan.message] }]);
    void run(() => save(plan));
  };

  return (
    <Form form={form} name="hubSettings" layout="vertical" initialValues={initial} onFinish={submit} autoComplete="off" style={{ maxWidth: 480 }}>
      <Form.Item
        name="hubUrl"
        label="市局服务器地址"
        rules={[{ required: true, whitespace: true, message: '请填写市局服务器地址' }]}
        extra="由市局提供，例如 https://sync.example.cn"
      >
        <Input maxLength={300} placeholder="https://" />
      </Form.Item>
      <Form.Item
        name="token"
        label="网点令牌"
        extra={status.configured ? '已设置（不再显示）。只改同步间隔时留空；更换令牌或服务器地址时重新填写' : '市局为本网点发放的一串字符，请完整复制粘贴'}
      >
        <Input.Password maxLength={200} placeholder={status.configured ? '已设置，留空表示不更改' : '编号.密钥'} autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="intervalMinutes" label="自动同步间隔（分钟）" extra="程序运行时按此间隔自动同步；连不上时会更快地重试">
        <InputNumber min={1} max={1440} precision={0} style={{ width: 160 }} placeholder={String(DEFAULT_INTERVAL)} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="hub-settings-error" />}
      <Button type="primary" htmlType="submit" loading={busy}>
        保存同步设置
      </Button>
    </Form>
  );
}
