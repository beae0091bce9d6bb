import { Alert, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { toHalfWidth } from '../../../../../shared/idNumber';
import type { PostalCodes, TownPostalCode } from '../../../../../shared/mail';
import { api } from '../../../api';
import { useSession } from '../../../lib/session';
import { useLoader } from '../../../lib/useLoader';
import { useAction } from './useAction';

const loadCodes = () => api['mail.postalCodes']({});
/** Fired on window when the branch's postal code changed here. */
export const BRANCH_SETTINGS_EVENT = 'pbdb:branch-settings';

/** One editable code: saved on Enter or with the button; an empty village code means "inherit the town's". */
function CodeInput({
  value,
  placeholder,
  busy,
  onSave,
  label = '邮政编码',
}: {
  value: string | null;
  placeholder: string;
  busy: boolean;
  onSave: (v: string) => void;
  label?: string;
}) {
  const [text, setText] = useState(value ?? '');
  return (
    <Space.Compact>
      <Input
        style={{ width: 110 }}
        value={text}
        maxLength={6}
        placeholder={placeholder}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onSave(text.trim())}
        aria-label={label}
      />
      <Button loading={busy} onClick={() => onSave(text.trim())} disabled={text.trim() === (value ?? '')}>
        保存
      </Button>
    </Space.Compact>
  );
}

/** 邮政编码: set once per town (its villages inherit it), and per village where a village has its own. */
export function PostalCodesModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const codes = useLoader(useCallback(loadCodes, []));
  const { busy, run } = useAction();
  const saved = async (text: string) => {
    await codes.reload();
    return text;
  };
  const setTown = (t: TownPostalCode, code: string) =>
    run(`town:${t.townCode}`, () =>
      api['mail.setTownPostalCode']({ townCode: t.townCode, postalCode: code }).then((r) => saved(`已设置${t.townName ?? ''}邮编，${r.villages} 个村沿用`)),
    );
  const setVillage = (id: string, code: string) =>
    run(`village:${id}`, () =>
      api['mail.setVillagePostalCode']({ villageId: id, postalCode: code || null }).then(() => saved(code ? '已保存' : '已改为沿用乡镇邮编')),
    );
  const data: PostalCodes | null = codes.data;
  const isAdmin = useSession().user.role === 'admin';
  const setBranch = (code: string) =>
    run('branch', () => {
      const c = toHalfWidth(code).trim();
      if (c && !/^\d{6}$/.test(c)) return Promise.reject(new Error('邮政编码应为 6 位数字'));
      return api['settings.update']({ postalCode: c || null }).then(() => {
        // The 打印文件 card shows the sender's code: it reads it again.
        window.dispatchEvent(new Event(BRANCH_SETTINGS_EVENT));
        return saved(c ? `网点邮编已设为 ${c}` : '已清除网点邮编');
      });
    });

  return (
    <Modal open={open} onCancel={onClose} footer={null} title="邮政编码" width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        每个乡镇设一次，所属行政村自动沿用；个别村邮编不同时单独填写，清空即恢复沿用。乡镇和村都没有邮编时用网点邮编。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }} data-testid="branch-postal-code">
        <Typography.Text strong>网点邮编：</Typography.Text>
        {isAdmin && data ? (
          <>
            <CodeInput
              key={data.branchPostalCode ?? ''}
              value={data.branchPostalCode}
              placeholder="6 位数字"
              busy={busy === 'branch'}
              onSave={(c) => void setBranch(c)}
              label="网点邮编"
            />
            <Typography.Text type="secondary">信封上寄件人的邮编；也可在“设置 → 网点与本机”中修改</Typography.Text>
          </>
        ) : (
          <>
            <Typography.Text>{data?.branchPostalCode ?? '未设置'}</Typography.Text>
            {data && !data.branchPostalCode && (
              <Typography.Text type="warning">
                请管理员在<Typography.Link href="#/settings">“设置 → 网点与本机”</Typography.Link>中填写，否则信封上寄件人的邮编是空的
              </Typography.Text>
            )}
          </>
        )}
      </Space>
      {data && !data.branchPostalCode && isAdmin && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="还没有网点邮编：信封上寄件人的邮编会是空的，请在上面填写" />
      )}
      <Table<TownPostalCode>
        size="small"
        rowKey="townCode"
        loading={codes.loading}
        dataSource={data?.towns ?? []}
        pagination={false}
        scroll={{ y: 480 }}
        expandable={{
          expandedRowRender: (t) => (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={t.villages}
              columns={[
                { title: '行政村/单元', dataIndex: 'name' },
                {
                  title: '',
                  width: 90,
                  render: (_: unknown, v) => (!v.postalCode ? <Tag color="red">缺少</Tag> : v.inherited ? <Tag>沿用</Tag> : <Tag color="blue">单独设置</Tag>),
                },
                {
                  title: '邮政编码',
                  width: 220,
                  render: (_: unknown, v) => (
                    <CodeInput
                      value={v.inherited ? null : v.postalCode}
                      placeholder={v.postalCode ?? '6 位数字'}
                      busy={busy === `village:${v.id}`}
                      onSave={(c) => void setVillage(v.id, c)}
                    />
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: '乡镇/街道', render: (_: unknown, t) => t.townName ?? t.townCode },
          { title: '村数', width: 70, render: (_: unknown, t) => t.villages.length },
          {
            title: '乡镇邮编',
            width: 220,
            render: (_: unknown, t) =>
              t.townCode ? (
                <CodeInput value={t.postalCode} placeholder="6 位数字" busy={busy === `town:${t.townCode}`} onSave={(c) => void setTown(t, c)} />
              ) : (
                <Typography.Text type="secondary">按村设置</Typography.Text>
              ),
          },
        ]}
      />
    </Modal>
  );
}
