import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './format';
import './console.css';

/** The branch app's postal green, so the 市局 and the branches read as one system. */
const THEME: ThemeConfig = {
  token: { fontSize: 14, colorPrimary: '#0b7a3e', colorLink: '#0b7a3e' },
  components: { Menu: { itemSelectedBg: '#e4f2e9', itemSelectedColor: '#0b7a3e' } },
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html 缺少 #root 元素');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
