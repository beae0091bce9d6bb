import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { REPORT_NAMES, REPORT_TITLES, type ReportName } from '../../../../shared/domain';
import { useReportExport, type ExportRange } from './useReportExport';

/** 导出 Excel: any set of reports into one workbook, one sheet per table, with progress and a way to stop. */
export function ExportPanel({ range }: { range: ExportRange }) {
  const [names, setNames] = useState<ReportName[]>([...REPORT_NAMES]);
  const exp = useReportExport();
  const s = exp.status;
  return (
    <Card size="small" title="导出 Excel 工作簿" data-testid="report-export">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Checkbox.Group<ReportName>
          value={names}
          onChange={setNames}
          options={REPORT_NAMES.map((n) => ({ value: n, label: REPORT_TITLES[n] }))}
          disabled={s !== null}
        />
        <Space wrap>
          <Button
            type="primary"
            icon={<FileExcelOutlined />}
            loading={s !== null}
            onClick={() => void exp.start(names, range)}
            data-testid="report-export-start"
          >
            导出工作簿
          </Button>
          {s && (
            <Button onClick={exp.cancel} data-testid="report-export-cancel">
              取消
            </Button>
          )}
          <Typography.Text type="secondary">每张表一个工作表，含网点、日期范围和生成时间；金额、比率按数字保存</Typography.Text>
        </Space>
        {s && (
          <div data-testid="report-export-progress">
            <Progress percent={s.total ? Math.round((s.done / s.total) * 100) : 0} size="small" status="active" />
            <Typography.Text type="secondary">{s.phase}</Typography.Text>
          </div>
        )}
        {exp.error && <Alert type="error" showIcon title={exp.error} data-testid="report-export-error" />}
      </Space>
    </Card>
  );
}
