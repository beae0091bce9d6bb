import { Alert, App, Button, Descriptions, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BackupInspection, RestoreResult, RestoreSource } from '../../../../shared/backup';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Props {
  source: RestoreSource;
  /** The file as the person chose it (an upload's own name is meaningless). */
  fileLabel: string;
  /** What the finish button says and does: 去登录 in the wizard, 重新登录 in 设置. */
  doneLabel: string;
  onDone: () => void;
  onBack: () => void;
}

interface Credentials {
  password?: string;
  key?: string;
}

/**
 * Check → (password or key if the backup needs one) → what it holds and what would be lost → confirm →
 * restore. Nothing is replaced before the person has seen the loss sentence and said yes to it.
 */
export function RestoreFlow({ source, fileLabel, doneLabel, onDone, onBack }: Props) {
  const [creds, setCreds] = useState<Credentials>({});
  const [inspection, setInspection] = useState<BackupInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<RestoreResult | null>(null);
  const [restoring, setRestoring] = useState(false);
  const { busy, run } = useSingleFlight();
  const { modal, notification } = App.useApp();

  const inspect = useCallback(
    (c: Credentials) =>
      run(async () => {
        setError(null);
        try {
          setInspection(await api['backup.inspect']({ source, ...c }));
          setCreds(c);
        } catch (e) {
          setError(errorText(e));
        }
      }),
    [run, source],
  );

  // Once per file (inspect changes only with the source): a new file is a new check.
  useEffect(() => {
    void inspect({});
  }, [inspect]);

  const restore = (confirmToken: string) =>
    run(async () => {
      setError(null);
      setRestoring(true);
      try {
        const r = await api['backup.restore']({ source, ...creds, confirmToken });
        setRestored(r);
        // The sessions ended with the restore: the next call anywhere shows the log-in screen, which would take
        // this page (and the safety copy's location) away. A notice that stays until closed keeps both.
        notification.success({
          title: '已从备份恢复',
          description: `${r.customers} 位客户、${r.visits} 条走访记录。请用备份中的账号登录。${r.safetyCopy ? `恢复前的数据已另存为：${r.safetyCopy}` : ''}`,
          // Where the replaced data went must not vanish before it is read; a plain success may.
          duration: r.safetyCopy ? 0 : 8,
        });
      } catch (e) {
        setError(errorText(e));
      } finally {
        setRestoring(false);
      }
    });

  if (restored) {
    return (
      <Result
        status="success"
        title={`已恢复“${restored.branchName ?? '本网点'}”的数据`}
        subTitle={
          <span data-testid="backup-restore-result">
            {restored.customers} 位客户、{restored.visits} 条走访记录。请用备份中的账号和密码登录。
            {restored.safetyCopy && (
              <>
                <br />
                恢复前的数据已另存为：{restored.safetyCopy}
              </>
            )}
          </span>
        }
        extra={
          <Button type="primary" onClick={onDone}>
            {doneLabel}
          </Button>
        }
      />
    );
  }

  const ready = inspection?.state === 'ready' ? inspection : null;
  const askConfirm = () => {
    if (!ready) return;
    modal.confirm({
      title: '确认从备份恢复？',
      content: (
        <div data-testid="backup-confirm">
          <p>{ready.loss.text}</p>
          <p>恢复前，本机当前的数据会先另存为安全副本，需要时可以再恢复回来。</p>
        </div>
      ),
      okText: '确认恢复',
      okButtonProps: { danger: !ready.loss.nothingLost },
      cancelText: '取消',
      onOk: () => restore(ready.confirmToken),
    });
  };

  return (
    <Spin
      spinning={busy}
      description={restoring ? '正在恢复：先保存当前数据的安全副本，再换入备份中的数据；数据多时需要一两分钟，请不要关闭程序…' : '正在检查备份…'}
    >
      <div data-testid="backup-restore">
        <Typography.Paragraph>
          备份文件：<Typography.Text strong>{fileLabel}</Typography.Text>
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="backup-restore-error" />}
        {inspection?.state === 'locked' && <Unlock inspection={inspection} busy={busy} onSubmit={inspect} />}
        {ready && (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              styles={{ label: { width: 130 } }}
              style={{ marginBottom: 12 }}
              items={[
                { key: 'branch', label: '网点', children: ready.contents.branchName ?? '未命名网点' },
                { key: 'at', label: '备份时间', children: formatDateTime(ready.contents.createdAt) },
                {
                  key: 'data',
                  label: '内容',
                  children: `${ready.contents.customers} 位客户、${ready.contents.villages} 个村/社区、${ready.contents.visits} 条走访记录`,
                },
                { key: 'users', label: '账号', children: `${ready.contents.users} 个（管理员：${ready.contents.admins.join('、') || '无'}）` },
              ]}
            />
            {ready.refusal ? (
              <Alert type="error" showIcon title={ready.refusal} data-testid="backup-refusal" style={{ marginBottom: 12 }} />
            ) : (
              <Alert
                type={ready.loss.nothingLost ? 'info' : 'warning'}
                showIcon
                title={ready.loss.text}
                data-testid="backup-loss"
                style={{ marginBottom: 12 }}
              />
            )}
          </>
        )}
        <Space>
          {ready && !ready.refusal && (
            <Button type="primary" danger={!ready.loss.nothingLost} onClick={askConfirm} disabled={busy}>
              恢复此备份
            </Button>
          )}
          <Button onClick={onBack} disabled={busy}>
            返回
          </Button>
        </Space>
      </div>
    </Spin>
  );
}

function Unlock({
  inspection,
  busy,
  onSubmit,
}: {
  inspection: Extract<BackupInspection, { state: 'locked' }>;
  busy: boolean;
  onSubmit: (c: Credentials) => void;
}) {
  const [form] = Form.useForm<Credentials>();
  const { needs, wrong } = inspection;
  useEffect(() => {
    if (wrong) form.setFields([{ name: wrong, errors: [wrong === 'password' ? '密码不正确' : '恢复密钥不正确'] }]);
  }, [form, wrong, inspection]);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => onSubmit({ ...(v.password ? { password: v.password } : {}), ...(v.key ? { key: v.key.trim() } : {}) })}
      style={{ maxWidth: 420 }}
      disabled={busy}
    >
      <Typography.Paragraph type="secondary">
        这个备份是加密的（{formatDateTime(inspection.createdAt)}，{inspection.branchName ?? '未命名网点'}）。
        {needs.password ? `请输入管理员 ${needs.password} 设置备份时的登录密码` : ''}
        {needs.password && needs.key ? '，或' : ''}
        {needs.key ? '输入原电脑的恢复密钥（设置 → 恢复密钥）' : ''}。
      </Typography.Paragraph>
      {needs.password && (
        <Form.Item name="password" label={`管理员 ${needs.password} 的密码`}>
          <Input.Password autoFocus maxLength={128} autoComplete="off" />
        </Form.Item>
      )}
      {needs.key && (
        <Form.Item name="key" label="恢复密钥" extra="44 个字符，原电脑的管理员在 设置 → 恢复密钥 中抄下的那一串">
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy} style={{ marginBottom: 12 }}>
        打开备份
      </Button>
    </Form>
  );
}
