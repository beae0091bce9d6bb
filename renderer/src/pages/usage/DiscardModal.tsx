import { Input, Modal, Radio, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DISCARD_REASONS } from '../../../../shared/usage';

interface Props {
  open: boolean;
  name: string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

const OTHER = '其他';

/** Why a row is discarded, by keyboard: a number picks the reason, Enter confirms, Esc goes back (the dialog's own). */
export function DiscardModal({ open, name, onCancel, onConfirm }: Props) {
  const [reason, setReason] = useState<string>(DISCARD_REASONS[0]);
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const otherInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    setReason(DISCARD_REASONS[0]);
    setOther('');
    setProblem(null);
    // After the modal's own focus handling, so the keys reach the list of reasons.
    const t = setTimeout(() => box.current?.focus(), 50);
    return () => clearTimeout(t);
  }, [open]);

  const confirm = () => {
    const text = reason === OTHER ? other.trim() : reason;
    if (!text) return setProblem('请写明驳回原因');
    onConfirm(reason === OTHER ? `其他：${text}` : text);
  };
  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;

  // On the document while open, so the keys work even before focus has moved into the dialog.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key === 'Enter') {
        e.preventDefault();
        confirmRef.current();
        return;
      }
      if (e.target instanceof HTMLInputElement) return;
      const n = Number(e.key);
      if (!Number.isInteger(n) || n < 1 || n > DISCARD_REASONS.length) return;
      e.preventDefault();
      const r = DISCARD_REASONS[n - 1]!;
      setReason(r);
      setProblem(null);
      if (r === OTHER) setTimeout(() => otherInput.current?.focus(), 0);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [open]);

  return (
    <Modal
      open={open}
      title={`驳回“${name}”这条记录`}
      okText="驳回（Enter）"
      okButtonProps={{ danger: true }}
      cancelText="返回（Esc）"
      onOk={confirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div ref={box} tabIndex={-1} data-testid="discard-reasons" className="queue-keys">
        <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as string)}>
          <Space orientation="vertical">
            {DISCARD_REASONS.map((r, i) => (
              <Radio key={r} value={r}>
                {i + 1}. {r}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        {reason === OTHER && (
          <Input
            ref={(el) => {
              otherInput.current = el?.input ?? null;
            }}
            style={{ marginTop: 8 }}
            placeholder="请写明原因"
            value={other}
            maxLength={90}
            onChange={(e) => setOther(e.target.value)}
            status={problem ? 'error' : ''}
          />
        )}
        {problem && <div style={{ color: '#cf1322', marginTop: 4 }}>{problem}</div>}
      </div>
    </Modal>
  );
}
