import { App, Button, Popconfirm, Space, Steps } from 'antd';
import { useState } from 'react';
import { STAGE_ORDER, STAGES, type Stage } from '../../../../shared/campaign';
import type { Campaign } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

interface Props {
  campaign: Campaign;
  canMove: boolean;
  onChanged: (c: Campaign) => void;
}

/** Who moved the campaign into a stage and when: the latest entry for that stage in its history. */
function lastEntry(c: Campaign, stage: Stage) {
  for (let i = c.stageHistory.length - 1; i >= 0; i--) if (c.stageHistory[i]!.stage === stage) return c.stageHistory[i]!;
  return undefined;
}

/** 营销创意 → … → 评估优化, with who and when under each stage reached; forward one, or back one to correct a slip. */
export function StageSteps({ campaign, canMove, onChanged }: Props) {
  const [moving, setMoving] = useState(false);
  const { message } = App.useApp();
  const current = STAGE_ORDER.indexOf(campaign.stage);
  const next = STAGE_ORDER[current + 1];
  const prev = current > 0 ? STAGE_ORDER[current - 1] : undefined;

  const move = async (stage: Stage) => {
    setMoving(true);
    try {
      const c = await api['campaigns.moveStage']({ id: campaign.id, stage });
      message.success(`已进入“${STAGES[stage]}”阶段`);
      onChanged(c);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setMoving(false);
    }
  };

  const items = STAGE_ORDER.map((s, i) => {
    const e = i <= current ? lastEntry(campaign, s) : undefined;
    return {
      title: STAGES[s],
      content: e ? (
        <span style={{ fontSize: 12 }}>
          {e.by ?? '—'}
          <br />
          {formatDateTime(e.at)}
        </span>
      ) : null,
    };
  });

  return (
    <div>
      <Steps current={current} items={items} size="small" data-testid="stage-steps" />
      {canMove && (
        <Space style={{ marginTop: 16 }}>
          {next && (
            <Button type="primary" loading={moving} onClick={() => void move(next)}>
              进入下一阶段：{STAGES[next]}
            </Button>
          )}
          {prev && (
            <Popconfirm
              title={`退回“${STAGES[prev]}”阶段？`}
              description="只能退回上一阶段，用于纠正误操作"
              okText="退回"
              cancelText="取消"
              onConfirm={() => move(prev)}
            >
              <Button loading={moving}>退回上一阶段</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </div>
  );
}
