import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import type { CustomerPage, CustomerRow } from '../../../../shared/domain';
import type { Library } from '../../../../shared/usage';
import { api } from '../../api';
import { GradeTag } from '../../components/GradeTag';
import { errorText } from '../../lib/errors';
import { useCan } from '../../lib/session';
import { useLoader } from '../../lib/useLoader';
import { LibraryFormModal } from './LibraryFormModal';

const loadLibraries = () => api['usage.libraries']({});
const PAGE = 50;

export function ruleText(l: Library): string {
  if (l.kind === 'line') return `有“${l.line}”用邮信息`;
  const parts = [`标签“${l.tag}”`];
  if (l.householdTypes.length) parts.push(`户类型 ${l.householdTypes.join('/')}`);
  if (l.ageMin !== null || l.ageMax !== null) parts.push(`年龄 ${l.ageMin ?? 0}–${l.ageMax ?? '∞'} 岁`);
  return parts.join('，');
}

const memberColumns: ColumnsType<CustomerRow> = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '电话', dataIndex: 'phone', width: 125 },
  { title: '行政村', dataIndex: 'villageName', width: 110 },
  { title: '地址', dataIndex: 'address', ellipsis: true },
  { title: '等级', dataIndex: 'grade', width: 70, render: (g: CustomerRow['grade']) => <GradeTag grade={g} /> },
];

function Members({ library, onClose }: { library: Library | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CustomerPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = library?.id;
  useEffect(() => setPage(1), [id]);
  useEffect(() => {
    if (!id) return;
    let live = true;
    setData(null);
    api['usage.libraryMembers']({ id, offset: (page - 1) * PAGE, limit: PAGE }).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id, page]);
  return (
    <Drawer open={library !== null} title={library ? `${library.name}（${library.count} 户）` : ''} size={720} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<CustomerRow>
        rowKey="id"
        size="small"
        columns={memberColumns}
        dataSource={data?.rows ?? []}
        loading={!data && !error}
        pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
      />
    </Drawer>
  );
}

/**
 * 专业库 (one per business line: customers with its usage) and 个性化名址库 (special groups by tag). Each is a rule,
 * so its count is always current; the branch adds its own groups.
 */
export function LibrariesTab() {
  const libs = useLoader(loadLibraries);
  const canEdit = useCan('usage.librarySave');
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Library | 'new' | null>(null);
  const [viewing, setViewing] = useState<Library | null>(null);
  const [rows, setRows] = useState<Library[] | null>(null);
  const all = rows ?? libs.data ?? [];

  const remove = async (l: Library) => {
    try {
      setRows(await api['usage.libraryDelete']({ id: l.id }));
      message.success(`已删除客户库“${l.name}”`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: ColumnsType<Library> = [
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      render: (k: Library['kind']) => (k === 'line' ? <Tag color="blue">专业库</Tag> : <Tag color="purple">名址库</Tag>),
    },
    { title: '名称', dataIndex: 'name', width: 140 },
    { title: '规则', key: 'rule', render: (_, l) => ruleText(l) },
    { title: '户数', dataIndex: 'count', width: 90, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, l) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(l)}>
            查看客户
          </Button>
          {canEdit && l.kind === 'group' && (
            <Button type="link" size="small" onClick={() => setEditing(l)}>
              修改
            </Button>
          )}
          {canEdit && !l.builtin && (
            <Popconfirm
              title={`删除客户库“${l.name}”？`}
              description="只删除这个库的定义，客户不受影响"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(l)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新建名址库
          </Button>
        )}
        <Button icon={<ReloadOutlined />} onClick={() => (setRows(null), void libs.reload())}>
          刷新
        </Button>
        <Typography.Text type="secondary">户数随客户档案和用邮信息实时变化；营销活动选客时可按同样的条件筛选</Typography.Text>
      </Space>
      {libs.error && <Alert type="error" showIcon title={`读取客户库失败：${libs.error}`} style={{ marginBottom: 12 }} />}
      <Table<Library>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={all}
        loading={libs.loading && !libs.data}
        pagination={false}
        data-testid="libraries"
      />
      <LibraryFormModal
        open={editing !== null}
        library={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(l) => (setRows(l), setEditing(null))}
      />
      <Members library={viewing} onClose={() => setViewing(null)} />
    </div>
  );
}
