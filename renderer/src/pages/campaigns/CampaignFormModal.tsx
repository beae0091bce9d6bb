import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import type { Channel } from '../../../../shared/campaign';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { CHANNEL_OPTIONS, USAGE_LINES } from '../../components/campaign/labels';
import { fenToYuan, yuanToFen } from '../../components/campaign/money';
import { applyProblems, errorText, problemsOf } from '../../lib/errors';
import { focusField } from '../../lib/focus';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Values {
  name: string;
  products: string[];
  channels: Channel[];
  period?: [Dayjs | null, Dayjs | null] | null;
  targetCount?: number | null;
  targetTurnover?: number | null;
  targetRevenue?: number | null;
  script?: string;
}

const FIELDS = ['name', 'products', 'channels', 'targetCount', 'targetTurnover', 'targetRevenue', 'script'] as const;
const PRODUCT_OPTIONS = USAGE_LINES.map((l) => ({ value: l, label: l }));

interface Props {
  open: boolean;
  /** Editing this campaign; creating a new one when absent. */
  campaign?: Campaign;
  onClose: () => void;
  onSaved: (c: Campaign) => void;
}

function initialValues(c: Campaign | undefined): Values {
  if (!c) return { name: '', products: [], channels: ['door'] };
  return {
    name: c.name,
    products: c.products,
    channels: c.channels as Channel[],
    period: [c.startDate ? dayjs(c.startDate) : null, c.endDate ? dayjs(c.endDate) : null],
    targetCount: c.targetCount,
    targetTurnover: fenToYuan(c.targetTurnover),
    targetRevenue: fenToYuan(c.targetRevenue),
    script: c.script ?? '',
  };
}

const yuanInput = (label: string) => (
  <InputNumber<number> min={0} max={1e10} precision={2} step={100} style={{ width: '100%' }} prefix="¥" suffix="元" placeholder={label} />
);

/** 新建活动 / 编辑活动: money typed in yuan, stored in fen. */
export function CampaignFormModal({ open, campaign, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy: saving, run } = useSingleFlight();
  const nameRef = useRef<InputRef>(null);
  const { message } = App.useApp();

  useEffect(() => {
    if (open) form.setFieldsValue(initialValues(campaign));
  }, [open, campaign, form]);

  const submit = (v: Values) =>
    run(async () => {
      const fields = {
        name: v.name,
        products: v.products ?? [],
        channels: v.channels ?? [],
        startDate: v.period?.[0]?.format('YYYY-MM-DD') ?? null,
        endDate: v.period?.[1]?.format('YYYY-MM-DD') ?? null,
        targetCount: v.targetCount ?? null,
        targetTurnover: yuanToFen(v.targetTurnover),
        targetRevenue: yuanToFen(v.targetRevenue),
        script: v.script ?? null,
      };
      try {
        const saved = campaign ? await api['campaigns.update']({ id: campaign.id, fields }) : await api['campaigns.create'](fields);
        message.success(campaign ? '已保存' : `已新建“${saved.name}”`);
        form.resetFields();
        onSaved(saved);
      } catch (e) {
        applyProblems(form, e, FIELDS);
        const dates = problemsOf(e).filter((p) => /(startDate|endDate)$/.test(p.field));
        if (dates.length) form.setFields([{ name: 'period', errors: dates.map((p) => p.message) }]);
        message.error(errorText(e));
      }
    });

  return (
    <Modal
      title={campaign ? '编辑活动' : '新建活动'}
      open={open}
      okText="保存"
      width={640}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterOpenChange={(o) => o && focusField(nameRef)}
    >
      <Form form={form} name="campaignForm" layout="vertical" onFinish={submit} autoComplete="off" initialValues={initialValues(campaign)}>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写活动名称' },
            { max: 100, message: '名称不能超过 100 个字' },
          ]}
        >
          <Input ref={nameRef} placeholder="例如：2027年报刊征订上门营销" maxLength={100} />
        </Form.Item>
        <Form.Item name="products" label="产品" extra="可选列表中的业务，也可直接输入后回车">
          <Select mode="tags" options={PRODUCT_OPTIONS} placeholder="例如：报刊" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="channels" label="渠道" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个渠道' }]}>
          <Checkbox.Group options={CHANNEL_OPTIONS} />
        </Form.Item>
        {/* Enter confirms a typed date inside the picker; it must not also submit the half-filled form. */}
        <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
          <Form.Item name="period" label="起止日期">
            <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="targetCount" label="目标户数" style={{ flex: 1 }}>
            <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: '100%' }} suffix="户" />
          </Form.Item>
          <Form.Item name="targetTurnover" label="目标流转额" style={{ flex: 1 }}>
            {yuanInput('目标流转额')}
          </Form.Item>
          <Form.Item name="targetRevenue" label="目标收入" style={{ flex: 1 }}>
            {yuanInput('目标收入')}
          </Form.Item>
        </div>
        <Form.Item name="script" label="话术" extra="投递员上门时的说法，会印在走访清单顶部">
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="例如：您好，我是邮政的投递员小王……" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
