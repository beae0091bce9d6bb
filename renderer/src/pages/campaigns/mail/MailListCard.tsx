import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { MailExclusion } from '../../../../../shared/mail';
import { api } from '../../../api';
import { downloadFile } from '../../../lib/download';
import { PostalCodesModal } from './PostalCodesModal';
import { useAction } from './useAction';

/** 邮寄清单: the workbook for the print and mail centre, and who was left out and why, to fix before printing. */
export function MailListCard({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const { busy, run } = useAction();
  const [excluded, setExcluded] = useState<MailExclusion[] | null>(null);
  const [codesOpen, setCodesOpen] = useState(false);

  const download = () =>
    run('list', async () => {
      const res = await api['mail.list']({ campaignId });
      downloadFile(res);
      setExcluded(res.excluded);
      onDone();
      return `邮寄清单 ${res.pieces} 件${res.newPieces ? `（新编流水号 ${res.newPieces} 件）` : ''}`;
    });

  return (
    <Card size="small" title="商函邮寄清单">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">按邮政编码、村、地址排序，附按邮编合计；流水号一经编定不再改变，退信时按流水号登记。</Typography.Text>
        <Space>
          <Button type="primary" icon={<DownloadOutlined />} loading={busy === 'list'} onClick={() => void download()} data-testid="mail-list-download">
            下载邮寄清单
          </Button>
          <Button onClick={() => setCodesOpen(true)}>设置邮政编码</Button>
        </Space>
        {excluded && excluded.length > 0 && (
          <>
            <Alert type="warning" showIcon title={`${excluded.length} 户地址或邮编有问题，未列入清单；补全后重新下载即可`} />
            <Table<MailExclusion>
              size="small"
              rowKey="customerId"
              dataSource={excluded}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 140 },
                { title: '地址', dataIndex: 'address' },
                { title: '邮政编码', dataIndex: 'postalCode', width: 100 },
                { title: '原因', dataIndex: 'reason', width: 240 },
              ]}
            />
          </>
        )}
      </Space>
      <PostalCodesModal open={codesOpen} onClose={() => setCodesOpen(false)} />
    </Card>
  );
}
