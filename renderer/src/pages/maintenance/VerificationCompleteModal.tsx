import { App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { VerificationItem, VerificationMonth } from '../../../../shared/domain';
import { api } from '../../api';
import { useReportedFlight } from '../../lib/useSingleFlight';

interface Props {
  item: VerificationItem | null;
  onClose: () => void;
  onDone: (month: VerificationMonth) => void;
}

/** Marks one sampled village as fully verified, with an optional note of what was found. */
export function VerificationCompleteModal({ item, onClose, onDone }: Props) {
  const [note, setNote] = useState('');
  const { busy: saving, run } = useReportedFlight();
  const { message } = App.useApp();

  const save = () =>
    run(async () => {
      if (!item) return;
      const month = await api['verification.complete']({ id: item.id, note: note.trim() || null });
      message.success(`已完成“${item.villageName}”的核查`);
      onDone(month);
    }, '保存失败：');

  return (
    <Modal
      title={item ? `完成核查：${item.villageName}` : '完成核查'}
      open={item !== null}
      okText="完成核查"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      afterOpenChange={(open) => !open && setNote('')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">核查该村/单元的全部 {item?.customers ?? 0} 户客户后，在此登记完成。</Typography.Paragraph>
      <Input.TextArea
        aria-label="核查备注"
        placeholder="备注（可不填），如：已逐户核对，更正电话 3 户"
        value={note}
        maxLength={500}
        showCount
        rows={3}
        onChange={(e) => setNote(e.target.value)}
      />
    </Modal>
  );
}
