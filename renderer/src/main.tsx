import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './global.css';
import { installAntdPatches } from './lib/antdPatches';
import { Shell } from './Shell';

dayjs.locale('zh-cn');
// Tab always moves on (never trapped in a select, never onto a clear button); antd's leftover English in Chinese.
installAntdPatches();

/** Postal green; links and the selected menu item follow it so the whole frame reads as one colour. */
const THEME: ThemeConfig = {
  token: { fontSize: 15, colorPrimary: '#0b7a3e', colorLink: '#0b7a3e' },
  components: { Menu: { itemSelectedBg: '#e4f2e9', itemSelectedColor: '#0b7a3e' } },
};

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html 缺少 #root 元素');

createRoot(rootEl).render(
  <StrictMode>
    {/* Larger type than antd's 14px default: the clerks' screens are old and the tables long. Button labels keep their
        exact text (no inserted space in two-character labels) so what the clerk reads matches messages and help. */}
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
