import { App, Drawer, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import type { Customer } from '../../../shared/domain';
import type { CustomerChoices } from '../lib/customerForm';
import { focusField } from '../lib/focus';
import { CustomerEditor, type EditTarget } from './CustomerEditor';

interface Props {
  target: EditTarget | null;
  choices: CustomerChoices;
  onClose: () => void;
  onSaved: (c: Customer) => void;
}

export function CustomerDrawer({ target, choices, onClose, onSaved }: Props) {
  const nameRef = useRef<InputRef>(null);
  // Whether anything was typed since the drawer opened; a stray Esc must not throw that away unasked.
  const dirty = useRef(false);
  const { modal } = App.useApp();

  useEffect(() => {
    dirty.current = false;
  }, [target]);

  const requestClose = () => {
    if (!dirty.current) return onClose();
    modal.confirm({
      title: '放弃未保存的内容？',
      content: '刚才填写的内容还没有保存，关闭后将丢失。',
      okText: '放弃并关闭',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      onOk: onClose,
    });
  };

  return (
    <Drawer
      title={target?.mode === 'edit' ? '编辑客户' : '新增客户'}
      open={target !== null}
      size={640}
      onClose={requestClose}
      destroyOnHidden
      // A click beside the drawer is too easy to make by accident while typing.
      mask={{ closable: false }}
      // The editor lays out its own scrolling fields and a fixed button bar.
      styles={{ body: { padding: 0 } }}
      afterOpenChange={(open) => open && focusField(nameRef)}
    >
      {target && (
        <CustomerEditor
          key={target.mode === 'edit' ? target.id : 'new'}
          target={target}
          choices={choices}
          nameRef={nameRef}
          onChange={() => {
            dirty.current = true;
          }}
          onCancel={requestClose}
          onSaved={(c) => {
            dirty.current = false;
            onSaved(c);
          }}
        />
      )}
    </Drawer>
  );
}
