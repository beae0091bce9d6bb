import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo } from '../../shared/domain';
import { api, authEvents } from './api';
import { ComingSoon } from './components/ComingSoon';
import { LockOverlay } from './components/auth/LockOverlay';
import { LoginScreen } from './components/auth/LoginScreen';
import { SetupWizard } from './components/setup/SetupWizard';
import { TopBar } from './components/TopBar';
import { errorText } from './lib/errors';
import { goToSection, useHashSection } from './lib/hooks';
import { SessionContext, useSession, type Session } from './lib/session';
import { useAuthGate } from './lib/useAuthGate';
import { useIdleLock } from './lib/useIdleLock';
import { useSiderCollapsed } from './lib/useSiderCollapsed';
import { CustomersPage } from './pages/CustomersPage';
import { SettingsPage } from './pages/SettingsPage';
import { VillagesPage } from './pages/VillagesPage';
import { sectionsFor, startSectionFor } from './sections';

/**
 * The gates before the frame: first start (create the administrator, then the branch), log-in, and the lock
 * overlay that covers whatever is on screen without unmounting it.
 */
export function Shell() {
  const gate = useAuthGate();
  const { view, user, locked } = gate;
  const signedIn = user !== null && (view.kind === 'app' || view.kind === 'setupBranch');
  // Who was signed in last: the same person back after a time-out keeps their page, anyone else starts afresh.
  const lastUserId = useRef<string | null>(null);
  useEffect(() => {
    if (user) lastUserId.current = user.id;
  }, [user]);

  useIdleLock(
    signedIn && !locked,
    gate.idleMinutes,
    () => gate.lock(`已超过 ${gate.idleMinutes} 分钟未操作`),
    () => {
      // Keeps the backend's idle timer in step with the clerk's keyboard; also notices a lock made elsewhere.
      api['auth.state']({})
        .then((s) => {
          if (!s.user) authEvents.emit('UNAUTHENTICATED');
          else if (s.locked) gate.lock('会话已锁定');
        })
        .catch(() => undefined);
    },
  );

  const { idleMinutes, lock, logout, refresh } = gate;
  const session = useMemo<Session | null>(
    () => (user ? { user, idleMinutes, lock: () => lock(), logout: () => void logout(), refresh: () => void refresh() } : null),
    [user, idleMinutes, lock, logout, refresh],
  );

  if (view.kind === 'loading') {
    return (
      <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (view.kind === 'error') {
    return <Result status="error" title="无法连接本机数据服务" subTitle={view.message} extra={<Button onClick={() => void gate.refresh()}>重试</Button>} />;
  }
  if (view.kind === 'login') {
    return (
      <LoginScreen
        onLoggedIn={(u) => {
          // Each user starts on their own page, not on whatever the previous user left open.
          if (u.id !== lastUserId.current) goToSection(startSectionFor(u.role));
          void gate.refresh();
        }}
      />
    );
  }
  if (view.kind === 'firstStart' || !session) return <SetupWizard step={0} onDone={() => void gate.refresh()} />;

  return (
    <SessionContext.Provider value={session}>
      {/* Stays mounted under the lock overlay, so nothing typed is lost. */}
      {view.kind === 'setupBranch' ? <SetupWizard step={1} onDone={() => void gate.refresh()} /> : <Frame />}
      {locked && session && <LockOverlay user={session.user} reason={gate.lockReason} onUnlocked={gate.unlocked} onLogout={() => void gate.logout()} />}
    </SessionContext.Provider>
  );
}

/**
 * The frame every screen sits in: section menu on the left, branch / user / sync state on top. The menu holds
 * only the sections the user's role may use; an address naming another one shows the role's start page.
 */
function Frame() {
  const hashKey = useHashSection();
  const { role } = useSession().user;
  const sections = useMemo(() => sectionsFor(role), [role]);
  const section = sections.find((s) => s.key === hashKey) ?? sections.find((s) => s.key === startSectionFor(role))!;
  const Page = section.page;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useSiderCollapsed();

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
      {/* Folds to its icons (each named in a tooltip); the clerk's choice is remembered, narrow windows start folded. */}
      <Layout.Sider
        width={200}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
        collapsible
        collapsed={collapsed}
        onCollapse={(c) => setCollapsed(c)}
        trigger={
          <span data-testid="sider-trigger" title={collapsed ? '展开菜单' : '收起菜单'}>
            {collapsed ? (
              <MenuUnfoldOutlined aria-label="展开菜单" />
            ) : (
              <>
                <MenuFoldOutlined /> 收起菜单
              </>
            )}
          </span>
        }
        data-testid="main-sider"
      >
        <div
          style={{
            padding: collapsed ? '16px 0' : '16px 20px',
            textAlign: collapsed ? 'center' : undefined,
            fontWeight: 600,
            fontSize: 16,
            color: '#0b7a3e',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
          title="邮政数据库营销"
        >
          {collapsed ? '邮政' : '邮政数据库营销'}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[section.key]}
          items={sections.map((s) => ({ key: s.key, icon: s.icon, label: s.label }))}
          onClick={({ key }) => goToSection(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <TopBar info={info} infoError={infoError} onRetry={loadInfo} />
        {/* No top padding on the scrolling area itself: a sticky header (top: 0) would stop 16 px below its edge and
            let the rows scrolling by show in the gap above it. The gap is a spacer that scrolls away instead. */}
        <Layout.Content style={{ padding: '0 16px 16px', overflow: 'auto', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          <div aria-hidden style={{ flex: 'none', height: 16 }} />
          {section.comingSoon ? (
            <ComingSoon title={section.label} />
          ) : Page ? (
            <Page />
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
