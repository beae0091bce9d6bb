import { Alert, App, Button, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { UsageLine } from '../../../../shared/usage';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { useSingleFlight } from '../../lib/useSingleFlight';

const loadLines = () => api['usage.lines']({});

interface Values {
  name: string;
  aliases: string[];
  productLabel: string;
}

/**
 * 业务类别: the configurable list of business lines. Aliases are the other names files and systems use (机票 for
 * 航空机票, EMS for 特快); every fact is stored under the line's own name.
 */
export function LinesTab() {
  const lines = useLoader(loadLines);
  const [rows, setRows] = useState<UsageLine[] | null>(null);
  const canEdit = useCan('usage.lineSave');
  const [form] = Form.useForm<Values>();
  const { busy: saving, run } = useSingleFlight();
  const { message } = App.useApp();
  const all = rows ?? lines.data ?? [];

  const save = (v: Values) =>
    run(async () => {
      try {
        setRows(await api['usage.lineSave']({ name: v.name, aliases: v.aliases ?? [], productLabel: v.productLabel || null }));
        message.success(`已保存业务类别“${v.name}”`);
        form.resetFields();
      } catch (e) {
        if (applyProblems(form, e, ['name', 'aliases', 'productLabel']) === 0) message.error(errorText(e));
      }
    });

  const columns: ColumnsType<UsageLine> = [
    { title: '业务类别', dataIndex: 'name', width: 110 },
    { title: '别名（文件中的其他写法）', dataIndex: 'aliases', render: (a: string[]) => a.join('、') || '—' },
    { title: '产品列的含义', dataIndex: 'productLabel', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '客户数', dataIndex: 'customers', width: 90, align: 'right' },
    { title: '用邮信息条数', dataIndex: 'facts', width: 110, align: 'right' },
    ...(canEdit
      ? [
          {
            title: '',
            key: 'edit',
            width: 70,
            render: (_: unknown, l: UsageLine) => (
              <Button type="link" size="small" onClick={() => form.setFieldsValue({ name: l.name, aliases: l.aliases, productLabel: l.productLabel ?? '' })}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      {lines.error && <Alert type="error" showIcon title={`读取业务类别失败：${lines.error}`} style={{ marginBottom: 12 }} />}
      {canEdit && (
        <Form form={form} layout="inline" onFinish={(v) => void save(v)} style={{ marginBottom: 12 }}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写业务类别' }]}>
            <Input placeholder="业务类别，如 国际小包" maxLength={20} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="aliases">
            <Select mode="tags" placeholder="别名（回车添加）" style={{ width: 260 }} open={false} />
          </Form.Item>
          <Form.Item name="productLabel">
            <Input placeholder="产品列的含义，如 险种" maxLength={20} style={{ width: 170 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
          </Space>
        </Form>
      )}
      <Table<UsageLine> rowKey="id" size="small" columns={columns} dataSource={all} loading={lines.loading && !lines.data} pagination={false} />
    </div>
  );
}
