import { App, Button, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useLoader } from '../../lib/useLoader';
import { useReportedFlight } from '../../lib/useSingleFlight';
import { cleanFilter, readSavedFilter, type SegmentFilter } from './segmentFilter';

interface Props {
  filter: SegmentFilter;
  onLoad: (f: SegmentFilter) => void;
  disabled?: boolean;
}

const loadSegments = () => api['segments.list']({});

/** 已存客群: load a filter saved earlier, or save this one under a name for the next campaign. */
export function SavedSegments({ filter, onLoad, disabled }: Props) {
  const saved = useLoader(loadSegments);
  const [name, setName] = useState('');
  const { busy: saving, run } = useReportedFlight();
  const { message } = App.useApp();

  const load = (id: string) => {
    const seg = saved.data?.find((s) => s.id === id);
    const f = seg ? readSavedFilter(seg.filter) : null;
    if (!seg || !f) {
      message.error('该客群的筛选条件无法读取（可能由旧版本保存），请重新筛选');
      return;
    }
    onLoad(f);
    message.success(`已载入客群“${seg.name}”`);
  };

  const save = () =>
    run(async () => {
      if (!name.trim()) {
        message.error('请填写客群名称');
        return;
      }
      await api['segments.save']({ name: name.trim(), filter: cleanFilter(filter) });
      message.success(`已保存客群“${name.trim()}”`);
      setName('');
      await saved.reload();
    }, '保存失败：');

  return (
    <Space wrap>
      <Select
        style={{ width: 220 }}
        placeholder={saved.error ? '读取已存客群失败' : '载入已存客群…'}
        disabled={disabled}
        loading={saved.loading}
        options={(saved.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        value={null}
        onChange={(id: string | null) => id && load(id)}
        notFoundContent="还没有保存过客群"
        data-testid="segment-load"
      />
      <Space.Compact>
        <Input
          style={{ width: 180 }}
          placeholder="客群名称"
          maxLength={50}
          value={name}
          disabled={disabled}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => void save()}
        />
        <Button loading={saving} disabled={disabled} onClick={() => void save()}>
          保存为客群
        </Button>
      </Space.Compact>
    </Space>
  );
}
