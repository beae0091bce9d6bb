/**
 * Issuing a 专项活动: what it is, then either a number of households per branch (each branch selects its own
 * targets) or an uploaded list of branch + 客户编号 (CSV or Excel). Each branch receives it at its next sync.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { CHANNEL_CODES, CHANNELS } from '../../../shared/campaign';
import type { CityBranchRow } from '../../../shared/city';
import { MAX_LIST_BYTES, type IssueCampaignInput } from '../../../shared/hubConsole';
import { ApiError, get, post } from '../api';

interface Values {
  name: string;
  channels: string[];
  products?: string[];
  dates?: [Dayjs | null, Dayjs | null] | null;
  script?: string;
  mode: 'counts' | 'list';
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('读取文件失败'));
    r.readAsDataURL(file);
  });
}

export function IssueCampaignModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (id: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'counts';
  const [branches, setBranches] = useState<CityBranchRow[]>([]);
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [all, setAll] = useState<number | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    get<{ branches: CityBranchRow[] }>('/branches').then(
      (r) => setBranches(r.branches.filter((b) => !b.disabled)),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [open]);

  const submit = async (v: Values) => {
    setError(null);
    const base = {
      name: v.name,
      channels: v.channels as IssueCampaignInput['channels'],
      products: v.products ?? [],
      startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
      endDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
      script: v.script?.trim() || null,
    };
    let body: IssueCampaignInput;
    if (v.mode === 'list') {
      if (!file) return setError('请选择名单文件');
      if (file.size > MAX_LIST_BYTES) return setError('名单文件过大（不超过 10 MB），请分几个活动下达');
      body = { ...base, list: { fileName: file.name, base64: await readBase64(file) } };
    } else {
      const given = branches.filter((b) => (counts[b.id] ?? 0) > 0).map((b) => ({ branchId: b.id, targetCount: counts[b.id]! }));
      if (!given.length) return setError('请至少给一个网点填写户数');
      body = { ...base, counts: given };
    }
    setBusy(true);
    try {
      const r = await post<{ id: string; branches: number; targets: number }>('/campaigns', body);
      message.success(`已下达到 ${r.branches} 个网点，各网点下次同步时收到`);
      form.resetFields();
      setCounts({});
      setFile(null);
      onIssued(r.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="下达专项活动"
      open={open}
      width={720}
      okText="下达"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ mode: 'counts', channels: ['door'] }}>
        <Form.Item
          name="name"
          label="活动名称"
          rules={[
            { required: true, whitespace: true, message: '请填写活动名称' },
            { max: 100, message: '不超过 100 个字' },
          ]}
        >
          <Input placeholder="例如：2027 年报刊大收订" />
        </Form.Item>
        <Space size="large" wrap style={{ width: '100%' }}>
          <Form.Item name="channels" label="渠道" rules={[{ required: true, message: '请至少选择一个渠道' }]}>
            <Checkbox.Group options={CHANNEL_CODES.map((c) => ({ value: c, label: CHANNELS[c] }))} />
          </Form.Item>
        </Space>
        <Space size="large" wrap>
          <Form.Item name="dates" label="活动日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
          </Form.Item>
          <Form.Item name="products" label="产品" style={{ minWidth: 260 }}>
            <Select mode="tags" placeholder="输入后回车，如 报刊、储蓄" tokenSeparators={[',', '，']} open={false} />
          </Form.Item>
        </Space>
        <Form.Item name="script" label="话术（可选）">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="mode" label="目标">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'counts', label: '各网点户数（网点自行筛选）' },
              { value: 'list', label: '上传客户名单' },
            ]}
          />
        </Form.Item>
        {mode === 'counts' ? (
          <>
            <Space style={{ marginBottom: 8 }}>
              <span>全部网点填</span>
              <InputNumber min={1} max={1_000_000} value={all} onChange={(v) => setAll(v)} placeholder="户数" aria-label="全部网点户数" />
              <Button onClick={() => all && setCounts(Object.fromEntries(branches.map((b) => [b.id, all])))}>应用</Button>
            </Space>
            <Table<CityBranchRow>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ y: 220 }}
              dataSource={branches}
              columns={[
                { title: '网点', dataIndex: 'name', key: 'name' },
                { title: '客户数', key: 'customers', align: 'right', render: (_, b) => b.customers.toLocaleString('zh-CN') },
                {
                  title: '下达户数',
                  key: 'count',
                  width: 160,
                  render: (_, b) => (
                    <InputNumber
                      min={1}
                      max={1_000_000}
                      value={counts[b.id] ?? null}
                      onChange={(v) => setCounts((c) => ({ ...c, [b.id]: v }))}
                      aria-label={`${b.name}户数`}
                      style={{ width: 130 }}
                    />
                  ),
                },
              ]}
            />
          </>
        ) : (
          <>
            <Upload.Dragger
              accept=".csv,.xlsx,.txt"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'list', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或拖入名单文件（CSV 或 Excel .xlsx）</p>
              <p className="ant-upload-hint">两列：网点（名称或编号）、客户编号；第一行可为表头。</p>
            </Upload.Dragger>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              名单中的每位客户都须是该网点已同步到市局的客户，否则整份名单不下达。
            </Typography.Paragraph>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
