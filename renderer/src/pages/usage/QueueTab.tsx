import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Segmented, Select, Space, Table, Typography, type GetRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { QueueDecision, QueueRow } from '../../../../shared/usage';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { useDebounced } from '../../lib/hooks';
import { useLoader } from '../../lib/useLoader';
import { CustomerSearchPick, type SelectRef } from './CustomerSearchPick';
import { DiscardModal } from './DiscardModal';
import { QueueDetailPanel } from './QueueDetailPanel';
import { useQueue, type QueueView } from './useQueue';
import './queue.css';

const loadLines = () => api['usage.lines']({});

const columns: ColumnsType<QueueRow> = [
  { title: '姓名', dataIndex: 'name', width: 80, ellipsis: true },
  { title: '业务', dataIndex: 'line', width: 70 },
  { title: '村/地址', dataIndex: 'place', width: 170, ellipsis: true },
  { title: '候选', key: 'cand', width: 80, render: (_, r) => (r.candidates ? `${r.candidates} 个·${r.bestScore}` : '无') },
];

interface LastAction {
  text: string;
  undoId: string | null;
}

/**
 * What was just done, naming the customer: a match names the customer chosen (贾红艳), and the extract's spelling
 * too when it differs (贾红燕), not the extract's alone.
 */
const describe = (name: string, d: QueueDecision, verb: string, rowName: string) =>
  `${verb}“${name}”${name !== rowName && rowName ? `（提取数据中为“${rowName}”）` : ''}${d.alsoResolved ? `（同一人的另外 ${d.alsoResolved} 条一并处理）` : ''}${d.filled.length ? '，已补全客户档案的空白项' : ''}`;

/**
 * 勾挑核对: the rows the matcher was not sure of, one at a time beside their candidates. Everything works from
 * the keyboard — ↑/↓ move, a number picks that candidate, N creates a customer from the row, D discards with a
 * reason, F searches for another customer — and the next row is shown at once.
 */
export function QueueTab() {
  const { message } = App.useApp();
  const lines = useLoader(loadLines);
  const [view, setView] = useState<QueueView>('pending');
  const [line, setLine] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const query = useDebounced(text, 300);
  const filter = useMemo(() => ({ view, line, query }), [view, line, query]);
  const q = useQueue(filter);
  const [discarding, setDiscarding] = useState(false);
  const [last, setLast] = useState<LastAction | null>(null);
  const keys = useRef<HTMLDivElement>(null);
  const search = useRef<SelectRef>(null);
  const table = useRef<GetRef<typeof Table>>(null);

  useEffect(() => {
    if (!q.loading) keys.current?.focus();
  }, [q.loading]);
  useEffect(() => {
    table.current?.scrollTo({ index: q.index });
  }, [q.index]);

  const run = async (fn: (id: string) => Promise<QueueDecision>, verb: string, undoable = false, customerName?: string) => {
    const rowName = q.current?.name ?? '';
    const name = customerName || rowName;
    try {
      const d = await q.decide(fn);
      if (d) setLast({ text: describe(name, d, verb, rowName), undoId: undoable ? d.id : null });
    } catch (e) {
      message.error(errorText(e));
    }
    keys.current?.focus();
  };
  const pick = (customerId: string, customerName: string) => void run((id) => api['usage.queuePick']({ id, customerId }), '已匹配', false, customerName);
  const create = () => void run((id) => api['usage.queueCreate']({ id }), '已新建客户');
  const discard = (reason: string) => {
    setDiscarding(false);
    void run((id) => api['usage.queueDiscard']({ id, reason }), `已驳回（${reason}）`, true);
  };
  const undo = async (id: string) => {
    try {
      await api['usage.queueReopen']({ id });
      setLast(null);
      await q.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== keys.current || e.ctrlKey || e.altKey || e.metaKey || discarding) return;
    const pending = q.current?.status === 'pending' && !q.busy;
    const key = e.key.toLowerCase();
    const n = Number(e.key);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') q.move(e.key === 'ArrowDown' ? 1 : -1);
    else if (Number.isInteger(n) && n >= 1 && n <= 9) {
      const c = q.detail?.candidates[n - 1];
      if (pending && c) pick(c.customerId, c.name);
    } else if (key === 'n' && pending) create();
    else if (key === 'd' && pending) setDiscarding(true);
    else if (key === 'f' && pending) search.current?.focus();
    else return;
    e.preventDefault();
  };

  const counts = q.page?.counts;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<QueueView>
          value={view}
          onChange={setView}
          options={[
            { value: 'pending', label: `全部待核对 ${counts?.pending ?? ''}` },
            { value: 'ambiguous', label: `有候选 ${counts?.ambiguous ?? ''}` },
            { value: 'unmatched', label: `无候选 ${counts?.unmatched ?? ''}` },
            { value: 'resolved', label: `已处理 ${counts?.resolved ?? ''}` },
          ]}
        />
        <Select
          allowClear
          placeholder="全部业务"
          value={line}
          onChange={setLine}
          style={{ width: 130 }}
          options={(lines.data ?? []).map((l) => ({ value: l.name, label: l.name }))}
        />
        <Input allowClear placeholder="姓名、电话、村或地址" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 200 }} />
        <Button icon={<ReloadOutlined />} onClick={() => void q.reload()}>
          刷新
        </Button>
      </Space>
      {q.error && <Alert type="error" showIcon title={`读取核对队列失败：${q.error}`} style={{ marginBottom: 12 }} />}
      {last && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLast(null) }}
          style={{ marginBottom: 12 }}
          title={last.text}
          data-testid="queue-last"
          action={
            last.undoId ? (
              <Button size="small" onClick={() => void undo(last.undoId!)}>
                撤销
              </Button>
            ) : undefined
          }
        />
      )}
      <div
        ref={keys}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="queue-keys"
        data-testid="queue"
        style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}
      >
        <div style={{ width: 420, flex: 'none' }} className="queue-list">
          <Table<QueueRow>
            ref={table}
            virtual
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={q.rows}
            loading={q.loading && !q.page}
            pagination={false}
            scroll={{ x: 400, y: 520 }}
            rowClassName={(_, i) => (i === q.index ? 'queue-selected' : '')}
            onScroll={(e) => {
              const el = e.currentTarget;
              if (el.scrollHeight - el.scrollTop - el.clientHeight < 400) void q.loadMore();
            }}
            onRow={(_, i) => ({ onClick: () => (q.setIndex(i ?? 0), keys.current?.focus()) })}
            locale={{ emptyText: view === 'resolved' ? '还没有处理过的记录' : '没有待核对的记录' }}
            data-testid="queue-list"
          />
          <Typography.Text type="secondary">共 {q.page?.total ?? 0} 条</Typography.Text>
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          {q.current ? (
            <QueueDetailPanel
              detail={q.detail}
              error={q.detailError}
              busy={q.busy}
              onPick={pick}
              onCreate={create}
              onDiscard={() => setDiscarding(true)}
              onReopen={() => void undo(q.current!.id)}
              search={<CustomerSearchPick ref={search} disabled={q.busy} onPick={pick} />}
            />
          ) : (
            !q.loading && <Typography.Paragraph type="secondary">{view === 'resolved' ? '' : '全部核对完毕。'}</Typography.Paragraph>
          )}
        </div>
      </div>
      <DiscardModal open={discarding} name={q.current?.name ?? ''} onCancel={() => (setDiscarding(false), keys.current?.focus())} onConfirm={discard} />
    </div>
  );
}
