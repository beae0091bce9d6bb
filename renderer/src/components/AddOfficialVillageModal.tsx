import { App, Input, Modal, Table, Tag, Typography, type InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import type { DivisionHit } from '../../../shared/domain';
import { api } from '../api';
import { errorText } from '../lib/errors';
import { focusField } from '../lib/focus';
import { useDebounced } from '../lib/hooks';
import { useReportedFlight } from '../lib/useSingleFlight';

interface Props {
  open: boolean;
  initialQuery?: string;
  /** One village to pick (the customer form) or several to add at once (the 行政村 page). */
  multiple: boolean;
  /** Codes the branch already has: shown as 已添加, not offered again. */
  existingCodes: ReadonlySet<string>;
  onClose: () => void;
  /** After villages.addOfficial; the codes chosen (already present ones included). */
  onAdded: (codes: string[]) => void;
}

const columns: ColumnsType<DivisionHit> = [
  { title: '名称', dataIndex: 'name', width: 180 },
  { title: '乡镇/街道', dataIndex: 'townName', width: 140 },
  { title: '区县', dataIndex: 'countyName', ellipsis: true },
  { title: '区划代码', dataIndex: 'code', width: 140, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
];

/** 在全国范围查找: the official division list of the whole country, by name, short name, initials or code. */
export function AddOfficialVillageModal({ open, initialQuery = '', multiple, existingCodes, onClose, onAdded }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const settled = useDebounced(query, 250);
  const [hits, setHits] = useState<DivisionHit[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const { busy: saving, run } = useReportedFlight();
  const inputRef = useRef<InputRef>(null);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setQuery(initialQuery);
    setSelected([]);
  }, [open, initialQuery]);

  useEffect(() => {
    const q = settled.trim();
    if (!open || !q) return setHits([]);
    let live = true;
    setLoading(true);
    api['divisions.search']({ query: q, limit: 100 })
      .then((r) => {
        if (!live) return;
        setHits(r.hits);
        setMore(r.more);
      })
      .catch((e: unknown) => live && message.error(`查找失败：${errorText(e)}`))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [settled, open, message]);

  const add = (codes: string[]) =>
    run(async () => {
      if (codes.length === 0) return;
      const fresh = codes.filter((c) => !existingCodes.has(c));
      const r = fresh.length ? await api['villages.addOfficial']({ codes: fresh }) : { added: 0 };
      if (r.added) message.success(`已添加 ${r.added} 个村/社区到本网点`);
      onAdded(codes);
    }, '添加失败：');

  return (
    <Modal
      title="在全国范围查找村/社区"
      open={open}
      width={820}
      okText={multiple ? `添加到本网点${selected.length ? `（${selected.length}）` : ''}` : '添加并选用'}
      okButtonProps={{ disabled: selected.length === 0 }}
      confirmLoading={saving}
      onOk={() => void add(selected)}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => o && focusField(inputRef, { selectAll: true })}
    >
      <Input.Search
        ref={inputRef}
        aria-label="全国查找"
        allowClear
        placeholder="村名（东风）、拼音首字母（dfc）或 12 位区划代码"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        loading={loading}
        style={{ marginBottom: 12 }}
      />
      <div data-testid="national-hits">
        <Table<DivisionHit>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={hits}
          loading={loading}
          pagination={false}
          scroll={{ y: 360 }}
          rowSelection={{
            type: multiple ? 'checkbox' : 'radio',
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (h) => ({ disabled: multiple && existingCodes.has(h.code) }),
            renderCell: (_checked, h, _i, node) => (multiple && existingCodes.has(h.code) ? <Tag>已添加</Tag> : node),
          }}
          onRow={(h) => ({
            onClick: (e) => {
              // The checkbox cell handles its own clicks.
              if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
              if (!multiple) return setSelected([h.code]);
              if (existingCodes.has(h.code)) return;
              setSelected(selected.includes(h.code) ? selected.filter((c) => c !== h.code) : [...selected, h.code]);
            },
            onDoubleClick: () => !multiple && void add([h.code]),
          })}
          locale={{ emptyText: query.trim() ? (loading ? '正在查找…' : '没有找到，换个写法试试') : '请输入要查找的村名或代码' }}
        />
      </div>
      {more && <Typography.Text type="secondary">结果较多，只显示前 {hits.length} 个，请输入更完整的名称或区划代码。</Typography.Text>}
    </Modal>
  );
}
