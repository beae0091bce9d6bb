import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Spin } from 'antd';
import { useCallback, useState } from 'react';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { TestResultView, type TestResult } from '../../components/campaign/TestResultView';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { useReportedFlight } from '../../lib/useSingleFlight';

interface Props {
  campaign: Campaign;
  onChanged: () => void;
}

interface StartValues {
  aName: string;
  aOffer?: string;
  bName: string;
  bOffer?: string;
  perVariant: number;
}

/** 测试: two offers on a small random sample of the targets, compared, then the winner sent to the rest. */
export function TestTab({ campaign, onChanged }: Props) {
  const started = campaign.variants.length > 0;
  const load = useCallback(() => (started ? api['campaigns.testResult']({ id: campaign.id }) : Promise.resolve(null)), [campaign.id, started]);
  const loaded = useLoader<TestResult | null>(load);
  const [shown, setShown] = useState<TestResult | null>(null);
  const { busy, run: once } = useReportedFlight();
  const canStart = useCan('campaigns.startTest');
  const { message } = App.useApp();
  const result = shown ?? loaded.data;

  const run = (what: () => Promise<TestResult>, done: string) =>
    once(async () => {
      setShown(await what());
      message.success(done);
      onChanged();
    });

  const start = (v: StartValues) =>
    run(
      () =>
        api['campaigns.startTest']({
          id: campaign.id,
          perVariant: v.perVariant,
          variants: [
            { code: 'A', name: v.aName, offer: v.aOffer ?? null },
            { code: 'B', name: v.bName, offer: v.bOffer ?? null },
          ],
        }),
      '已抽取测试样本',
    );

  if (!campaign.frozenAt) return <Alert type="info" showIcon title="请先在“数据筛选”中确定目标客户，再抽样测试" />;
  if (started || result) {
    if (!result) return loaded.error ? <Alert type="error" showIcon title={`读取测试结果失败：${loaded.error}`} /> : <Spin />;
    const offers = Object.fromEntries(campaign.variants.map((v) => [v.code, v.offer]));
    const refresh = () => {
      setShown(null);
      void loaded.reload();
    };
    return (
      <>
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
          <Button icon={<ReloadOutlined />} loading={loaded.loading} onClick={refresh}>
            刷新
          </Button>
        </div>
        <TestResultView
          result={result}
          offers={offers}
          canRelease={canStart}
          releasing={busy}
          onRelease={(code) => void run(() => api['campaigns.releaseWinner']({ id: campaign.id, code }), `已把方案 ${code} 推广到其余目标客户`)}
        />
      </>
    );
  }
  if (!canStart) return <Alert type="info" showIcon title="本活动没有做测试" />;

  const half = Math.max(1, Math.min(100, Math.floor(campaign.targets / 4)));
  return (
    <Card size="small" title="开始测试" style={{ maxWidth: 720 }}>
      <Form<StartValues>
        layout="vertical"
        onFinish={(v) => void start(v)}
        initialValues={{ aName: '方案A', bName: '方案B', perVariant: half }}
        autoComplete="off"
      >
        {(['a', 'b'] as const).map((k) => (
          <Space key={k} align="start" style={{ display: 'flex' }}>
            <Form.Item name={`${k}Name`} label={`方案 ${k.toUpperCase()} 名称`} rules={[{ required: true, whitespace: true, message: '请填写方案名称' }]}>
              <Input maxLength={50} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={`${k}Offer`} label="优惠/说法">
              <Input maxLength={500} style={{ width: 400 }} placeholder="例如：订一年送挂历" />
            </Form.Item>
          </Space>
        ))}
        <Form.Item
          name="perVariant"
          label="每个方案抽取户数"
          extra={`目标客户共 ${campaign.targets} 户，样本随机抽取`}
          rules={[{ required: true, message: '请填写户数' }]}
        >
          <InputNumber<number> min={1} max={Math.max(1, Math.floor(campaign.targets / 2))} precision={0} suffix="户" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          开始测试
        </Button>
      </Form>
    </Card>
  );
}
