import { Alert, Card, Col, Form, Row } from 'antd';
import { useEffect, useState } from 'react';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { FreezeBox } from '../../components/campaign/FreezeBox';
import { SavedSegments } from '../../components/campaign/SavedSegments';
import { SegmentCountPanel } from '../../components/campaign/SegmentCountPanel';
import { readSavedFilter, type FilterPatch, type SegmentFilter } from '../../components/campaign/segmentFilter';
import { SegmentPeopleFields } from '../../components/campaign/SegmentPeopleFields';
import { SegmentUsageFields } from '../../components/campaign/SegmentUsageFields';
import { useSegmentCount } from '../../components/campaign/useSegmentCount';
import { formatDate } from '../../lib/format';
import { useElementSize } from '../../lib/hooks';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';

interface Props {
  campaign: Campaign;
  onChanged: (c: Campaign) => void;
}

const loadRefs = async () => {
  const [villages, settings] = await Promise.all([api['villages.list']({}), api['settings.get']({})]);
  return { villages, householdTypes: settings.householdTypes };
};

/** The filter in progress survives a reload of the window (per campaign, this session only). */
const draftKey = (id: string) => `campaignFilter:${id}`;
function initialFilter(c: Campaign): SegmentFilter {
  if (c.frozenAt) return readSavedFilter(c.segment) ?? {};
  try {
    const raw = sessionStorage.getItem(draftKey(c.id));
    return (raw && readSavedFilter(JSON.parse(raw))) || {};
  } catch {
    return {};
  }
}

/** 数据筛选: build the filter, watch the live count, save it as a segment, then fix the target list. */
export function SelectTab({ campaign, onChanged }: Props) {
  const refs = useLoader(loadRefs);
  const [filter, setFilter] = useState<SegmentFilter>(() => initialFilter(campaign));
  const frozen = campaign.frozenAt !== null;
  const canSelect = useCan('segments.count');
  // Once frozen the list is fixed; a count of today's data under the old filter would only confuse.
  const live = useSegmentCount(filter, canSelect && !frozen);
  const change = (patch: FilterPatch) => setFilter((f) => ({ ...f, ...patch }));
  // Filters and count side by side need FILTERS_MIN + COUNT_WIDTH; on a narrower page (1024×768) the count
  // sits on top of the filters and stays in view while they scroll, and 确定目标客户 follows the filters.
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(box);
  const narrow = width > 0 && width < FILTERS_MIN + COUNT_WIDTH + 16;

  useEffect(() => {
    if (frozen) return;
    try {
      sessionStorage.setItem(draftKey(campaign.id), JSON.stringify(filter));
    } catch {
      // Storage full or disabled: the filter still lives in the page.
    }
  }, [filter, frozen, campaign.id]);

  const frozenNow = (c: Campaign) => {
    try {
      sessionStorage.removeItem(draftKey(c.id));
    } catch {
      // Nothing to tidy.
    }
    onChanged(c);
  };

  if (!canSelect) return <Alert type="info" showIcon title="数据筛选由网点营业员或主管操作" />;

  const filters = (
    <>
      {frozen ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`已于 ${formatDate(campaign.frozenAt)} 确定目标客户 ${campaign.targets.toLocaleString('zh-CN')} 户；下面是当时的筛选条件`}
        />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="营销授权为必选条件：只会选中已授权营销的客户，未授权的只计数、不入选" />
      )}
      {refs.error && <Alert type="error" showIcon title={`读取行政村或户类型失败：${refs.error}`} style={{ marginBottom: 12 }} />}
      <div style={{ marginBottom: 12 }}>
        <SavedSegments filter={filter} onLoad={setFilter} disabled={frozen} />
      </div>
      <Form layout="horizontal" labelCol={{ flex: '130px' }} labelWrap colon={false}>
        <Card size="small" title="客户属性" style={{ marginBottom: 12 }}>
          <SegmentPeopleFields
            value={filter}
            onChange={change}
            villages={refs.data?.villages ?? []}
            householdTypes={refs.data?.householdTypes ?? []}
            disabled={frozen}
          />
          <Form.Item label="营销授权" style={{ marginBottom: 0 }}>
            <span>必须已授权（不可取消）</span>
          </Form.Item>
        </Card>
        <Card size="small" title="用邮信息与以往结果">
          <SegmentUsageFields value={filter} onChange={change} disabled={frozen} />
        </Card>
      </Form>
    </>
  );
  const freezeBox = !frozen && <FreezeBox campaign={campaign} filter={filter} selectable={live.count?.selectable ?? null} onFrozen={frozenNow} />;

  return (
    <div ref={setBox}>
      {narrow ? (
        <div>
          {!frozen && (
            <div style={{ position: 'sticky', top: STICK_TOP, zIndex: 3, background: '#fff', padding: '8px 0' }} data-testid="segment-count-sticky">
              <SegmentCountPanel live={live} compact />
            </div>
          )}
          {filters}
          {freezeBox && <div style={{ marginTop: 12, maxWidth: COUNT_WIDTH }}>{freezeBox}</div>}
        </div>
      ) : (
        <Row gutter={16} wrap={false}>
          <Col flex={`1 1 ${FILTERS_MIN}px`} style={{ minWidth: 0 }}>
            {filters}
          </Col>
          <Col flex={`0 0 ${COUNT_WIDTH}px`}>
            <div style={{ position: 'sticky', top: STICK_TOP, display: 'flex', flexDirection: 'column', gap: 12 }}>
              {!frozen && <SegmentCountPanel live={live} />}
              {freezeBox}
            </div>
          </Col>
        </Row>
      )}
    </div>
  );
}

const FILTERS_MIN = 560;
const COUNT_WIDTH = 380;
/** Stuck at the very top of the scrolling content area (which has no top padding: Shell.tsx). */
const STICK_TOP = 0;
