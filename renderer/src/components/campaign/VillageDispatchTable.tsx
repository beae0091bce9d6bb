import { Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { DispatchStatus } from '../../../../shared/domain';

type VillageRow = DispatchStatus['byVillage'][number];
export interface CarrierOption {
  id: string;
  displayName: string;
  login: string;
}

interface Props {
  rows: VillageRow[];
  carriers: CarrierOption[];
  busyVillage: string | null;
  canDispatch: boolean;
  onAssign: (villageId: string | null, carrierId: string) => void;
}

const rowKey = (r: VillageRow) => r.villageId ?? '__none__';

/** 按村派工: each village with its targets and how many still lack a carrier; a carrier picked here takes the whole village. */
export function VillageDispatchTable({ rows, carriers, busyVillage, canDispatch, onAssign }: Props) {
  const options = carriers.map((c) => ({ value: c.id, label: c.displayName }));
  const columns: ColumnsType<VillageRow> = [
    {
      title: '行政村/单元',
      key: 'village',
      render: (_: unknown, r) => r.villageName ?? '未分村',
      sorter: (a, b) => (a.villageName ?? '').localeCompare(b.villageName ?? '', 'zh-CN'),
    },
    { title: '目标户数', dataIndex: 'targets', align: 'right', width: 110, sorter: (a, b) => a.targets - b.targets },
    {
      title: '未派',
      dataIndex: 'unassigned',
      align: 'right',
      width: 160,
      sorter: (a, b) => a.unassigned - b.unassigned,
      filters: [{ text: '有未派', value: 'open' }],
      onFilter: (_, r) => r.unassigned > 0,
      render: (n: number, r) => (
        <>
          {n > 0 ? <Tag color="orange">{n}</Tag> : <Tag color="green">已派完</Tag>}
          {r.doorRefused > 0 && <Tag title="客户要求不上门，不派工">不上门 {r.doorRefused}</Tag>}
        </>
      ),
    },
  ];
  // Who walks the village: after 自动均衡派工 (or 按村) the picker shows the carrier; a village split between
  // carriers by hand, or one with targets still open, names them under it.
  const names = (r: VillageRow) => r.carriers.map((c) => c.name).join('、');
  if (canDispatch) {
    columns.push({
      title: '派给投递员（整村）',
      key: 'carrier',
      width: 240,
      render: (_: unknown, r) => {
        const whole = r.carriers.length === 1 && r.unassigned === 0 ? r.carriers[0]! : null;
        // A carrier since disabled is not offered, yet still named in the picker.
        const shown = whole && !options.some((o) => o.value === whole.id) ? [...options, { value: whole.id, label: whole.name, disabled: true }] : options;
        return (
          <div data-testid="village-carriers">
            <Select
              style={{ width: 200 }}
              placeholder={r.carriers.length ? '改派给…' : '选择投递员'}
              showSearch={{ optionFilterProp: 'label' }}
              options={shown}
              value={whole?.id ?? null}
              loading={busyVillage === rowKey(r)}
              disabled={busyVillage !== null}
              onChange={(carrierId: string | null) => carrierId && onAssign(r.villageId, carrierId)}
              aria-label={`${r.villageName ?? '未分村'}派给`}
            />
            {!whole && r.carriers.length > 0 && <div style={{ fontSize: 12, color: '#595959', marginTop: 2 }}>已派：{names(r)}</div>}
          </div>
        );
      },
    });
  } else {
    columns.push({
      title: '投递员',
      key: 'carrier',
      width: 200,
      render: (_: unknown, r) => <span data-testid="village-carriers">{names(r) || '—'}</span>,
    });
  }
  return (
    <Table<VillageRow>
      rowKey={rowKey}
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      data-testid="dispatch-villages"
    />
  );
}
