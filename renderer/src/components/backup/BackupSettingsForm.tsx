import { FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import type { BackupStatus } from '../../../../shared/backup';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { hasSystemDialogs, pickBackupFolder } from './backupFiles';
import { INTERVAL_CHOICES } from './backupText';

interface Values {
  destination: string;
  intervalHours: number;
  keepDaily: number;
  keepWeekly: number;
  password: string;
}

const FIELDS = ['destination', 'intervalHours', 'keepDaily', 'keepWeekly', 'password'] as const;

/** Where, how often and how many; the administrator's password the first time (it seals the backups). */
export function BackupSettingsForm({ status, onSaved }: { status: BackupStatus; onSaved: (s: BackupStatus) => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, run } = useSingleFlight();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const dialogs = hasSystemDialogs();
  const c = status.config;

  // Filled once, from the first status: a later status (after 立即备份) must not overwrite what is being typed.
  const [initial] = useState<Values>(() => ({
    destination: c.destination ?? '',
    intervalHours: c.intervalHours,
    keepDaily: c.keepDaily,
    keepWeekly: c.keepWeekly,
    password: '',
  }));

  const choose = async () => {
    try {
      const dir = await pickBackupFolder();
      if (dir) form.setFieldValue('destination', dir);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const save = (v: Values) =>
    run(async () => {
      setError(null);
      try {
        const s = await api['backup.configure']({
          destination: v.destination,
          intervalHours: v.intervalHours,
          keepDaily: v.keepDaily,
          keepWeekly: v.keepWeekly,
          ...(v.password ? { password: v.password } : {}),
        });
        form.setFieldValue('password', '');
        message.success('备份设置已保存');
        onSaved(s);
      } catch (e) {
        if (applyProblems(form, e, FIELDS) === 0) setError(errorText(e));
      }
    });

  return (
    <Form form={form} name="backupSettings" layout="vertical" initialValues={initial} onFinish={save} autoComplete="off" data-testid="backup-settings">
      <Form.Item
        label="备份位置"
        required
        extra={dialogs ? 'U 盘、另一块硬盘或共享文件夹；最好不在本机数据所在的硬盘上' : '完整的文件夹路径，例如 E:\\数据备份；最好是 U 盘或另一块硬盘'}
      >
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="destination" noStyle rules={[{ required: true, whitespace: true, message: '请填写备份位置' }]}>
            <Input maxLength={500} placeholder={dialogs ? '点击右侧按钮选择文件夹' : 'E:\\数据备份'} aria-label="备份位置" />
          </Form.Item>
          {dialogs && (
            <Button icon={<FolderOpenOutlined />} onClick={() => void choose()}>
              选择文件夹
            </Button>
          )}
        </Space.Compact>
      </Form.Item>
      <Space wrap size="middle" align="start">
        <Form.Item name="intervalHours" label="自动备份">
          <Select options={INTERVAL_CHOICES} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="keepDaily" label="保留最近几天" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={60} precision={0} suffix="天" style={{ width: 104 }} />
        </Form.Item>
        <Form.Item name="keepWeekly" label="另保留几周" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={52} precision={0} suffix="周" style={{ width: 104 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="password"
        label="您的登录密码"
        rules={c.password ? [] : [{ required: true, message: '首次设置备份时请输入您的登录密码' }]}
        extra={
          c.password
            ? `备份用管理员 ${c.password.login} 于 ${formatDate(c.password.setAt)} 输入的密码加密；留空表示不更改，输入则改用您现在的密码`
            : '备份用它加密：换了电脑或硬盘坏了，凭这个密码就能恢复。请牢记'
        }
      >
        <Input.Password maxLength={128} autoComplete="new-password" style={{ maxWidth: 320 }} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="backup-settings-error" />}
      <Button type="primary" htmlType="submit" loading={busy}>
        保存备份设置
      </Button>
    </Form>
  );
}
