import { Layout, Menu } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/domain';
import { api } from './api';
import { ComingSoon } from './components/ComingSoon';
import { TopBar } from './components/TopBar';
import { errorText } from './lib/errors';
import { goToSection, useHashSection } from './lib/hooks';
import { CustomersPage } from './pages/CustomersPage';
import { SettingsPage } from './pages/SettingsPage';
import { VillagesPage } from './pages/VillagesPage';
import { DEFAULT_SECTION, SECTIONS } from './sections';

/** The frame every screen sits in: section menu on the left, branch / user / sync state on top. */
export function Shell() {
  const hashKey = useHashSection();
  const section = SECTIONS.find((s) => s.key === hashKey) ?? SECTIONS.find((s) => s.key === DEFAULT_SECTION)!;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);

  const loadInfo = useCallback(() => {
    api['app.info']({})
      .then((i) => {
        setInfo(i);
        setInfoError(null);
      })
      .catch((e: unknown) => setInfoError(errorText(e)));
  }, []);
  useEffect(loadInfo, [loadInfo]);

  useEffect(() => {
    document.title = info ? `${section.label} - ${info.branchName} - 邮政数据库营销` : '邮政数据库营销';
  }, [section, info]);

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, color: '#0b7a3e' }}>邮政数据库营销</div>
        <Menu
          mode="inline"
          selectedKeys={[section.key]}
          items={SECTIONS.map((s) => ({ key: s.key, icon: s.icon, label: s.label }))}
          onClick={({ key }) => goToSection(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <TopBar info={info} infoError={infoError} onRetry={loadInfo} />
        <Layout.Content style={{ padding: 16, overflow: 'auto', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          {section.comingSoon ? (
            <ComingSoon title={section.label} />
          ) : section.key === 'villages' ? (
            <VillagesPage />
          ) : section.key === 'settings' ? (
            <SettingsPage info={info} infoError={infoError} onReload={loadInfo} />
          ) : (
            <CustomersPage />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
