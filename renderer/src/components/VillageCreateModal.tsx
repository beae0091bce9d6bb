import { App, Form, Input, Modal, Radio, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { VILLAGE_KIND_LABELS, type Village, type VillageKind } from '../../../shared/domain';
import { toHalfWidth } from '../../../shared/idNumber';
import { api } from '../api';
import { applyProblems, errorText } from '../lib/errors';
import { focusField } from '../lib/focus';
import { blankToNull } from '../lib/format';
import { useSingleFlight } from '../lib/useSingleFlight';

interface Values {
  name: string;
  kind: VillageKind;
  code?: string;
  postalCode?: string;
  street?: string;
  building?: string;
}

const FIELDS = ['name', 'kind', 'code', 'postalCode', 'street', 'building'] as const;
const KIND_OPTIONS = (Object.keys(VILLAGE_KIND_LABELS) as VillageKind[]).map((k) => ({ value: k, label: VILLAGE_KIND_LABELS[k] }));

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (v: Village) => void;
}

/** Mirrors the backend's rules so the clerk hears about a wrong digit count before anything is sent. */
const digits = (n: number, label: string) => ({
  validator: (_: unknown, v: string | undefined) =>
    !v || new RegExp(`^\\d{${n}}$`).test(toHalfWidth(v)) ? Promise.resolve() : Promise.reject(new Error(`${label}应为 ${n} 位数字`)),
});

export function VillageCreateModal({ open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  // Guards against a double Enter creating the same village twice before React re-renders.
  const { busy: saving, run } = useSingleFlight();
  const nameRef = useRef<InputRef>(null);
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (open) focusField(nameRef);
  }, [open]);

  const submit = (values: Values) =>
    run(async () => {
      try {
        const v = await api['villages.create']({
          name: values.name,
          kind: values.kind,
          code: blankToNull(values.code),
          postalCode: blankToNull(values.postalCode),
          street: values.kind === 'unit' ? blankToNull(values.street) : null,
          building: values.kind === 'unit' ? blankToNull(values.building) : null,
        });
        message.success(`已新建“${v.name}”`);
        form.resetFields();
        onCreated(v);
      } catch (e) {
        // The form stays open with what was typed; the problem shows under its field.
        applyProblems(form, e, FIELDS);
        message.error(errorText(e));
      }
    });

  return (
    <Modal
      title="新建行政村"
      open={open}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      // Kept mounted so a cancelled entry is still there when the clerk reopens the dialog.
      forceRender
      afterOpenChange={(o) => o && focusField(nameRef)}
    >
      <Form form={form} name="villageCreate" layout="vertical" onFinish={submit} autoComplete="off" initialValues={{ kind: 'village' }}>
        <Form.Item
          name="name"
          label="村名"
          rules={[
            { required: true, whitespace: true, message: '请填写村名' },
            { max: 50, message: '村名不能超过 50 个字' },
          ]}
        >
          <Input ref={nameRef} placeholder="例如：东风村" maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group optionType="button" options={KIND_OPTIONS} />
        </Form.Item>
        {kind === 'unit' && (
          <>
            <Form.Item name="street" label="街道/路" rules={[{ max: 50, message: '不能超过 50 个字' }]}>
              <Input placeholder="例如：幸福路" maxLength={50} />
            </Form.Item>
            <Form.Item name="building" label="楼栋/商铺" rules={[{ max: 50, message: '不能超过 50 个字' }]}>
              <Input placeholder="例如：3号楼" maxLength={50} />
            </Form.Item>
          </>
        )}
        <Form.Item name="code" label="统计用区划代码" rules={[digits(12, '区划代码')]} extra="12 位数字，可不填；不填则标为“自建”">
          <Input placeholder="例如：370102001001" maxLength={16} />
        </Form.Item>
        <Form.Item name="postalCode" label="邮政编码" rules={[digits(6, '邮政编码')]}>
          <Input placeholder="例如：250000" maxLength={8} />
        </Form.Item>
        {/* Lets Enter in any field submit the form, like the OK button. */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
