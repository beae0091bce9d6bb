import { Col, Row, Statistic } from 'antd';
import type { CSSProperties } from 'react';
import type { ImportPreview } from '../../../../shared/domain';

/** The six numbers a clerk checks before committing. */
export function ImportCounts({ p }: { p: ImportPreview }) {
  const items: CountItem[] = [
    { key: 'data', title: '数据行', value: p.dataRows },
    { key: 'valid', title: '可导入', value: p.validRows, color: '#0b7a3e' },
    { key: 'new', title: '新增', value: p.newRows },
    { key: 'dup', title: '与现有客户重复', value: p.duplicateRows, ...(p.duplicateRows ? { color: '#d46b08' } : {}) },
    { key: 'fileDup', title: '文件内重复', value: p.fileDuplicateRows, ...(p.fileDuplicateRows ? { color: '#d46b08' } : {}) },
    { key: 'problem', title: '有问题的行', value: p.problemRows, ...(p.problemRows ? { color: '#cf1322' } : {}) },
  ];
  return <CountsRow items={items} testId="import-counts" />;
}

export interface CountItem {
  key: string;
  title: string;
  value: number;
  color?: string;
}

/** The numbers of an import's preview in one row (customers and usage extracts alike); a color marks what needs a look. */
export function CountsRow({ items, testId, style }: { items: CountItem[]; testId: string; style?: CSSProperties }) {
  return (
    <Row gutter={16} data-testid={testId} {...(style ? { style } : {})}>
      {items.map((i) => (
        <Col span={4} key={i.key}>
          <Statistic title={i.title} value={i.value} styles={{ content: i.color ? { color: i.color } : {} }} />
        </Col>
      ))}
    </Row>
  );
}
