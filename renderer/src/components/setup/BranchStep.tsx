import { CloudDownloadOutlined, ExperimentOutlined, FileProtectOutlined, ShopOutlined } from '@ant-design/icons';
import { App, Card, Col, Row, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { NewBranchForm } from './NewBranchForm';
import { RestoreFromBackup } from './RestoreFromBackup';

interface ChoiceProps {
  icon: ReactNode;
  title: string;
  text: string;
  disabled?: boolean;
  onClick?: () => void;
}

function Choice({ icon, title, text, disabled, onClick }: ChoiceProps) {
  return (
    <Card
      hoverable={!disabled}
      onClick={disabled ? undefined : onClick}
      role="button"
      aria-disabled={disabled}
      aria-label={title}
      style={{ height: '100%', cursor: disabled ? 'not-allowed' : 'pointer', opacity: disabled ? 0.55 : 1 }}
    >
      <div style={{ fontSize: 32, color: disabled ? '#999' : '#0b7a3e' }}>{icon}</div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Card>
  );
}

/** Step 2: restore from the hub (offered only before the administrator exists), a new branch on the official division list, or demo data. */
export function BranchStep({ onDone }: { onDone: () => void }) {
  const [mode, setMode] = useState<'choose' | 'new' | 'backup'>('choose');
  const [loadingDemo, setLoadingDemo] = useState(false);
  const { message, modal } = App.useApp();

  const loadDemo = () =>
    modal.confirm({
      title: '载入演示数据？',
      content: '将建立“演示网点（黄河涯支局）”：德州市德城区两个镇的行政村和 3000 位虚构客户，供试用和培训。正式使用请选择“新建网点”。',
      okText: '载入演示数据',
      cancelText: '取消',
      onOk: async () => {
        setLoadingDemo(true);
        try {
          const r = await api['setup.loadDemo']({});
          message.success(`已载入演示数据：${r.villages} 个村，${r.customers} 位客户`);
          onDone();
        } catch (e) {
          message.error(`载入失败：${errorText(e)}`);
          setLoadingDemo(false);
        }
      },
    });

  if (mode === 'new') return <NewBranchForm onBack={() => setMode('choose')} onDone={onDone} />;
  // The accounts come from the backup, so the one signed in now is signed out by the restore.
  if (mode === 'backup') return <RestoreFromBackup onBack={() => setMode('choose')} onDone={onDone} />;

  return (
    <Spin spinning={loadingDemo} description="正在载入演示数据…">
      <Typography.Paragraph type="secondary">这台电脑上的网点数据从哪里来？</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col span={12}>
          <Choice
            icon={<CloudDownloadOutlined />}
            title="从市局恢复"
            text="须在创建管理员之前选择（首次使用第一步）；本机已有账号，不能再从市局恢复"
            disabled
          />
        </Col>
        <Col span={12}>
          <Choice
            icon={<FileProtectOutlined />}
            title="从备份文件恢复"
            text="用 U 盘上的备份文件（.pbbak）恢复全部数据；之后用备份中的账号登录"
            onClick={() => setMode('backup')}
          />
        </Col>
        <Col span={12}>
          <Choice icon={<ShopOutlined />} title="新建网点" text="选择区县和服务的乡镇、村，按统计用区划代码建立村庄档案" onClick={() => setMode('new')} />
        </Col>
        <Col span={12}>
          <Choice icon={<ExperimentOutlined />} title="载入演示数据" text="先看看程序能做什么：演示网点和虚构客户，仅供试用" onClick={loadDemo} />
        </Col>
      </Row>
    </Spin>
  );
}
