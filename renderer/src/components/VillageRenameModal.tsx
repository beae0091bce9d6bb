import { App, Form, Input, Modal, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import type { Village } from '../../../shared/domain';
import { api } from '../api';
import { applyProblems, errorText } from '../lib/errors';
import { focusField } from '../lib/focus';
import { useSingleFlight } from '../lib/useSingleFlight';

interface Props {
  village: Village | null;
  onClose: () => void;
  onRenamed: (v: Village) => void;
}

export function VillageRenameModal({ village, onClose, onRenamed }: Props) {
  const [form] = Form.useForm<{ name: string }>();
  // Guards against a double Enter renaming the village twice before React re-renders.
  const { busy: saving, run } = useSingleFlight();
  const nameRef = useRef<InputRef>(null);
  const { message } = App.useApp();

  useEffect(() => {
    if (!village) return;
    // setFields also clears an error left over from the last village renamed.
    form.setFields([{ name: 'name', value: village.name, errors: [] }]);
    focusField(nameRef, { selectAll: true });
  }, [village, form]);

  const submit = ({ name }: { name: string }) =>
    run(async () => {
      if (!village) return;
      try {
        const v = await api['villages.rename']({ id: village.id, name });
        message.success(`已改名为“${v.name}”`);
        onRenamed(v);
      } catch (e) {
        applyProblems(form, e, ['name']);
        message.error(errorText(e));
      }
    });

  return (
    <Modal
      title={village ? `重命名“${village.name}”` : '重命名'}
      open={village !== null}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      afterOpenChange={(o) => o && focusField(nameRef, { selectAll: true })}
    >
      <Form form={form} name="villageRename" layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="name"
          label="新村名"
          rules={[
            { required: true, whitespace: true, message: '请填写村名' },
            { max: 50, message: '村名不能超过 50 个字' },
          ]}
        >
          <Input ref={nameRef} maxLength={50} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
