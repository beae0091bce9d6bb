import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { Fragment, useCallback } from 'react';
import { createPortal } from 'react-dom';
import { OUTCOMES } from '../../../../shared/campaign';
import type { OpenTarget } from '../../../../shared/domain';
import { api } from '../../api';
import { channelLabel, outcomeLabel, periodText } from '../../components/campaign/labels';
import '../../components/campaign/printList.css';
import { formatDate } from '../../lib/format';
import { useLoader } from '../../lib/useLoader';
import { goToCampaign } from './route';

const OUTCOME_LEGEND = Object.values(OUTCOMES)
  .map((o) => `${o.key} ${o.label}`)
  .join('　');

interface Props {
  campaignId: string;
  carrierId: string;
}

/** Runs of targets by village, in the order the backend walks them (village, group, address). */
function byVillage(rows: OpenTarget[]): { village: string; rows: OpenTarget[] }[] {
  const out: { village: string; rows: OpenTarget[] }[] = [];
  for (const r of rows) {
    const v = r.villageName ?? '未分村';
    const last = out[out.length - 1];
    if (last && last.village === v) last.rows.push(r);
    else out.push({ village: v, rows: [r] });
  }
  return out;
}

/** 走访清单 for one carrier: the script on top, then every target (done ones too) with room to write the outcome. */
export function PrintVisitList({ campaignId, carrierId }: Props) {
  const load = useCallback(async () => {
    const [campaign, carriers, targets] = await Promise.all([
      api['campaigns.get']({ id: campaignId }),
      api['carriers.list']({}),
      api['visits.targets']({ campaignId, carrierId, includeDone: true }),
    ]);
    // A customer who refused visits is not walked to, even if dispatched before the refusal: counted under the table.
    return {
      campaign,
      carrier: carriers.find((c) => c.id === carrierId) ?? null,
      targets: targets.filter((t) => !t.doorRefused),
      refused: targets.filter((t) => t.doorRefused).length,
    };
  }, [campaignId, carrierId]);
  const data = useLoader(load);
  const back = () => goToCampaign(campaignId, 'dispatch');
  const d = data.data;
  let n = 0;

  return createPortal(
    <div className="visit-print" data-testid="visit-print">
      <div className="visit-print-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={back}>
          返回派工
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!d} onClick={() => window.print()}>
          打印
        </Button>
      </div>
      <div className="visit-print-sheet">
        {data.error && <Alert type="error" showIcon title={`读取走访清单失败：${data.error}`} />}
        {!d && !data.error && <Spin />}
        {d && (
          <>
            <h1>走访清单 · {d.campaign.name}</h1>
            <div className="meta">
              投递员：{d.targets[0]?.carrierName ?? d.carrier?.displayName ?? '—'}　活动时间：{periodText(d.campaign)}　渠道：
              {d.campaign.channels.map(channelLabel).join('、')}　共 {d.targets.length} 户　打印日期：{formatDate(new Date().toISOString())}
            </div>
            <div className="script">
              <strong>话术：</strong>
              {d.campaign.script ?? '（本活动未填写话术）'}
            </div>
            <table>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>姓名</th>
                  <th>电话</th>
                  <th>身份证号</th>
                  <th>地址</th>
                  <th>户类型</th>
                  <th>上次结果</th>
                  <th>跟进日期</th>
                  <th className="write-in">本次结果</th>
                </tr>
              </thead>
              <tbody>
                {byVillage(d.targets).map((g) => (
                  <Fragment key={g.village + g.rows[0]!.targetId}>
                    <tr className="village-row">
                      <td colSpan={9}>
                        {g.village}（{g.rows.length} 户）
                      </td>
                    </tr>
                    {g.rows.map((t) => (
                      <tr key={t.targetId}>
                        <td>{++n}</td>
                        <td>{t.name}</td>
                        <td>{t.phone ?? ''}</td>
                        <td>{t.idNumber ?? ''}</td>
                        <td>{t.address ?? ''}</td>
                        <td>{t.householdType ?? ''}</td>
                        <td>{outcomeLabel(t.lastOutcome)}</td>
                        <td>{t.followUpDate ?? ''}</td>
                        <td />
                      </tr>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
            {d.targets.length === 0 && <p>该投递员在本活动中没有走访对象。</p>}
            {d.refused > 0 && (
              <p className="meta" data-testid="visit-print-refused">
                另有 {d.refused} 户客户要求不上门，未列入本清单。
              </p>
            )}
            <p className="meta" style={{ marginTop: 8 }}>
              结果代码：{OUTCOME_LEGEND}
            </p>
          </>
        )}
      </div>
    </div>,
    document.body,
  );
}
