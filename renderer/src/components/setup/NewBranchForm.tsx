import { Alert, App, Button, Descriptions, Space, Spin, Steps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { DivisionHit } from '../../../../shared/domain';
import { api } from '../../api';
import { errorText } from '../../lib/errors';
import { goToSection } from '../../lib/hooks';
import { useSingleFlight } from '../../lib/useSingleFlight';
import { BranchInfoStep, type BranchInfo } from './BranchInfoStep';
import { ExtraVillages, type ExtraVillage } from './ExtraVillages';
import { TownChecklist, type Town } from './TownChecklist';
import { VillageChecklist } from './VillageChecklist';

interface Props {
  onBack: () => void;
  onDone: () => void;
}

/** 新建网点: name and county → towns/streets → their villages (pre-ticked) → villages added by hand → 完成. */
export function NewBranchForm({ onBack, onDone }: Props) {
  const [step, setStep] = useState(0);
  const [info, setInfo] = useState<Partial<BranchInfo>>({});
  const [towns, setTowns] = useState<Town[]>([]);
  const [townCodes, setTownCodes] = useState<string[]>([]);
  const [villages, setVillages] = useState<DivisionHit[]>([]);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [extras, setExtras] = useState<ExtraVillage[]>([]);
  const { busy, run: once } = useSingleFlight();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();

  const chosenTowns = useMemo(() => towns.filter((t) => townCodes.includes(t.code)), [towns, townCodes]);
  const ticked = useMemo(() => villages.filter((v) => townCodes.includes(v.townCode) && !unticked.has(v.code)), [villages, townCodes, unticked]);

  /** Runs a load or save with a spinner, one at a time; a failure stays on this step with its reason. */
  const run = (work: () => Promise<void>) =>
    once(async () => {
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(errorText(e));
      }
    });

  const toTowns = (next: BranchInfo) =>
    run(async () => {
      if (next.county.code !== info.county?.code) {
        setTowns(await api['divisions.towns']({ countyCode: next.county.code }));
        setTownCodes([]);
        setVillages([]);
        setUnticked(new Set());
        setExtras([]);
      }
      setInfo(next);
      setStep(1);
    });

  const toVillages = () =>
    run(async () => {
      if (townCodes.length === 0) throw new Error('请至少选择一个乡镇/街道');
      setVillages(await api['divisions.villages']({ townCodes }));
      setStep(2);
    });

  const finish = () =>
    run(async () => {
      const { branchName, postalCode, county } = info as BranchInfo;
      const r = await api['setup.createBranch']({
        branchName,
        postalCode: postalCode || null,
        countyCode: county.code,
        townCodes,
        villageCodes: ticked.map((v) => v.code),
        extraVillages: extras.map((x) => ({ name: x.name, townCode: x.townCode, kind: x.kind })),
      });
      message.success(`网点已建立：${r.villages} 个村/社区/单元`);
      goToSection('villages');
      onDone();
    });

  const nav = (next: () => void, label: string, disabled = false) => (
    <Space style={{ marginTop: 16 }}>
      <Button onClick={() => setStep(step - 1)}>上一步</Button>
      <Button type="primary" onClick={next} disabled={disabled} loading={busy}>
        {label}
      </Button>
    </Space>
  );

  return (
    <Spin spinning={busy}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: '网点与区县' }, { title: '乡镇/街道' }, { title: '村/社区' }, { title: '补充与完成' }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {step === 0 && <BranchInfoStep initial={info} onBack={onBack} onNext={(v) => void toTowns(v)} />}
      {step === 1 && (
        <>
          <Typography.Paragraph type="secondary">勾选本网点服务的乡镇/街道（{info.county?.fullName}）。</Typography.Paragraph>
          <TownChecklist towns={towns} value={townCodes} onChange={setTownCodes} />
          {nav(() => void toVillages(), '下一步：确认村/社区', townCodes.length === 0)}
        </>
      )}
      {step === 2 && (
        <>
          <Typography.Paragraph type="secondary">
            已按统计用区划全部勾选，请取消本网点不服务的村/社区。已选 <b data-testid="village-ticked">{ticked.length}</b> 个。
          </Typography.Paragraph>
          <div style={{ maxHeight: 440, overflow: 'auto', paddingRight: 4 }}>
            <VillageChecklist towns={chosenTowns} villages={villages} unticked={unticked} onChange={setUnticked} />
          </div>
          {nav(() => setStep(3), '下一步：补充村/单元')}
        </>
      )}
      {step === 3 && (
        <>
          <Typography.Paragraph type="secondary">
            区划名单里没有的自然村、新建小区、城市单元，可以在这里补充（没有区划代码，标为“自建”）；以后也可以在“行政村/城市单元”中添加。
          </Typography.Paragraph>
          <ExtraVillages
            towns={chosenTowns}
            takenNames={(t) => ticked.filter((v) => v.townCode === t).map((v) => v.name)}
            value={extras}
            onChange={setExtras}
          />
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginTop: 20 }}
            items={[
              { key: 'name', label: '网点名称', children: info.branchName },
              { key: 'postal', label: '邮政编码', children: info.postalCode || '—' },
              { key: 'county', label: '区县', children: `${info.county?.fullName ?? ''}（${info.county?.code ?? ''}）` },
              { key: 'towns', label: '乡镇/街道', children: chosenTowns.map((t) => t.name).join('、') },
              { key: 'villages', label: '村/社区', children: `官方区划 ${ticked.length} 个，自建 ${extras.length} 个` },
            ]}
          />
          {nav(() => void finish(), '完成')}
        </>
      )}
    </Spin>
  );
}
