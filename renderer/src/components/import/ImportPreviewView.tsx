import { Alert, Button, Descriptions, Radio, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { ImportPreview } from '../../../../shared/domain';
import { ImportCounts } from './ImportCounts';
import { ImportProblemsTable, ImportSampleTable } from './ImportTables';
import { MappingEditor } from './MappingEditor';
import { sameMapping, type ImportJob, type OnDuplicate } from './useImportJob';

function Block({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <div style={{ marginTop: 20 }}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      {children}
    </div>
  );
}

/** Everything the clerk checks before anything is written: where the data was found, the mapping, counts, problems. */
export function ImportPreviewView({ preview: p, job }: { preview: ImportPreview; job: ImportJob }) {
  const [onDuplicate, setOnDuplicate] = useState<OnDuplicate>('skip');
  // After a failed re-check the editor shows a mapping the preview does not reflect: no committing then.
  const stale = !sameMapping(job.mapping, p.mapping);
  return (
    <div data-testid="import-preview">
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'file', label: '文件', children: p.fileName },
          { key: 'sheet', label: '工作表', children: p.sheetName },
          { key: 'header', label: '表头', children: `第 ${p.headerRow} 行` },
          ...(p.totalsRows ? [{ key: 'totals', label: '合计行', children: `${p.totalsRows} 行（已跳过，不是客户）` }] : []),
        ]}
        style={{ marginBottom: 12 }}
      />
      <ImportCounts p={p} />
      <Block title="列对应" extra={<Typography.Text type="secondary">改动后会立即按新的对应重新检查</Typography.Text>}>
        <MappingEditor
          headers={p.headers}
          fieldLabels={p.fieldLabels}
          value={job.mapping}
          disabled={job.committing || job.status !== null}
          onChange={job.remap}
        />
      </Block>
      <Block title={`有问题的行（${p.problemRows}）`} extra={<Typography.Text type="secondary">这些行不会导入</Typography.Text>}>
        <ImportProblemsTable problems={p.problems} more={p.problems.length < p.problemRows} />
      </Block>
      {p.warningRows > 0 && (
        <Block
          title={`照常导入、但有提示的行（${p.warningRows}）`}
          extra={<Typography.Text type="secondary">这些行会导入，提示的内容按空白处理</Typography.Text>}
        >
          <ImportProblemsTable problems={p.warnings} more={p.warnings.length < p.warningRows} testId="import-warnings" />
        </Block>
      )}
      <Block title="数据样例" extra={<Typography.Text type="secondary">前 {p.sample.length} 行可导入的数据</Typography.Text>}>
        <ImportSampleTable sample={p.sample} />
      </Block>
      {stale && !job.status && <Alert type="warning" showIcon title="列对应已改动但尚未检查通过，请更正后再导入" style={{ marginTop: 16 }} />}
      {/* Stays in view at the bottom of the scrolling dialog, however long the lists above. */}
      <div
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 3,
          background: '#fff',
          marginTop: 20,
          padding: '12px 0',
          borderTop: '1px solid #f0f0f0',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <Space>
          <span>与现有客户重复时：</span>
          <Radio.Group value={onDuplicate} onChange={(e) => setOnDuplicate(e.target.value as OnDuplicate)} disabled={job.committing}>
            <Radio value="update">更新（用文件中非空的内容覆盖）</Radio>
            <Radio value="skip">跳过</Radio>
          </Radio.Group>
        </Space>
        <Space>
          <Button onClick={job.reset} disabled={job.committing}>
            重新选择文件
          </Button>
          <Button
            type="primary"
            loading={job.committing}
            disabled={stale || p.validRows === 0 || job.status !== null}
            onClick={() => void job.commit(onDuplicate)}
          >
            确认导入{p.validRows ? ` ${p.validRows} 行` : ''}
          </Button>
        </Space>
      </div>
    </div>
  );
}
