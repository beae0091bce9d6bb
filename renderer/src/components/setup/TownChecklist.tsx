import { Checkbox, Col, Empty, Row, Typography } from 'antd';

export interface Town {
  code: string;
  name: string;
  villages: number;
}

interface Props {
  towns: Town[];
  value: string[];
  onChange: (codes: string[]) => void;
}

/** The towns and streets (乡镇/街道) of the county, each with how many villages it has. */
export function TownChecklist({ towns, value, onChange }: Props) {
  if (towns.length === 0) return <Empty description="这个区县没有乡镇/街道数据" />;
  const chosen = new Set(value);
  const all = towns.length > 0 && towns.every((t) => chosen.has(t.code));
  const villages = towns.filter((t) => chosen.has(t.code)).reduce((n, t) => n + t.villages, 0);
  return (
    <>
      <div style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Checkbox checked={all} indeterminate={!all && chosen.size > 0} onChange={(e) => onChange(e.target.checked ? towns.map((t) => t.code) : [])}>
          全选
        </Checkbox>
        <Typography.Text type="secondary" data-testid="town-summary">
          已选 {chosen.size} 个乡镇/街道，共 {villages} 个村/社区
        </Typography.Text>
      </div>
      <Checkbox.Group value={value} onChange={(codes) => onChange(towns.map((t) => t.code).filter((c) => codes.includes(c)))} style={{ width: '100%' }}>
        <Row gutter={[8, 8]}>
          {towns.map((t) => (
            <Col span={6} key={t.code}>
              <Checkbox value={t.code}>
                {t.name}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                  {t.villages} 个村
                </Typography.Text>
              </Checkbox>
            </Col>
          ))}
        </Row>
      </Checkbox.Group>
    </>
  );
}
