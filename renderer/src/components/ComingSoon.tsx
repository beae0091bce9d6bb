import { Empty } from 'antd';

export function ComingSoon({ title }: { title: string }) {
  return (
    <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty description={<span style={{ fontSize: 16 }}>“{title}”即将推出，敬请期待</span>} />
    </div>
  );
}
