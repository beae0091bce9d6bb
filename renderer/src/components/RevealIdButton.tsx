import { EyeOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { api } from '../api';
import { useCan } from '../lib/session';
import { useReportedFlight } from '../lib/useSingleFlight';

interface Props {
  customerId: string;
  onRevealed: (idNumber: string) => void;
}

/** 查看完整号码: for 营业员, who see ID numbers masked; every use is written to the 操作日志. Not for 投递员. */
export function RevealIdButton({ customerId, onRevealed }: Props) {
  const may = useCan('customers.revealId');
  const { busy, run } = useReportedFlight();
  const { message } = App.useApp();
  if (!may) return null;

  const reveal = () =>
    run(async () => {
      const r = await api['customers.revealId']({ id: customerId });
      if (r.idNumber) onRevealed(r.idNumber);
      else message.info('该客户没有登记身份证号');
    }, '查看失败：');

  return (
    <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} title="查看将记入操作日志">
      查看完整号码
    </Button>
  );
}
