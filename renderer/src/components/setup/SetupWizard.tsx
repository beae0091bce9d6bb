import { Button, Card, Col, Result, Row, Steps } from 'antd';
import { useState } from 'react';
import { useSession } from '../../lib/session';
import { Backdrop } from '../auth/Backdrop';
import { AdminStep } from './AdminStep';
import { BranchStep } from './BranchStep';
import { BackupRestoreChoice, RestoreFromBackup } from './RestoreFromBackup';
import { RestoreChoice, RestoreFromHub } from './RestoreFromHub';

interface Props {
  /** 0: create the administrator (nobody signed in yet); 1: set up the branch (signed in). */
  step: 0 | 1;
  onDone: () => void;
}

/** 首次使用: the administrator first, then the branch — a few minutes' work, all of it in Chinese. */
export function SetupWizard({ step, onDone }: Props) {
  const [restoring, setRestoring] = useState<'hub' | 'backup' | null>(null);
  if (step === 0 && restoring) {
    const back = () => setRestoring(null);
    return (
      <Backdrop width={980}>
        <Card title="首次使用" data-testid="setup-wizard">
          {restoring === 'hub' ? <RestoreFromHub onBack={back} onDone={onDone} /> : <RestoreFromBackup onBack={back} onDone={onDone} />}
        </Card>
      </Backdrop>
    );
  }
  return (
    <Backdrop width={980}>
      <Card title="首次使用" data-testid="setup-wizard" extra={step === 1 ? <LogoutLink /> : null}>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: '创建管理员', content: '本机的第一个账号' },
            { title: '设置网点', content: '网点名称、区县、服务的村' },
          ]}
        />
        {step === 0 ? <FirstStep onDone={onDone} onRestore={setRestoring} /> : <BranchStepForAdmin onDone={onDone} />}
      </Card>
    </Backdrop>
  );
}

/** A new branch starts with its administrator; a branch the hub or a backup file already holds is restored instead. */
function FirstStep({ onDone, onRestore }: { onDone: () => void; onRestore: (from: 'hub' | 'backup') => void }) {
  return (
    <Row gutter={24} align="top">
      <Col span={15}>
        <AdminStep onDone={onDone} />
      </Col>
      <Col span={9}>
        <RestoreChoice onChoose={() => onRestore('hub')} />
        <BackupRestoreChoice onChoose={() => onRestore('backup')} />
      </Col>
    </Row>
  );
}

/** Signed in at step 2: a way out for someone who is not the one to set the branch up. */
function LogoutLink() {
  const session = useSession();
  return (
    <Button type="link" onClick={session.logout}>
      退出登录
    </Button>
  );
}

/** Only an administrator may set the branch up; anyone else who signs in meanwhile is told so. */
function BranchStepForAdmin({ onDone }: { onDone: () => void }) {
  const session = useSession();
  if (session.user.role !== 'admin') {
    return (
      <Result
        status="info"
        title="网点尚未设置"
        subTitle="请管理员登录后完成首次设置，之后即可正常使用。"
        extra={<Button onClick={session.logout}>退出登录</Button>}
      />
    );
  }
  return <BranchStep onDone={onDone} />;
}
