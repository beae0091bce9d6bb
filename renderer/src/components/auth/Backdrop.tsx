import type { ReactNode } from 'react';

/** The plain page the log-in screen and the first-start wizard sit on: product name on top, content centred. */
export function Backdrop({ children, width = 420 }: { children: ReactNode; width?: number }) {
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e8f3ec 0%, #f5f7f6 60%)', overflow: 'auto' }}>
      <div style={{ maxWidth: width, margin: '0 auto', padding: '48px 16px' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <div style={{ fontSize: 26, fontWeight: 600, color: '#0b7a3e', letterSpacing: 2 }}>邮政数据库营销</div>
          <div style={{ color: '#888', marginTop: 4 }}>网点客户数据库 · 离线可用</div>
        </div>
        {children}
      </div>
    </div>
  );
}
