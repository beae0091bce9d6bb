import { App, Form, Input, Modal } from 'antd';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';

interface Values {
  oldPassword: string;
  password: string;
  confirm: string;
}

export const PASSWORD_HINT = '至少 8 位，包含字母、数字、符号中的至少两类，不能包含登录名';

/** “两次输入的密码不一致” for a confirm field that must repeat `field`. */
export const confirmRule =
  (field: string) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, v: string | undefined) =>
      !v || v === getFieldValue(field) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
  });

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy: saving, run } = useSingleFlight();
  const { message } = App.useApp();

  const submit = (v: Values) =>
    run(async () => {
      try {
        await api['auth.changePassword']({ oldPassword: v.oldPassword, newPassword: v.password });
        message.success('密码已修改，下次登录请使用新密码');
        form.resetFields();
        onClose();
      } catch (e) {
        if (applyProblems(form, e, ['password']) === 0) form.setFields([{ name: 'oldPassword', errors: [errorText(e)] }]);
      }
    });

  return (
    <Modal title="修改密码" open={open} okText="保存" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="changePassword" layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoFocus maxLength={128} />
        </Form.Item>
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }]} extra={PASSWORD_HINT}>
          <Input.Password maxLength={128} />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[{ required: true, message: '请再输入一次新密码' }, confirmRule('password')]}
        >
          <Input.Password maxLength={128} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
