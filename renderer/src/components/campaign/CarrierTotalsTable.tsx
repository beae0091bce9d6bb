import { PrinterOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DispatchStatus } from '../../../../shared/domain';

type CarrierRow = DispatchStatus['byCarrier'][number];

interface Props {
  rows: CarrierRow[];
  onPrint: (carrierId: string) => void;
  /** A carrier prints only their own list (the backend gives a carrier nothing else). */
  canPrint: (carrierId: string) => boolean;
}

/** Per carrier: how many targets in how many villages, and the printable list to take on the round. */
export function CarrierTotalsTable({ rows, onPrint, canPrint }: Props) {
  const columns: ColumnsType<CarrierRow> = [
    { title: '投递员', dataIndex: 'carrierName' },
    { title: '目标户数', dataIndex: 'targets', align: 'right', sorter: (a, b) => a.targets - b.targets },
    { title: '村数', dataIndex: 'villages', align: 'right' },
    {
      title: '走访清单',
      key: 'print',
      render: (_: unknown, r) =>
        canPrint(r.carrierId) ? (
          <Button size="small" icon={<PrinterOutlined />} onClick={() => onPrint(r.carrierId)} aria-label={`打印${r.carrierName}的走访清单`}>
            打印走访清单
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<CarrierRow>
      rowKey="carrierId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '还没有派工' }}
      data-testid="dispatch-carriers"
    />
  );
}
