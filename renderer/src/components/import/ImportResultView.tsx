import { Button, Col, Result, Row, Space, Statistic } from 'antd';
import type { ImportResult } from '../../../../shared/domain';
import { api } from '../../api';
import { DownloadButton } from '../DownloadButton';
import { ImportProblemsTable } from './ImportTables';

interface Props {
  jobId: string;
  result: ImportResult;
  onAnother: () => void;
  onClose: () => void;
}

export function ImportResultView({ jobId, result: r, onAnother, onClose }: Props) {
  const problemRows = new Set(r.errors.map((e) => e.row)).size;
  return (
    <div data-testid="import-result">
      <Result
        status={problemRows ? 'warning' : 'success'}
        title={problemRows ? `导入完成，有 ${problemRows} 行未导入` : '导入完成'}
        subTitle="导入的客户已记入维护记录（操作：导入）"
        style={{ padding: '16px 0' }}
      />
      <Row gutter={16} style={{ maxWidth: 640, margin: '0 auto 16px' }}>
        <Col span={6}>
          <Statistic title="新增" value={r.inserted} styles={{ content: { color: '#0b7a3e' } }} />
        </Col>
        <Col span={6}>
          <Statistic title="更新" value={r.updated} />
        </Col>
        <Col span={6}>
          <Statistic title="跳过" value={r.skipped} />
        </Col>
        <Col span={6}>
          <Statistic title="问题" value={problemRows} styles={{ content: problemRows ? { color: '#cf1322' } : {} }} />
        </Col>
      </Row>
      {r.errors.length > 0 && <ImportProblemsTable problems={r.errors} more={false} />}
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }}>
        {r.errors.length > 0 && (
          <DownloadButton fetchFile={() => api['customers.importErrorReport']({ jobId })} failure="下载错误报告失败">
            下载错误报告
          </DownloadButton>
        )}
        <Button onClick={onAnother}>继续导入其他文件</Button>
        <Button type="primary" onClick={onClose}>
          完成
        </Button>
      </Space>
    </div>
  );
}
