import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { toHalfWidth } from '../../../../shared/idNumber';
import { CountyPicker, type County } from './CountyPicker';

export interface BranchInfo {
  branchName: string;
  postalCode: string;
  county: County;
}

interface Props {
  initial: Partial<BranchInfo>;
  onBack: () => void;
  onNext: (info: BranchInfo) => void;
}

interface Values {
  branchName: string;
  postalCode?: string;
  countyCode: string;
}

/** 网点名称, 邮政编码 and the county the branch lies in. */
export function BranchInfoStep({ initial, onBack, onNext }: Props) {
  const [form] = Form.useForm<Values>();
  const [county, setCounty] = useState<County | null>(initial.county ?? null);

  return (
    <Form
      form={form}
      name="branchInfo"
      layout="vertical"
      style={{ maxWidth: 520 }}
      initialValues={{ branchName: initial.branchName ?? '', postalCode: initial.postalCode ?? '', countyCode: initial.county?.code }}
      onFinish={(v) => county && onNext({ branchName: v.branchName.trim(), postalCode: toHalfWidth(v.postalCode ?? '').trim(), county })}
      autoComplete="off"
    >
      <Form.Item
        name="branchName"
        label="网点名称"
        rules={[
          { required: true, whitespace: true, message: '请填写网点名称' },
          { max: 50, message: '网点名称不能超过 50 个字' },
        ]}
      >
        <Input autoFocus maxLength={50} placeholder="例如：黄河涯支局" />
      </Form.Item>
      <Form.Item
        name="postalCode"
        label="邮政编码"
        rules={[
          {
            validator: (_, v: string | undefined) =>
              !v || /^\d{6}$/.test(toHalfWidth(v).trim()) ? Promise.resolve() : Promise.reject(new Error('邮政编码应为 6 位数字')),
          },
        ]}
        extra="新建的村默认使用这个邮编，之后可逐个修改"
      >
        <Input maxLength={8} placeholder="6 位数字，如 253000" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="countyCode" label="区县" rules={[{ required: true, message: '请选择网点所在的区县' }]}>
        <CountyPicker initial={initial.county ?? null} onPicked={setCounty} />
      </Form.Item>
      <Space>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" htmlType="submit">
          下一步：选择乡镇/街道
        </Button>
      </Space>
    </Form>
  );
}
