import { App, Form, Input, Modal, Select } from 'antd';
import { ROLE_LABELS, ROLES, type Role, type UserInfo } from '../../../../shared/domain';
import { api } from '../../api';
import { applyProblems, errorText } from '../../lib/errors';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { confirmRule, PASSWORD_HINT } from '../auth/ChangePasswordModal';

interface Values {
  login: string;
  displayName: string;
  role: Role;
  password: string;
  confirm: string;
}

const FIELDS = ['login', 'displayName', 'role', 'password'] as const;
export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UserCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: UserInfo) => void }) {
  const [form] = Form.useForm<Values>();
  const { busy: saving, run } = useSingleFlight();
  const { message } = App.useApp();

  const submit = (v: Values) =>
    run(async () => {
      try {
        const u = await api['users.create']({ login: v.login, displayName: v.displayName, role: v.role, password: v.password });
        message.success(`已添加用户“${u.displayName}”`);
        form.resetFields();
        onCreated(u);
      } catch (e) {
        if (applyProblems(form, e, FIELDS) === 0) message.error(errorText(e));
      }
    });

  return (
    <Modal title="添加用户" open={open} okText="添加" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="userCreate" layout="vertical" onFinish={submit} autoComplete="off" initialValues={{ role: 'clerk' }}>
        <Form.Item name="login" label="登录名" rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}>
          <Input autoFocus maxLength={40} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="role"
          label="角色"
          rules={[{ required: true, message: '请选择角色' }]}
          extra="营业员、投递员看到的身份证号是打码的；投递员只能查看客户"
        >
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请输入密码' }]} extra={PASSWORD_HINT}>
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认密码"
          dependencies={['password']}
          rules={[{ required: true, message: '请再输入一次密码' }, confirmRule('password')]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
