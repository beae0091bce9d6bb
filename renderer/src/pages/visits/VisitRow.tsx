import { CheckCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { Input, Tag } from 'antd';
import { memo } from 'react';
import { OUTCOMES } from '../../../../shared/campaign';
import type { OpenTarget } from '../../../../shared/domain';
import { outcomeLabel } from '../../components/campaign/labels';
import type { DraftField, VisitDraft } from './visitDraft';

interface Props {
  target: OpenTarget;
  index: number;
  draft: VisitDraft | undefined;
  showCampaign: boolean;
  onField: (targetId: string, field: DraftField, value: string) => void;
}

const OUTCOME_COLORS: Record<string, string> = {
  success: 'green',
  interested: 'blue',
  refused: 'red',
  not_home: 'default',
  wrong_number: 'orange',
  moved: 'orange',
};

/**
 * One target: the row itself takes the outcome keys (1–6) and Enter; the inputs take amounts (for 成功),
 * a follow-up date and a note. A saved row shows ✓ and stays where it was, read-only.
 */
export const VisitRow = memo(function VisitRow({ target: t, index, draft: d, showCampaign, onField }: Props) {
  const saved = d?.status === 'saved';
  const success = d?.outcome === 'success';
  const field = (name: DraftField, placeholder: string, width: number, enabled = true) => (
    <Input
      size="small"
      data-field={name}
      style={{ width }}
      placeholder={placeholder}
      value={d?.[name] ?? ''}
      disabled={saved || !enabled}
      status={d?.errorField === name ? 'error' : undefined}
      onChange={(e) => onField(t.targetId, name, e.target.value)}
      aria-label={`${t.name}的${placeholder}`}
    />
  );
  const cls = ['visit-row', saved ? 'is-saved' : '', d?.status === 'error' ? 'has-error' : ''].join(' ');
  return (
    <>
      <tr className={cls} tabIndex={0} data-target-id={t.targetId} aria-label={`${index + 1} ${t.name}`}>
        <td className="col-state">
          {saved ? (
            <CheckCircleFilled style={{ color: '#0b7a3e', fontSize: 18 }} aria-label="已保存" />
          ) : d?.status === 'saving' ? (
            <LoadingOutlined />
          ) : (
            index + 1
          )}
        </td>
        <td>
          <div className="name">{t.name}</div>
          <div className="sub">{t.phone ?? '无电话'}</div>
        </td>
        <td className="col-village">
          <div>{t.villageName ?? '未分村'}</div>
          <div className="sub">{t.address ?? ''}</div>
        </td>
        <td className="col-type">
          <div>{t.householdType ?? ''}</div>
          <div className="sub">{t.lastOutcome ? `上次：${outcomeLabel(t.lastOutcome)}` : ''}</div>
        </td>
        {showCampaign && <td className="sub col-campaign">{t.campaignName}</td>}
        <td className="col-outcome">
          {d?.outcome ? (
            <Tag color={OUTCOME_COLORS[d.outcome]} data-testid="row-outcome">
              {OUTCOMES[d.outcome].key} {OUTCOMES[d.outcome].label}
            </Tag>
          ) : (
            <span className="sub">按 1–6</span>
          )}
        </td>
        <td>{field('turnover', success ? '流转额（元）' : '—', 100, success)}</td>
        <td>{field('revenue', success ? '收入（元）' : '—', 90, success)}</td>
        <td>{field('followUpDate', '跟进日期', 110)}</td>
        <td>{field('note', '备注', 150)}</td>
      </tr>
      {(d?.status === 'error' || d?.duplicate) && (
        <tr className="visit-row-message">
          <td />
          <td colSpan={showCampaign ? 9 : 8} className={d.status === 'error' ? 'error' : 'sub'} role={d.status === 'error' ? 'alert' : undefined}>
            {d.status === 'error' ? d.error : '此前已保存过这条走访，未重复记录'}
          </td>
        </tr>
      )}
    </>
  );
});
