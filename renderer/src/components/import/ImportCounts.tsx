import { Col, Row, Statistic } from 'antd';
import type { ImportPreview } from '../../../../shared/domain';

/** The six numbers a clerk checks before committing. */
export function ImportCounts({ p }: { p: ImportPreview }) {
  const items: { key: string; title: string; value: number; color?: string }[] = [
    { key: 'data', title: '数据行', value: p.dataRows },
    { key: 'valid', title: '可导入', value: p.validRows, color: '#0b7a3e' },
    { key: 'new', title: '新增', value: p.newRows },
    { key: 'dup', title: '与现有客户重复', value: p.duplicateRows, ...(p.duplicateRows ? { color: '#d46b08' } : {}) },
    { key: 'fileDup', title: '文件内重复', value: p.fileDuplicateRows, ...(p.fileDuplicateRows ? { color: '#d46b08' } : {}) },
    { key: 'problem', title: '有问题的行', value: p.problemRows, ...(p.problemRows ? { color: '#cf1322' } : {}) },
  ];
  return (
    <Row gutter={16} data-testid="import-counts">
      {items.map((i) => (
        <Col span={4} key={i.key}>
          <Statistic title={i.title} value={i.value} styles={{ content: i.color ? { color: i.color } : {} }} />
        </Col>
      ))}
    </Row>
  );
}
