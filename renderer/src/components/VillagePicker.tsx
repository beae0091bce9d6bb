import { GlobalOutlined } from '@ant-design/icons';
import { App, Select, Space, Typography } from 'antd';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Village } from '../../../shared/domain';
import { api } from '../api';
import { errorText } from '../lib/errors';
import { useCan } from '../lib/session';
import { searchVillages } from '../lib/villageSearch';
import { AddOfficialVillageModal } from './AddOfficialVillageModal';
import { SelfMadeTag } from './SelfMadeTag';

interface Props {
  /** Set by Form.Item, so the field's label points at this control. */
  id?: string;
  value?: string | null;
  onChange?: (villageId: string | undefined) => void;
  villages: readonly Village[];
  /** Offer 在全国范围查找…: an official village the branch lacks is added to it, then chosen. */
  allowNational?: boolean;
  /** Show each village's customer count (the customer list's filter). */
  showCounts?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  onVillageAdded?: (v: Village) => void;
}

const NATIONAL = '__national__';

/**
 * The list opens downward only, never flipped or shifted up: in the customer form, flipped up it covered the 手机
 * field above it and that field's error message. It is a little shorter than antd's (6 villages), and on opening
 * the form scrolls, if it can, until the list fits under the field (the list follows the field as it scrolls).
 */
const DOWNWARD = {
  bottomLeft: {
    points: ['tl', 'bl'],
    offset: [0, 4],
    overflow: { adjustX: true, adjustY: false, shiftY: false },
    htmlRegion: 'scroll' as const,
    dynamicInset: true,
  },
};
const LIST_HEIGHT = 192;
/** Room kept above the field when making room below it: one form row with a two-line error. */
const ROW_ABOVE = 130;

/** Scrolls the nearest scrolling area around the open select (it has the caret) so the list has room below it. */
function makeRoomBelow(): void {
  const field = document.activeElement?.closest<HTMLElement>('.ant-select');
  if (!field) return;
  for (let el = field.parentElement; el; el = el.parentElement) {
    const { overflowY } = getComputedStyle(el);
    if ((overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight) {
      const box = field.getBoundingClientRect();
      const area = el.getBoundingClientRect();
      const lack = box.bottom + LIST_HEIGHT + 24 - area.bottom;
      // Never so far that the row above (手机 and its error) leaves the view.
      const most = box.top - area.top - ROW_ABOVE;
      if (lack > 0 && most > 0) el.scrollTop += Math.min(lack, most);
      return;
    }
  }
}

interface Option {
  value: string;
  label: string;
  village?: Village;
}

/** One searchable select over the branch's villages: name, short name (东风), pinyin initials (dfc) or code. */
export function VillagePicker({
  id,
  value,
  onChange,
  villages,
  allowNational = false,
  showCounts = false,
  placeholder = '输入村名、拼音首字母或区划代码',
  style,
  onVillageAdded,
}: Props) {
  const [search, setSearch] = useState('');
  const [added, setAdded] = useState<Village[]>([]);
  const [national, setNational] = useState<string | null>(null);
  const canAdd = useCan('villages.addOfficial') && allowNational;
  // Tab in an open list chooses the highlighted option and moves on (lib/antdPatches.ts); when that option is
  // 在全国范围查找 (nothing of the branch matched), Tab must not open a dialog: only Enter or a click does.
  const lastKey = useRef('');
  const { message } = App.useApp();

  const all = useMemo(() => [...villages, ...added.filter((a) => !villages.some((v) => v.id === a.id))], [villages, added]);
  const options = useMemo<Option[]>(() => {
    const found: Option[] = searchVillages(all, search).map((v) => ({ value: v.id, label: v.name, village: v }));
    return canAdd ? [...found, { value: NATIONAL, label: '在全国范围查找…' }] : found;
  }, [all, search, canAdd]);
  const codes = useMemo(() => new Set(all.flatMap((v) => (v.code ? [v.code] : []))), [all]);

  const choose = async (code: string | undefined) => {
    setNational(null);
    if (!code) return;
    try {
      const fresh = (await api['villages.list']({})).find((v) => v.code === code);
      if (!fresh) return;
      setAdded((xs) => [...xs.filter((x) => x.id !== fresh.id), fresh]);
      onChange?.(fresh.id);
      onVillageAdded?.(fresh);
    } catch (e) {
      message.error(`读取行政村失败：${errorText(e)}`);
    }
  };

  return (
    <>
      <Select<string, Option>
        id={id}
        value={value ?? undefined}
        allowClear
        placeholder={placeholder}
        style={style}
        showSearch={{ filterOption: false, searchValue: search, onSearch: setSearch }}
        options={options}
        placement="bottomLeft"
        builtinPlacements={DOWNWARD}
        listHeight={LIST_HEIGHT}
        onInputKeyDown={(e) => {
          lastKey.current = e.key;
        }}
        onChange={(v) => {
          if (v === NATIONAL) {
            if (lastKey.current !== 'Tab') setNational(search);
          } else {
            onChange?.(v);
          }
          setSearch('');
        }}
        onOpenChange={(open) => (open ? makeRoomBelow() : setSearch(''))}
        notFoundContent="本网点没有这个村"
        labelRender={({ value: v }) => {
          const village = all.find((x) => x.id === v);
          return village ? <VillageLabel village={village} showCount={showCounts} /> : String(v ?? '');
        }}
        optionRender={(o) =>
          o.data.village ? (
            <VillageLabel village={o.data.village} showCount={showCounts} />
          ) : (
            <Typography.Link>
              <GlobalOutlined /> {o.data.label}
            </Typography.Link>
          )
        }
      />
      {canAdd && (
        <AddOfficialVillageModal
          open={national !== null}
          initialQuery={national ?? ''}
          multiple={false}
          existingCodes={codes}
          onClose={() => setNational(null)}
          onAdded={(cs) => void choose(cs[0])}
        />
      )}
    </>
  );
}

function VillageLabel({ village, showCount }: { village: Village; showCount: boolean }) {
  return (
    <Space size={6}>
      <span>{village.name}</span>
      {village.townName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {village.townName}
        </Typography.Text>
      )}
      {!village.code && <SelfMadeTag />}
      {showCount && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {village.customerCount} 户
        </Typography.Text>
      )}
    </Space>
  );
}
