import { Alert, App, Button, DatePicker, Result, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { UsageImportResult } from '../../../../shared/usage';
import { api } from '../../api';
import { ImportFilePicker } from '../../components/import/ImportFilePicker';
import { ImportProgressView } from '../../components/import/ImportProgressView';
import { goToSubPath } from '../../lib/hooks';
import { useLoader } from '../../lib/useLoader';
import { UsageImportPreview } from './UsageImportPreview';
import { USAGE_SECTION } from './route';
import { useUsageImport, type ExtractMapping } from './useUsageImport';

const loadLines = () => api['usage.lines']({});
const AUTO = '';

function ImportDone({ r, onAgain }: { r: UsageImportResult; onAgain: () => void }) {
  const waiting = r.queued + r.unmatched;
  return (
    <Result
      status="success"
      title={`导入完成：自动匹配 ${r.matched} 行，新增用邮信息 ${r.facts} 条${r.factsUpdated ? `，更新 ${r.factsUpdated} 条` : ''}`}
      subTitle={waiting ? `${r.queued} 行有候选客户、${r.unmatched} 行没有候选，已放入“勾挑核对”等待核对` : '没有需要核对的行'}
      data-testid="usage-import-result"
      extra={[
        waiting > 0 && (
          <Button type="primary" key="queue" onClick={() => goToSubPath(USAGE_SECTION, 'queue')}>
            去核对（{waiting} 行）
          </Button>
        ),
        <Button key="again" onClick={onAgain}>
          再导入一个文件
        </Button>,
      ]}
    />
  );
}

/**
 * 导入提取数据: a quarterly extract of one business line. The line comes from the choice here, or else from a
 * column, the file name or the title; nothing is written until 确认导入.
 */
export function UsageImportTab() {
  const lines = useLoader(loadLines);
  const [line, setLine] = useState<string>(AUTO);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const { message } = App.useApp();
  // Said at once as well as on the page below: the clerk who clicked 确认导入 and looked away still hears it.
  const job = useUsageImport(
    (r) => void message.success(`导入成功：自动匹配 ${r.matched} 行，新增用邮信息 ${r.facts} 条，待核对 ${r.queued + r.unmatched} 行`),
  );
  const options = (mapping?: ExtractMapping) => ({ line: line || undefined, asOf, mapping });
  const busy = job.status !== null;

  if (job.result) return <ImportDone r={job.result} onAgain={job.reset} />;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>业务类别</span>
        <Select
          value={line}
          onChange={setLine}
          style={{ width: 200 }}
          data-testid="usage-line"
          options={[{ value: AUTO, label: '自动识别（按文件名或列）' }, ...(lines.data ?? []).map((l) => ({ value: l.name, label: l.name }))]}
        />
        <span>数据日期</span>
        <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)} placeholder="今天" />
        {job.file && !busy && (
          <Button onClick={() => job.restart(options(job.preview?.mapping))} data-testid="usage-recheck">
            按所选类别和日期重新检查
          </Button>
        )}
        {job.file && (
          <Button onClick={job.reset} disabled={job.committing}>
            重新选择文件
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">
        省公司每季度下发的储蓄、保险、代收费、机票、包裹、特快等业务客户清单。按身份证号、手机号 + 姓名、姓名 +
        村内地址自动匹配客户；把握不大的和找不到的行进入“勾挑核对”。同一文件重复导入不会重复记录。
      </Typography.Paragraph>
      {job.error && <Alert type="error" showIcon title={job.error} style={{ marginBottom: 12 }} data-testid="usage-import-error" />}
      {!job.file && <ImportFilePicker onPick={(f) => job.start(f, options())} onError={job.fail} />}
      {job.status && <ImportProgressView fileName={job.file?.name} status={job.status} onCancel={job.cancel} />}
      {job.preview && !busy && (
        <>
          <UsageImportPreview p={job.preview} busy={busy || job.committing} onRemap={(m) => job.restart(options(m))} />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => void job.commit()} loading={job.committing} disabled={job.preview.dataRows === 0}>
              确认导入
            </Button>
          </Space>
        </>
      )}
    </div>
  );
}
