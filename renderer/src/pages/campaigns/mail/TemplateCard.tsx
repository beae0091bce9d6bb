import { Alert, Card, Spin, Tabs, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../../../api';
import { useLoader } from '../../../lib/useLoader';
import { TemplateEditor } from './TemplateEditor';

/**
 * 商函模板: one editor per A/B variant plus the common one (全部目标). Tabs keep every editor mounted once
 * opened, so switching variants never drops unsaved text.
 */
export function TemplateCard({ campaignId }: { campaignId: string }) {
  const load = useCallback(() => api['letters.list']({ campaignId }), [campaignId]);
  const list = useLoader(load);
  const reload = () => void list.reload();
  const data = list.data;

  if (!data) {
    return (
      <Card size="small" title="商函模板">
        {list.error ? <Alert type="error" showIcon title={`读取商函模板失败：${list.error}`} /> : <Spin />}
      </Card>
    );
  }
  const own = new Set(data.templates.map((t) => t.variant));
  const tabs = [
    { code: '', label: '全部目标', offer: null as string | null },
    ...data.variants.map((v) => ({ code: v.code, label: `方案 ${v.code} ${v.name}`, offer: v.offer })),
  ];

  return (
    <Card size="small" title="商函模板" data-testid="letter-template-card">
      {data.variants.length > 0 && (
        <Typography.Paragraph type="secondary">
          “全部目标”的模板用于所有没有自己模板的方案；某个方案要用不同的文字时，在它的页签中另写一份。
        </Typography.Paragraph>
      )}
      <Tabs
        size="small"
        items={tabs.map((t) => ({
          key: `v:${t.code}`,
          label: `${t.label}${own.has(t.code) ? '' : t.code ? '（用通用模板）' : '（尚无模板）'}`,
          children: (
            <>
              {t.offer && <Typography.Paragraph type="secondary">本方案优惠：{t.offer}</Typography.Paragraph>}
              <TemplateEditor campaignId={campaignId} variant={t.code} variantLabel={t.label} templates={data.templates} onChanged={reload} />
            </>
          ),
        }))}
      />
    </Card>
  );
}
