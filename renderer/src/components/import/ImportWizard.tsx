import { Alert, Modal, Spin, Steps } from 'antd';
import type { ImportResult } from '../../../../shared/domain';
import { ImportFilePicker } from './ImportFilePicker';
import { ImportPreviewView } from './ImportPreviewView';
import { ImportProgressView } from './ImportProgressView';
import { ImportResultView } from './ImportResultView';
import { useImportJob } from './useImportJob';

interface Props {
  open: boolean;
  onClose: () => void;
  /** Customers were written: the list behind the wizard should reload. */
  onImported: (r: ImportResult) => void;
}

/** Rendered only while open, so every opening starts from a clean state. */
function WizardBody({ onClose, onImported }: Omit<Props, 'open'>) {
  const job = useImportJob(onImported);
  const step = job.result ? 2 : job.preview ? 1 : 0;
  let body;
  if (job.result && job.preview) {
    body = <ImportResultView jobId={job.preview.jobId} result={job.result} onAnother={job.reset} onClose={onClose} />;
  } else if (job.preview) {
    // Re-checking with a corrected mapping: the old preview stays in view, dimmed, under the progress.
    body = (
      <>
        {job.status && <ImportProgressView fileName={job.file?.name} status={job.status} onCancel={job.cancel} compact />}
        <Spin spinning={job.status !== null}>
          <ImportPreviewView preview={job.preview} job={job} />
        </Spin>
      </>
    );
  } else if (job.status) {
    body = <ImportProgressView fileName={job.file?.name} status={job.status} onCancel={job.cancel} />;
  } else {
    body = <ImportFilePicker onPick={job.start} onError={job.fail} />;
  }
  return (
    <>
      <Steps size="small" current={step} items={[{ title: '选择文件' }, { title: '检查与列对应' }, { title: '导入结果' }]} style={{ marginBottom: 20 }} />
      {job.error && <Alert type="error" showIcon title={job.error} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {body}
    </>
  );
}

/** 导入客户: choose a file → check it (progress, cancellable) → correct the column mapping → commit → result. */
export function ImportWizard({ open, onClose, onImported }: Props) {
  return (
    <Modal
      title="导入客户"
      open={open}
      onCancel={onClose}
      footer={null}
      width={1080}
      destroyOnHidden
      mask={{ closable: false }}
      styles={{ body: { maxHeight: 'calc(100vh - 180px)', overflowY: 'auto', overflowX: 'hidden' } }}
      centered
    >
      {open && <WizardBody onClose={onClose} onImported={onImported} />}
    </Modal>
  );
}
