import { Alert, Descriptions, Tag, type DescriptionsProps } from 'antd';
import { CHANNELS } from '../../../../shared/campaign';
import type { Customer } from '../../../../shared/domain';
import { ageOn } from '../../../../shared/idNumber';
import { formatDate, SEX_LABELS } from '../../lib/format';

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** A role without full ID view gets the year of birth only (YYYY), so the age is the year's, give or take one. */
function birthText(birthDate: string | null): string {
  if (!birthDate) return '—';
  return birthDate.length === 4 ? `${birthDate} 年` : formatDate(birthDate);
}

function ageText(birthDate: string, today: Date): string {
  return birthDate.length === 4 ? `约 ${today.getFullYear() - Number(birthDate)} 岁` : `${ageOn(birthDate, today)} 岁`;
}

function consentText(c: Customer) {
  if (!c.consent) return <Tag>未授权</Tag>;
  const parts = [formatDate(c.consentAt), c.consentSource].filter(Boolean).join(' · ');
  return (
    <span>
      <Tag color="green">已授权</Tag>
      {parts}
    </span>
  );
}

/** Who the customer is: identity (with what the ID number tells), contact, village and marketing attributes. */
export function CustomerProfile({ customer: c }: { customer: Customer }) {
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: '类型', children: c.kind === 'org' ? '单位' : '个人' },
    { key: 'idNumber', label: '身份证号', children: dash(c.idNumber) },
    { key: 'birth', label: '出生日期', children: birthText(c.birthDate) },
    {
      key: 'sexAge',
      label: '性别 / 年龄',
      children: c.sex || c.birthDate ? `${c.sex ? SEX_LABELS[c.sex] : '—'} / ${c.birthDate ? ageText(c.birthDate, new Date()) : '—'}` : '—',
    },
    { key: 'region', label: '户籍地区', children: dash(c.region), span: 2 },
    {
      key: 'phone',
      label: '手机',
      children: c.phoneFlag ? (
        <span>
          {dash(c.phone)} <Tag color="red">{c.phoneFlag}</Tag>
        </span>
      ) : (
        dash(c.phone)
      ),
    },
    { key: 'landline', label: '座机', children: dash(c.landline) },
    { key: 'village', label: '行政村', children: dash(c.villageName) },
    { key: 'group', label: '自然村/组', children: dash(c.groupName) },
    {
      key: 'address',
      label: '地址',
      span: 2,
      children: c.addressFlag ? (
        <span>
          {dash(c.address)} <Tag color="red">{c.addressFlag}</Tag>
        </span>
      ) : (
        dash(c.address)
      ),
    },
    { key: 'household', label: '户类型', children: dash(c.householdType) },
    { key: 'income', label: '收入档次', children: dash(c.incomeBand) },
    { key: 'tags', label: '标签', span: 2, children: c.tags.length ? c.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—' },
    { key: 'consent', label: '营销授权', span: 2, children: consentText(c) },
    {
      key: 'noContact',
      label: '拒绝接触渠道',
      span: 2,
      children: c.noContact.length
        ? c.noContact.map((ch) => (
            <Tag key={ch} color="volcano">
              不接受{CHANNELS[ch]}
            </Tag>
          ))
        : '—',
    },
    { key: 'source', label: '来源', children: dash(c.source) },
    { key: 'influence', label: '影响力', children: dash(c.influence) },
    { key: 'referrer', label: '推荐人', children: dash(c.referrer) },
    { key: 'interests', label: '兴趣爱好', children: dash(c.interests) },
    { key: 'notes', label: '备注', span: 2, children: dash(c.notes) },
  ];
  return (
    <>
      {c.regionWarning && <Alert type="warning" showIcon title={c.regionWarning} style={{ marginBottom: 12 }} data-testid="region-warning" />}
      <Descriptions size="small" bordered column={2} items={items} />
    </>
  );
}
