import { Card, Checkbox, Col, Row, Typography } from 'antd';
import type { DivisionHit } from '../../../../shared/domain';

interface Props {
  towns: { code: string; name: string }[];
  villages: DivisionHit[];
  /** Codes the clerk unticked; everything else of the chosen towns is taken. */
  unticked: ReadonlySet<string>;
  onChange: (unticked: Set<string>) => void;
}

/** The villages of the chosen towns, all ticked; the clerk unticks the ones the branch does not serve. */
export function VillageChecklist({ towns, villages, unticked, onChange }: Props) {
  const set = (codes: string[], ticked: boolean) => {
    const next = new Set(unticked);
    for (const c of codes) {
      if (ticked) next.delete(c);
      else next.add(c);
    }
    onChange(next);
  };

  return (
    <>
      {towns.map((town) => {
        const own = villages.filter((v) => v.townCode === town.code);
        const ticked = own.filter((v) => !unticked.has(v.code)).length;
        return (
          <Card
            key={town.code}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`town-${town.code}`}
            title={
              <Checkbox
                checked={ticked === own.length && own.length > 0}
                indeterminate={ticked > 0 && ticked < own.length}
                onChange={(e) =>
                  set(
                    own.map((v) => v.code),
                    e.target.checked,
                  )
                }
              >
                {town.name}
              </Checkbox>
            }
            extra={
              <Typography.Text type="secondary">
                已选 {ticked} / {own.length}
              </Typography.Text>
            }
          >
            <Row gutter={[8, 6]}>
              {own.map((v) => (
                <Col span={8} key={v.code}>
                  <Checkbox checked={!unticked.has(v.code)} onChange={(e) => set([v.code], e.target.checked)}>
                    <span title={v.code}>{v.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                      {v.code.slice(9)}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Card>
        );
      })}
    </>
  );
}
