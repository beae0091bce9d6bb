import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Typography, type InputRef } from 'antd';
import { useRef, useState } from 'react';
import { VILLAGE_KIND_LABELS, type VillageKind } from '../../../../shared/domain';
import { SelfMadeTag } from '../SelfMadeTag';

export interface ExtraVillage {
  name: string;
  townCode: string | null;
  kind: VillageKind;
}

interface Props {
  towns: { code: string; name: string }[];
  /** Names already taken by the official villages kept (a hand-made one must not repeat them in its town). */
  takenNames: (townCode: string | null) => string[];
  value: ExtraVillage[];
  onChange: (v: ExtraVillage[]) => void;
}

const KIND_OPTIONS = (Object.keys(VILLAGE_KIND_LABELS) as VillageKind[]).map((k) => ({ value: k, label: VILLAGE_KIND_LABELS[k] }));

/** Villages the official list lacks (natural villages, new estates, city units): no code, tagged 自建. */
export function ExtraVillages({ towns, takenNames, value, onChange }: Props) {
  const [name, setName] = useState('');
  const [town, setTown] = useState<string>(towns[0]?.code ?? ''); // '' = no town
  const townCode = town || null;
  const [kind, setKind] = useState<VillageKind>('village');
  const [problem, setProblem] = useState<string | null>(null);
  const nameRef = useRef<InputRef>(null);

  const add = () => {
    const n = name.trim();
    if (!n) return setProblem('请填写名称');
    if (n.length > 50) return setProblem('名称不能超过 50 个字');
    const same = (x: string) => x === n;
    if (value.some((v) => same(v.name) && v.townCode === townCode) || takenNames(townCode).some(same)) {
      return setProblem(`“${n}”已在列表中`);
    }
    onChange([...value, { name: n, townCode, kind }]);
    setName('');
    setProblem(null);
    nameRef.current?.focus();
  };

  const townName = (code: string | null) => towns.find((t) => t.code === code)?.name ?? '未指定乡镇';

  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={nameRef}
          aria-label="自建村名称"
          placeholder="名称，如 张庄（自然村）、幸福里小区"
          value={name}
          maxLength={50}
          status={problem ? 'error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(null);
          }}
          onPressEnter={add}
        />
        <Select<string>
          aria-label="所属乡镇"
          value={town}
          onChange={setTown}
          style={{ width: 180 }}
          options={[...towns.map((t) => ({ value: t.code, label: t.name })), { value: '', label: '未指定乡镇' }]}
        />
        <Select<VillageKind> aria-label="类型" value={kind} onChange={setKind} style={{ width: 120 }} options={KIND_OPTIONS} />
        <Button icon={<PlusOutlined />} onClick={add}>
          添加
        </Button>
      </Space.Compact>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      {value.length > 0 && (
        <div data-testid="extra-villages" style={{ marginTop: 12, border: '1px solid #f0f0f0', borderRadius: 6 }}>
          {value.map((v, i) => (
            <div
              key={`${v.townCode}-${v.name}`}
              style={{
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'space-between',
                padding: '6px 12px',
                borderTop: i ? '1px solid #f0f0f0' : undefined,
              }}
            >
              <Space>
                {v.name}
                <SelfMadeTag />
                <Typography.Text type="secondary">
                  {townName(v.townCode)} · {VILLAGE_KIND_LABELS[v.kind]}
                </Typography.Text>
              </Space>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                移除
              </Button>
            </div>
          ))}
        </div>
      )}
    </>
  );
}
