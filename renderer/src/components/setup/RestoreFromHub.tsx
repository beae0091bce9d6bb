import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Values {
  hubUrl: string;
  token: string;
}

interface Restored {
  branchName: string | null;
  pulled: number;
  villages: number | null;
}

const FIELDS = ['hubUrl', 'token'] as const;

/** Seconds since `running` turned true: the restore is one long call, so elapsed time is the honest progress. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const started = Date.now();
    const t = setInterval(() => setSeconds(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(t);
  }, [running]);
  return seconds;
}

/**
 * 从市局恢复本网点数据: a new computer (or one whose data was lost) takes the branch's whole database from the
 * hub — accounts included, so everyone logs in with their old password afterwards.
 */
export function RestoreFromHub({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSingleFlight();
  const [error, setError] = useState<{ text: string; alreadyHasData: boolean } | null>(null);
  const [restored, setRestored] = useState<Restored | null>(null);
  const seconds = useElapsedSeconds(busy);

  const submit = (v: Values) =>
    run(async () => {
      setError(null);
      try {
        const r = await api['sync.restore']({ hubUrl: v.hubUrl, token: v.token });
        // The counts are a courtesy: a failure to read them must not hide that the restore worked.
        const s = await api['setup.status']({}).catch(() => null);
        setRestored({ branchName: r.branchName ?? s?.branchName ?? null, pulled: r.pulled, villages: s?.villages ?? null });
      } catch (e) {
        // A restore cut short may already have brought the accounts: then this PC is no longer new, and the
        // rest arrives by the ordinary sync after logging in.
        const alreadyHasData = e instanceof AppError && e.code === 'CONFLICT';
        if (alreadyHasData || applyProblems(form, e, FIELDS) === 0) setError({ text: errorText(e), alreadyHasData });
      }
    });

  if (restored) {
    return (
      <Result
        status="success"
        title={`已恢复“${restored.branchName ?? '本网点'}”的数据`}
        subTitle={
          <span data-testid="restore-result">
            从市局下载 {restored.pulled} 条记录{restored.villages !== null ? `，${restored.villages} 个村/社区/单元` : ''}
            。请用原来的账号和密码登录；以后程序会自动与市局同步。
          </span>
        }
        extra={
          <Button type="primary" onClick={onDone}>
            去登录
          </Button>
        }
      />
    );
  }

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={5}>
        <CloudDownloadOutlined /> 从市局恢复本网点数据
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        用于更换电脑或原电脑数据丢失：填写市局服务器地址和本网点令牌，程序会从市局下载本网点的全部客户、村庄、走访记录和账号。恢复后用原来的账号和密码登录。
      </Typography.Paragraph>
      {error && (
        <Alert
          type={error.alreadyHasData ? 'warning' : 'error'}
          showIcon
          title={error.text}
          action={error.alreadyHasData ? <Button onClick={onDone}>去登录</Button> : undefined}
          style={{ marginBottom: 16 }}
          data-testid="restore-error"
        />
      )}
      <Spin spinning={busy} description={`正在从市局下载本网点的全部数据（已用 ${seconds} 秒）；数据多时需要几分钟，请不要关闭程序…`}>
        <Form form={form} name="restoreFromHub" layout="vertical" onFinish={submit} autoComplete="off" disabled={busy}>
          <Form.Item
            name="hubUrl"
            label="市局服务器地址"
            rules={[{ required: true, whitespace: true, message: '请填写市局服务器地址' }]}
            extra="由市局提供，例如 https://sync.example.cn"
          >
            <Input autoFocus maxLength={300} placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="token"
            label="网点令牌"
            rules={[{ required: true, whitespace: true, message: '请填写网点令牌' }]}
            extra="市局为本网点发放的一串字符，请完整复制粘贴"
          >
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              开始恢复
            </Button>
            <Button onClick={onBack} disabled={busy}>
              返回
            </Button>
          </Space>
        </Form>
      </Spin>
    </div>
  );
}

/** Beside 创建管理员 on a new computer: the way in for a branch whose data the hub already holds. */
export function RestoreChoice({ onChoose }: { onChoose: () => void }) {
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 16, background: '#fafafa' }}>
      <div style={{ fontSize: 28, color: '#0b7a3e' }}>
        <CloudDownloadOutlined />
      </div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        换了新电脑？
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        本网点以前用过本程序并与市局同步过的，不必重新建网点：从市局取回全部数据和账号，用原来的密码登录。
      </Typography.Paragraph>
      <Button icon={<CloudDownloadOutlined />} onClick={onChoose} block>
        从市局恢复本网点数据
      </Button>
    </div>
  );
}
