import { App, Form, Input, Modal } from 'antd';
import type { UserInfo } from '../../../../shared/domain';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { confirmRule, PASSWORD_HINT } from '../auth/ChangePasswordModal';

/** 重置密码 for a user who forgot theirs; their open sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: UserInfo | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { busy: saving, run } = useSingleFlight();
  const { message } = App.useApp();

  const submit = ({ password }: { password: string }) =>
    run(async () => {
      if (!user) return;
      try {
        await api['users.resetPassword']({ id: user.id, password });
        message.success(`已重置“${user.displayName}”的密码，请当面告知本人`);
        form.resetFields();
        onClose();
      } catch (e) {
        if (applyProblems(form, e, ['password']) === 0) message.error(errorText(e));
      }
    });

  return (
    <Modal
      title={user ? `重置“${user.displayName}”的密码` : '重置密码'}
      open={user !== null}
      okText="重置"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="resetPassword" layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }]} extra={PASSWORD_HINT}>
          <Input.Password autoFocus maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label="确认新密码" dependencies={['password']} rules={[{ required: true, message: '请再输入一次' }, confirmRule('password')]}>
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
