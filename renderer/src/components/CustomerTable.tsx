import { Button, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UIEvent } from 'react';
import type { CustomerRow } from '../../../shared/domain';
import type { Grade } from '../../../shared/grading';
import { formatDate } from '../lib/format';
import { GradeTag } from './GradeTag';
import { DeleteCustomerButton } from './customer/DeleteCustomerButton';

interface Props {
  rows: CustomerRow[];
  loading: boolean;
  /** Space available; columns stretch to fill it and scroll sideways only when it is too narrow. */
  width: number;
  height: number;
  emptyText: string;
  /** Null for a role that may not change customers: no 编辑 button, and a double-click opens the detail. */
  onEdit: ((row: CustomerRow) => void) | null;
  /** Opens the read-only detail (grade, usage, maintenance history). */
  onDetail: (row: CustomerRow) => void;
  onDelete: ((row: CustomerRow, reason: string | undefined) => Promise<void>) | null;
  onNearEnd: () => void;
}

/** Start fetching the next page while this many pixels are still left to scroll. */
const PREFETCH_PX = 600;

/**
 * Virtualised: only the visible rows are in the DOM, so tens of thousands scroll smoothly. Widths are fixed
 * because a virtual table cannot measure columns it has not rendered.
 */
export function CustomerTable({ rows, loading, width, height, emptyText, onEdit, onDetail, onDelete, onNearEnd }: Props) {
  const columns: ColumnsType<CustomerRow> = [
    { title: '姓名', dataIndex: 'name', width: 90, ellipsis: true },
    { title: '客户编号', dataIndex: 'code', width: 104, render: (v: string | null) => v ?? '—' },
    { title: '电话', dataIndex: 'phone', width: 125 },
    { title: '身份证号', dataIndex: 'idNumber', width: 185 },
    { title: '行政村', dataIndex: 'villageName', width: 110, ellipsis: true },
    { title: '地址', dataIndex: 'address', width: 160, ellipsis: true },
    { title: '户类型', dataIndex: 'householdType', width: 90, ellipsis: true },
    { title: '等级', dataIndex: 'grade', width: 70, render: (g: Grade) => <GradeTag grade={g} /> },
    { title: '更新日期', dataIndex: 'updatedAt', width: 110, render: (v: string) => formatDate(v) },
    {
      title: '操作',
      key: 'actions',
      width: 140 - (onEdit ? 0 : 40) - (onDelete ? 0 : 40),
      fixed: 'right',
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onDetail(row)}>
            详情
          </Button>
          {onEdit && (
            <Button type="link" size="small" onClick={() => onEdit(row)}>
              编辑
            </Button>
          )}
          {onDelete && <DeleteCustomerButton name={row.name} onDelete={(reason) => onDelete(row, reason)} />}
        </Space>
      ),
    },
  ];
  const minWidth = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX) onNearEnd();
  };

  return (
    <Table<CustomerRow>
      virtual
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      // Searches answer in tens of milliseconds; a spinner flashing on every key would only distract.
      loading={{ spinning: loading, delay: 250 }}
      pagination={false}
      scroll={{ x: Math.max(minWidth, width - 2), y: Math.max(height, 200) }}
      onScroll={onScroll}
      onRow={(row) => ({ onDoubleClick: () => (onEdit ?? onDetail)(row) })}
      locale={{ emptyText }}
    />
  );
}
