/**
 * The frame: the menu on the left, the signed-in person and 退出 on top, the page in between. Pages are chosen
 * by the address's hash (#/campaigns/编号 …), so a reload or a shared link opens the same page.
 */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DatabaseOutlined,
  FileExcelOutlined,
  FlagOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { HUB_ROLE_LABELS, type ConsoleMe } from '../../shared/hubConsole';
import { AuditPage } from './pages/AuditPage';
import { BranchesPage } from './pages/BranchesPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { MaintenancePage } from './pages/MaintenancePage';
import { ReportsPage } from './pages/ReportsPage';
import { SyncHealthPage } from './pages/SyncHealthPage';
import { UsersPage } from './pages/UsersPage';

interface Section {
  key: string;
  label: string;
  icon: ReactNode;
  adminOnly?: boolean;
}

const SECTIONS: Section[] = [
  { key: 'branches', label: '网点', icon: <ApartmentOutlined /> },
  { key: 'campaigns', label: '专项活动', icon: <FlagOutlined /> },
  { key: 'maintenance', label: '数据维护', icon: <DatabaseOutlined /> },
  { key: 'reports', label: '报表', icon: <FileExcelOutlined /> },
  { key: 'sync', label: '同步状况', icon: <AlertOutlined /> },
  { key: 'users', label: '用户', icon: <TeamOutlined />, adminOnly: true },
  { key: 'audit', label: '操作记录', icon: <AuditOutlined />, adminOnly: true },
];

function useHashRoute(): [string[], (path: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = () => setParts(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return [parts, (path) => (window.location.hash = `#/${path}`)];
}

export function Frame({ me, onLogout }: { me: ConsoleMe; onLogout: () => void }) {
  const [route, go] = useHashRoute();
  const isAdmin = me.user.role === 'city_admin';
  const sections = SECTIONS.filter((s) => !s.adminOnly || isAdmin);
  const section = sections.find((s) => s.key === route[0]) ?? sections[0]!;

  let page: ReactNode;
  switch (section.key) {
    case 'campaigns':
      page = <CampaignsPage campaignId={route[1] ?? null} go={go} />;
      break;
    case 'maintenance':
      page = <MaintenancePage />;
      break;
    case 'reports':
      page = <ReportsPage />;
      break;
    case 'sync':
      page = <SyncHealthPage />;
      break;
    case 'users':
      page = <UsersPage me={me} />;
      break;
    case 'audit':
      page = <AuditPage />;
      break;
    default:
      page = <BranchesPage isAdmin={isAdmin} />;
  }

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#0b7a3e',
          paddingInline: 20,
          height: 56,
          lineHeight: '56px',
        }}
      >
        <Typography.Text strong style={{ color: '#fff', fontSize: 17, whiteSpace: 'nowrap' }}>
          邮政数据库营销 · 市局控制台
        </Typography.Text>
        <Space size="middle">
          <span style={{ color: '#fff', whiteSpace: 'nowrap' }} data-testid="me">
            <UserOutlined /> {me.user.displayName}
          </span>
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {HUB_ROLE_LABELS[me.user.role]}
          </Tag>
          <Button size="small" icon={<LogoutOutlined />} onClick={onLogout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={140} theme="light" breakpoint="lg" collapsedWidth={56} style={{ borderRight: '1px solid #e5e7eb' }}>
          <Menu
            mode="inline"
            selectedKeys={[section.key]}
            items={sections.map((s) => ({ key: s.key, icon: s.icon, label: s.label }))}
            onClick={(e) => go(e.key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ overflow: 'auto', padding: 20 }}>{page}</Layout.Content>
      </Layout>
    </Layout>
  );
}
