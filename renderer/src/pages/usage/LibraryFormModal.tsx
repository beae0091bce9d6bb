import { App, AutoComplete, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import type { Library } from '../../../../shared/usage';
import { SPECIAL_GROUPS } from '../../../../shared/usage';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useLoader } from '../../lib/useLoader';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Values {
  name: string;
  tag: string;
  householdTypes: string[];
  ageMin: number | null;
  ageMax: number | null;
}

interface Props {
  open: boolean;
  library: Library | null;
  onClose: () => void;
  onSaved: (all: Library[]) => void;
}

const loadSettings = () => api['settings.get']({});
const FIELDS = ['name', 'tag', 'householdTypes', 'ageMin', 'ageMax'];

/** A special-group library (个性化名址库): everyone with a tag, optionally narrowed by household type and age. */
export function LibraryFormModal({ open, library, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy: saving, run } = useSingleFlight();
  const settings = useLoader(loadSettings);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      library
        ? { name: library.name, tag: library.tag ?? library.name, householdTypes: library.householdTypes, ageMin: library.ageMin, ageMax: library.ageMax }
        : { name: '', tag: '', householdTypes: [], ageMin: null, ageMax: null },
    );
  }, [open, library, form]);

  const submit = (v: Values) =>
    run(async () => {
      try {
        const all = await api['usage.librarySave']({
          ...(library ? { id: library.id } : {}),
          name: v.name,
          tag: v.tag || v.name,
          householdTypes: v.householdTypes ?? [],
          ageMin: v.ageMin ?? null,
          ageMax: v.ageMax ?? null,
        });
        message.success(`已保存客户库“${v.name}”`);
        onSaved(all);
      } catch (e) {
        if (applyProblems(form, e, FIELDS) === 0) message.error(errorText(e));
      }
    });

  return (
    <Modal
      open={open}
      title={library ? `修改“${library.name}”` : '新建名址库'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label="库名" rules={[{ required: true, whitespace: true, message: '请填写库名' }]}>
          <Input maxLength={20} placeholder="如 个体工商户、退休教师" />
        </Form.Item>
        <Form.Item name="tag" label="按标签" extra="客户档案中带此标签的客户属于本库；留空则与库名相同">
          <AutoComplete options={SPECIAL_GROUPS.map((g) => ({ value: g }))} placeholder="选择或输入标签" maxLength={20} />
        </Form.Item>
        <Form.Item name="householdTypes" label="并且户类型是（可不选）">
          <Select mode="multiple" allowClear options={(settings.data?.householdTypes ?? []).map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Space>
          <Form.Item name="ageMin" label="年龄从">
            <InputNumber min={0} max={120} />
          </Form.Item>
          <Form.Item name="ageMax" label="到">
            <InputNumber min={0} max={120} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
