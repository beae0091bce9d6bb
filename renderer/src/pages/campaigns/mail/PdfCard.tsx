import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, InputNumber, Progress, Radio, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ENVELOPES, LABEL_GRID_DEFAULT, LABEL_GRID_LIMITS, PDF_KINDS, type EnvelopeSize, type PdfKind } from '../../../../../shared/letter';
import { api } from '../../../api';
import type { MergeCheck } from '../../../../../shared/letter';
import { EmptyFieldsAlert } from './LetterPreview';
import { BRANCH_SETTINGS_EVENT } from './PostalCodesModal';
import { TEMPLATES_EVENT } from './TemplateEditor';
import { usePdfJob } from './usePdfJob';

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * 打印文件: merged letters, envelopes (DL or C5, with the branch as sender) or A4 label sheets for the print
 * centre, as one PDF in mailing-list order. New pieces get their 流水号 first, as with the mailing list.
 */
export function PdfCard({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const [kind, setKind] = useState<PdfKind>('letters');
  const [envelope, setEnvelope] = useState<EnvelopeSize>('DL');
  const [cols, setCols] = useState<number>(LABEL_GRID_DEFAULT.cols);
  const [rows, setRows] = useState<number>(LABEL_GRID_DEFAULT.rows);
  const [sender, setSender] = useState('');
  const [branch, setBranch] = useState<{ name: string; postalCode: string | null } | null>(null);
  const { status, result, error, start, cancel } = usePdfJob();
  // Letters only: which merge fields the saved templates would print empty, said before 生成 PDF is pressed.
  const [check, setCheck] = useState<MergeCheck | null>(null);
  const loadCheck = useCallback(() => {
    api['letters.mergeCheck']({ campaignId }).then(setCheck, () => setCheck(null));
  }, [campaignId]);
  useEffect(() => {
    if (kind !== 'letters') return;
    loadCheck();
    window.addEventListener(TEMPLATES_EVENT, loadCheck);
    return () => window.removeEventListener(TEMPLATES_EVENT, loadCheck);
  }, [kind, loadCheck]);

  const loadDefaults = useCallback(() => {
    api['letters.pdfDefaults']({}).then(
      (d) => {
        setSender((old) => old || d.sender);
        setBranch({ name: d.branchName, postalCode: d.branchPostalCode });
      },
      // Without the defaults the clerk simply types the address.
      () => undefined,
    );
  }, []);
  useEffect(loadDefaults, [loadDefaults]);
  useEffect(() => {
    window.addEventListener(BRANCH_SETTINGS_EVENT, loadDefaults);
    return () => window.removeEventListener(BRANCH_SETTINGS_EVENT, loadDefaults);
  }, [loadDefaults]);

  const generate = async () => {
    await start({ campaignId, kind, envelope, cols, rows, ...(kind === 'envelopes' ? { sender: sender.trim() } : {}) });
    onDone();
  };

  const running = status !== null;
  const percent = status && status.total > 0 ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <Card size="small" title="打印文件（PDF）" data-testid="mail-pdf-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented<PdfKind>
          value={kind}
          onChange={setKind}
          disabled={running}
          options={(Object.keys(PDF_KINDS) as PdfKind[]).map((k) => ({ value: k, label: PDF_KINDS[k] }))}
          data-testid="mail-pdf-kind"
        />
        {kind === 'letters' && (
          <Typography.Text type="secondary">每户一页 A4，按上面的商函模板合并；各方案用自己的模板，没有的用“全部目标”的模板。</Typography.Text>
        )}
        {kind === 'letters' && !running && !result && check && check.emptyFields.length > 0 && (
          <EmptyFieldsAlert fields={check.emptyFields} letters={check.letters} testId="mail-pdf-empty-before" />
        )}
        {kind === 'envelopes' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group value={envelope} onChange={(e) => setEnvelope(e.target.value as EnvelopeSize)} disabled={running}>
              {(Object.keys(ENVELOPES) as EnvelopeSize[]).map((k) => (
                <Radio key={k} value={k}>
                  {ENVELOPES[k].label}
                </Radio>
              ))}
            </Radio.Group>
            <Space wrap>
              <Typography.Text>寄件人地址：</Typography.Text>
              <Input
                style={{ width: 320 }}
                maxLength={60}
                value={sender}
                onChange={(e) => setSender(e.target.value)}
                placeholder="如：陵城区府前街1号"
                disabled={running}
                aria-label="寄件人地址"
              />
            </Space>
            <Typography.Text type="secondary">
              寄件人印为“{branch?.name || '本网点'}”{branch?.postalCode ? `，邮政编码 ${branch.postalCode}` : ''}；地址下次自动带出。
            </Typography.Text>
            {branch && !branch.postalCode && (
              <Alert
                type="warning"
                showIcon
                data-testid="mail-pdf-no-postal"
                title="还没有网点邮编：信封上寄件人的“邮政编码”会是空的"
                description={
                  <>
                    管理员可在<Typography.Link href="#/settings">“设置 → 网点与本机”</Typography.Link>或邮寄清单的“设置邮政编码”中填写。
                  </>
                }
              />
            )}
          </Space>
        )}
        {kind === 'labels' && (
          <Space wrap>
            <Typography.Text>每张 A4：</Typography.Text>
            <InputNumber<number>
              min={LABEL_GRID_LIMITS.cols.min}
              max={LABEL_GRID_LIMITS.cols.max}
              precision={0}
              value={cols}
              onChange={(v) => setCols(v ?? LABEL_GRID_DEFAULT.cols)}
              suffix="列"
              disabled={running}
              aria-label="标签列数"
            />
            <Typography.Text>×</Typography.Text>
            <InputNumber<number>
              min={LABEL_GRID_LIMITS.rows.min}
              max={LABEL_GRID_LIMITS.rows.max}
              precision={0}
              value={rows}
              onChange={(v) => setRows(v ?? LABEL_GRID_DEFAULT.rows)}
              suffix="行"
              disabled={running}
              aria-label="标签行数"
            />
            <Typography.Text type="secondary">（每页 {cols * rows} 张）</Typography.Text>
          </Space>
        )}
        <Space>
          <Button type="primary" icon={<FilePdfOutlined />} loading={running} onClick={() => void generate()} data-testid="mail-pdf-start">
            生成 PDF
          </Button>
          {running && (
            <Button onClick={cancel} data-testid="mail-pdf-cancel">
              取消
            </Button>
          )}
        </Space>
        {status && (
          <div data-testid="mail-pdf-progress">
            <Progress percent={percent} size="small" status="active" />
            <Typography.Text type="secondary">
              {status.phase}
              {status.total > 0 &&
                (status.phase === '下载文件' ? ` ${formatBytes(status.done)} / ${formatBytes(status.total)}` : ` ${status.done} / ${status.total}`)}
            </Typography.Text>
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="mail-pdf-error" />}
        {result && (
          <Alert
            type="success"
            showIcon
            data-testid="mail-pdf-result"
            title={`已生成“${result.fileName}”：${result.pieces} 件，${result.pages} 页，${formatBytes(result.bytes)}`}
            description={
              result.excluded > 0
                ? `另有 ${result.excluded} 户未列入（地址或邮编问题、客户要求不寄商函），明细见邮寄清单的“未列入”表；补全地址后重新生成即可。`
                : undefined
            }
          />
        )}
        {result && result.emptyFields.length > 0 && <EmptyFieldsAlert fields={result.emptyFields} letters={result.pieces} testId="mail-pdf-empty-fields" />}
        {result && result.missingChars.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="mail-pdf-missing"
            title={`字体中没有这些字，打印出来是空白，请在信封或信函上手工补写：${result.missingChars.join(' ')}`}
          />
        )}
      </Space>
    </Card>
  );
}
