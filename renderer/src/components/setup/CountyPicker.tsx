import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useDebounced } from '../../lib/hooks';

export interface County {
  code: string;
  name: string;
  fullName: string;
}

interface Props {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** The whole county (for its full name), besides the code the form keeps. */
  onPicked?: (county: County | null) => void;
  initial?: County | null;
  disabled?: boolean;
}

/** 区县 of the whole country, found by name (德城) or by its 6-digit code (371402); shows 山东省德州市德城区. */
export function CountyPicker({ id, value, onChange, onPicked, initial, disabled }: Props) {
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 200);
  const [options, setOptions] = useState<County[]>(initial ? [initial] : []);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!query.trim()) return;
    let live = true;
    setLoading(true);
    api['divisions.counties']({ query: query.trim() })
      .then((list) => live && setOptions(list))
      .catch(() => live && setOptions([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [query]);

  return (
    <Select<string>
      id={id}
      value={value}
      disabled={disabled}
      placeholder="输入区县名称或 6 位代码，如 德城 或 371402"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={loading}
      allowClear
      notFoundContent={search.trim() ? (loading ? '正在查找…' : '没有找到这个区县') : '请输入区县名称或代码'}
      options={options.map((c) => ({ value: c.code, label: `${c.fullName}（${c.code}）` }))}
      onChange={(code) => {
        onChange?.(code);
        onPicked?.(options.find((c) => c.code === code) ?? null);
      }}
    />
  );
}
