import { EyeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { errorText } from '../lib/errors';
import { useCan } from '../lib/session';

interface Props {
  customerId: string;
  onRevealed: (idNumber: string) => void;
}

/** 查看完整号码: for 营业员, who see ID numbers masked; every use is written to the 操作日志. Not for 投递员. */
export function RevealIdButton({ customerId, onRevealed }: Props) {
  const may = useCan('customers.revealId');
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  if (!may) return null;

  const reveal = async () => {
    setBusy(true);
    try {
      const r = await api['customers.revealId']({ id: customerId });
      if (r.idNumber) onRevealed(r.idNumber);
      else message.info('该客户没有登记身份证号');
    } catch (e) {
      message.error(`查看失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} title="查看将记入操作日志">
      查看完整号码
    </Button>
  );
}
