import { Alert, App, Button, Form, Space, Spin, type InputRef } from 'antd';
import { useEffect, useState, type RefObject } from 'react';
import type { Customer } from '../../../shared/domain';
import { api } from '../api';
import { changedFieldsOf, CUSTOMER_FIELDS, EMPTY_CUSTOMER, fieldsOf, valuesOf, type CustomerChoices, type CustomerFormValues } from '../lib/customerForm';
import { applyProblems, errorText } from '../lib/errors';
import { focusField } from '../lib/focus';
import { formatDate } from '../lib/format';
import { useCan } from '../lib/session';
import { useSingleFlight } from '../lib/useSingleFlight';
import { CustomerFormFields } from './CustomerFormFields';

export type EditTarget = { mode: 'create' } | { mode: 'edit'; id: string };

interface Props {
  target: EditTarget;
  choices: CustomerChoices;
  nameRef: RefObject<InputRef | null>;
  /** Called on every edit, so the drawer knows there is something to lose. */
  onChange: () => void;
  onCancel: () => void;
  onSaved: (c: Customer) => void;
}

/**
 * Loads (for an edit), shows and saves one customer. On any failure the form keeps what was typed, the reason
 * shows under the field at fault and as a message, and the clerk can simply press 保存 again.
 */
export function CustomerEditor({ target, choices, nameRef, onChange, onCancel, onSaved }: Props) {
  const [form] = Form.useForm<CustomerFormValues>();
  const [loaded, setLoaded] = useState<Customer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy: saving, run } = useSingleFlight();
  const { message } = App.useApp();
  const editId = target.mode === 'edit' ? target.id : null;
  // 投递员 may look but not change: the form is read-only and offers no 保存.
  const canSave = useCan(editId ? 'customers.update' : 'customers.create');

  useEffect(() => {
    if (!editId) return;
    let live = true;
    api['customers.get']({ id: editId })
      .then((c) => live && setLoaded(c))
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [editId]);

  // Typing can start the moment the drawer opens; for an edit, as soon as the record is on screen.
  useEffect(() => {
    if (!editId || loaded) focusField(nameRef);
  }, [editId, loaded, nameRef]);

  // A second Enter while the first save is in flight must not create a second record (useSingleFlight answers
  // from a ref, because both key presses can arrive before React re-renders).
  const submit = (values: CustomerFormValues) =>
    run(async () => {
      try {
        // An edit sends only what changed; the record it returns is the saved one (the page shows it, no reload).
        const saved = editId
          ? await api['customers.update']({ id: editId, fields: loaded ? changedFieldsOf(values, loaded) : fieldsOf(values) })
          : await api['customers.create'](fieldsOf(values));
        message.success(`已保存客户“${saved.name}”`);
        onSaved(saved);
      } catch (e) {
        applyProblems(form, e, CUSTOMER_FIELDS);
        message.error(errorText(e));
      }
    });

  if (loadError) return <Alert type="error" showIcon title={`读取客户资料失败：${loadError}`} style={{ margin: 24 }} />;
  if (editId && !loaded) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin /> <span style={{ marginLeft: 8 }}>正在读取客户资料…</span>
      </div>
    );
  }

  return (
    <Form<CustomerFormValues>
      form={form}
      // Named so its field ids (customer_name …) cannot collide with another form's on the page.
      name="customer"
      layout="vertical"
      // The form is only rendered once an edited record is in, so its values can simply be the initial ones.
      initialValues={loaded ? valuesOf(loaded) : EMPTY_CUSTOMER}
      onFinish={submit}
      onValuesChange={onChange}
      onFinishFailed={() => message.warning('请先更正标红的项目')}
      autoComplete="off"
      disabled={!canSave}
      scrollToFirstError
      style={{ display: 'flex', flexDirection: 'column', height: '100%' }}
    >
      <div style={{ flex: 1, overflow: 'auto', padding: '16px 24px 0' }}>
        <CustomerFormFields choices={choices} nameRef={nameRef} customerId={editId ?? undefined} />
        {loaded && (
          <div style={{ color: '#888', marginBottom: 16 }}>
            建档 {formatDate(loaded.createdAt)}
            {loaded.createdBy ? `（${loaded.createdBy}）` : ''} · 最近维护 {formatDate(loaded.maintainedAt)}
            {loaded.maintainedBy ? `（${loaded.maintainedBy}）` : ''} · 被筛选 {loaded.selectionCount} 次
          </div>
        )}
      </div>
      <div style={{ padding: '12px 24px', borderTop: '1px solid #f0f0f0' }}>
        <Space>
          {/* A real submit button inside the form: Enter in any single-line field saves. */}
          {canSave && (
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
          )}
          <Button onClick={onCancel} disabled={false}>
            {canSave ? '取消' : '关闭'}
          </Button>
          <span style={{ color: '#999' }}>{canSave ? '按 Enter 保存，Esc 关闭' : '当前角色只能查看客户资料'}</span>
        </Space>
      </div>
    </Form>
  );
}
