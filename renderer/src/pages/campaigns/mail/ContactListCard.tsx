import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Campaign } from '../../../../../shared/domain';
import { smsCount } from '../../../../../shared/mail';
import { api } from '../../../api';
import { downloadFile } from '../../../lib/download';
import { useAction } from './useAction';

/** 短信/电话名单: the text with its live length and segment count, and the CSV for the gateway or the callers. */
export function ContactListCard({ campaign, onDone }: { campaign: Campaign; onDone: () => void }) {
  const { busy, run } = useAction();
  const [text, setText] = useState(campaign.script ?? '');
  const channels = (['sms', 'phone'] as const).filter((c) => campaign.channels.includes(c));

  const download = (channel: 'sms' | 'phone') =>
    run(channel, async () => {
      const res = await api['mail.contactList']({ campaignId: campaign.id, channel, ...(text.trim() ? { text: text.trim() } : {}) });
      downloadFile(res);
      onDone();
      const left = res.excluded.map((x) => `${x.reason} ${x.count}`).join('，');
      return `${channel === 'sms' ? '短信' : '电话'}名单 ${res.lines} 个号码${left ? `；未列入：${left}` : ''}`;
    });

  const sms = smsCount(text.trim());
  // The rule differs by encoding, so say which one applies: a clerk adding one Chinese character to an English text
  // sees the limit drop from 160 to 70.
  const rule =
    sms.encoding === 'GSM-7'
      ? `不含中文，按 GSM 7 位编码：${sms.single} 字以内 1 条，超过按 ${sms.part} 字一条拆分，^ { } \\ [ ~ ] | € 各算 2 字`
      : `含中文等字符，按 UCS-2 编码：${sms.single} 字以内 1 条，超过按 ${sms.part} 字一条拆分，𡐓 等生僻字和表情各算 2 字`;
  return (
    <Card size="small" title="短信和电话名单">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="短信内容或电话话术（默认取活动话术）"
          aria-label="短信内容"
          maxLength={1000}
        />
        <Typography.Text type="secondary" data-testid="sms-segments">
          {sms.units} 字，按短信计 {sms.segments} 条（{rule}）。只列已授权客户的有效手机号，同一号码只列一次。
        </Typography.Text>
        <Space>
          {channels.includes('sms') && (
            <Button icon={<DownloadOutlined />} loading={busy === 'sms'} onClick={() => void download('sms')}>
              下载短信名单
            </Button>
          )}
          {channels.includes('phone') && (
            <Button icon={<DownloadOutlined />} loading={busy === 'phone'} onClick={() => void download('phone')}>
              下载电话名单
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
