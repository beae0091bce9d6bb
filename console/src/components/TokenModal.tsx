import { Alert, Modal, Typography } from 'antd';
import type { IssuedToken } from '../../../shared/hubConsole';

/** A branch token is shown this once: the hub keeps only its hash. */
export function TokenModal({ issued, onClose }: { issued: IssuedToken | null; onClose: () => void }) {
  return (
    <Modal
      open={issued !== null}
      title={`网点令牌：${issued?.name ?? ''}`}
      onOk={onClose}
      onCancel={onClose}
      okText="我已妥善保存"
      cancelButtonProps={{ style: { display: 'none' } }}
      width={560}
      mask={{ closable: false }}
    >
      <Alert
        type="warning"
        showIcon
        title="令牌只显示这一次"
        description="关闭后无法再查看。请复制后当面或以加密方式交给网点，由网点在 设置 → 市局同步 中填写；不要通过微信、短信明文发送。丢失或泄露时，在本页“重新发放令牌”，旧令牌随即失效。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Text type="secondary">网点令牌（点右侧图标复制）：</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: issued?.token ?? '', tooltips: ['复制令牌', '已复制'] }}
        code
        style={{ wordBreak: 'break-all', fontSize: 15, marginTop: 6 }}
        data-testid="issued-token"
      >
        {issued?.token}
      </Typography.Paragraph>
    </Modal>
  );
}
