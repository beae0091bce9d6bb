import { Select, type GetRef } from 'antd';
import { forwardRef, useEffect, useState } from 'react';
import type { CustomerRow } from '../../../../shared/domain';
import { api } from '../../api';
import { useDebounced } from '../../lib/hooks';

interface Props {
  disabled: boolean;
  onPick: (customerId: string, name: string) => void;
}

export type SelectRef = GetRef<typeof Select>;

/** Any customer by name, phone or ID number, for a row whose person the matcher did not offer. */
export const CustomerSearchPick = forwardRef<SelectRef, Props>(function CustomerSearchPick({ disabled, onPick }, ref) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<CustomerRow[]>([]);
  const query = useDebounced(text, 250);
  useEffect(() => {
    if (!query.trim()) return setRows([]);
    let live = true;
    api['customers.list']({ query, limit: 20 }).then(
      (p) => live && setRows(p.rows),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <Select
      ref={ref}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      value={null}
      disabled={disabled}
      placeholder="搜索其他客户（F）：姓名、电话或身份证号"
      style={{ width: 320 }}
      notFoundContent={query ? '没有找到' : null}
      options={rows.map((r) => ({ value: r.id, label: `${r.name}　${r.phone ?? ''}　${r.villageName ?? ''} ${r.address ?? ''}` }))}
      onChange={(id: string | null) => {
        if (!id) return;
        setText('');
        onPick(id, rows.find((r) => r.id === id)?.name ?? '');
      }}
      data-testid="queue-search"
    />
  );
});
