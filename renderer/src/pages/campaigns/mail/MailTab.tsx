import { Alert, Space, Spin } from 'antd';
import { useCallback } from 'react';
import type { Campaign } from '../../../../../shared/domain';
import { api } from '../../../api';
import { useLoader } from '../../../lib/useLoader';
import { ContactListCard } from './ContactListCard';
import { CostCard } from './CostCard';
import { MailListCard } from './MailListCard';
import { PdfCard } from './PdfCard';
import { ReturnsCard } from './ReturnsCard';
import { TemplateCard } from './TemplateCard';

/** 商函: the mailing list, letter templates and the printed PDFs, returned mail, SMS and call lists, and what the campaign cost against what it brought. */
export function MailTab({ campaign }: { campaign: Campaign }) {
  const load = useCallback(() => api['mail.results']({ campaignId: campaign.id }), [campaign.id]);
  const results = useLoader(load);
  const letter = campaign.channels.includes('letter');
  const contact = campaign.channels.includes('sms') || campaign.channels.includes('phone');
  const reload = () => void results.reload();
  if (!campaign.frozenAt) return <Alert type="info" showIcon title="先在“数据筛选”中冻结目标名单，再生成邮寄清单或短信名单" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {!letter && !contact && <Alert type="info" showIcon title="本活动没有选择商函、短信或电话渠道；可在“编辑”中添加" />}
      {letter && <MailListCard campaignId={campaign.id} onDone={reload} />}
      {letter && <TemplateCard campaignId={campaign.id} />}
      {letter && <PdfCard campaignId={campaign.id} onDone={reload} />}
      {letter && <ReturnsCard campaignId={campaign.id} onDone={reload} />}
      {contact && <ContactListCard campaign={campaign} onDone={reload} />}
      {results.data ? (
        <CostCard campaignId={campaign.id} results={results.data} onSaved={reload} />
      ) : results.error ? (
        <Alert type="error" showIcon title={`读取成本回报失败：${results.error}`} />
      ) : (
        <Spin />
      )}
    </Space>
  );
}
