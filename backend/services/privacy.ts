/**
 * Personal-information requests (个人信息保护): a customer's access request gets everything held about them;
 * a deletion request erases the personal fields for good (the row stays, empty, so history and sync still
 * add up, and the erasure travels to the hub like any edit).
 */
import { CHANNELS } from '../../shared/campaign';
import { ERASURE_REASON } from '../../shared/syncProtocol';
import { AppError } from '../../shared/errors';
import type { Reader, Writer } from '../db/handles';
import { writeWorkbook } from '../excel/writeTable';
import { audit } from '../auth/audit';
import type { CallContext } from './context';
import { customerHistory, getCustomer, recordMaintenance } from './customers';

export function accessWorkbook(r: Reader, id: string): { buffer: Buffer; name: string } {
  const c = getCustomer(r, id);
  const fields: [string, unknown][] = [
    ['客户编号', c.id],
    ['姓名', c.name],
    ['类型', c.kind === 'org' ? '单位' : '个人'],
    ['身份证号', c.idNumber],
    ['出生日期', c.birthDate],
    ['性别', c.sex === 'M' ? '男' : c.sex === 'F' ? '女' : null],
    ['手机', c.phone],
    ['座机', c.landline],
    ['行政村', c.villageName],
    ['自然村/组', c.groupName],
    ['地址', c.address],
    ['户类型', c.householdType],
    ['标签', c.tags.join('、')],
    ['收入档次', c.incomeBand],
    ['影响力', c.influence],
    ['推荐人', c.referrer],
    ['兴趣爱好', c.interests],
    ['营销授权', c.consent ? '是' : '否'],
    ['授权来源', c.consentSource],
    ['拒绝接触渠道', c.noContact.map((ch) => CHANNELS[ch]).join('、')],
    ['来源', c.source],
    ['备注', c.notes],
    ['建档时间', c.createdAt],
    ['最近维护', c.maintainedAt],
    ['被筛选次数', c.selectionCount],
  ];
  const consents = r.all<{ at: string; consent: number; source: string | null; by_user: string | null }>(
    'SELECT at, consent, source, by_user FROM consent_events WHERE customer_id = ? ORDER BY at',
    [id],
  );
  // Imported records carry their first consent on the record itself rather than as an event.
  if (consents.length === 0 && c.consentAt) consents.push({ at: c.consentAt, consent: c.consent ? 1 : 0, source: c.consentSource, by_user: c.createdBy });
  const buffer = writeWorkbook([
    { name: '基本信息', headers: ['项目', '内容'], rows: fields.map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]), widths: [14, 40] },
    { name: '用邮信息', headers: ['业务', '产品', '首次', '最近', '来源'], rows: c.usage.map((u) => [u.line, u.product, u.firstDate, u.lastDate, u.source]) },
    { name: '维护记录', headers: ['时间', '操作人', '操作', '字段'], rows: customerHistory(r, id).map((e) => [e.at, e.by, e.action, e.fields.join('、')]) },
    { name: '授权记录', headers: ['时间', '授权', '来源', '操作人'], rows: consents.map((x) => [x.at, x.consent ? '同意' : '撤回', x.source, x.by_user]) },
  ]);
  return { buffer, name: c.name };
}

const ERASED_COLUMNS = [
  'id_number',
  'birth_date',
  'sex',
  'phone',
  'landline',
  'group_name',
  'address',
  'household_type',
  'income_band',
  'influence',
  'referrer',
  'interests',
  'notes',
  'consent_source',
  'phone_flag',
  'address_flag',
];

export function eraseCustomer(w: Writer, ctx: CallContext, id: string, reason: string): { id: string } {
  const exists = w.value('SELECT 1 FROM customers WHERE id = ?', [id]);
  if (!exists) throw new AppError('NOT_FOUND', '该客户不存在');
  const at = ctx.now.toISOString();
  w.run(
    `UPDATE customers SET name = '（已删除）', tags = '[]', consent = 0, ${ERASED_COLUMNS.map((c) => `${c} = NULL`).join(', ')},
       deleted_at = COALESCE(deleted_at, ?), delete_reason = ?, updated_at = ? WHERE id = ?`,
    [at, ERASURE_REASON, at, id],
  );
  w.run('DELETE FROM usage_facts WHERE customer_id = ?', [id]);
  // The extract rows a clerk matched to this person carry the same personal data.
  w.run(
    "UPDATE usage_queue SET name = '（已删除）', id_number = NULL, phone = NULL, village_text = NULL, address = NULL, person_key = NULL WHERE customer_id = ?",
    [id],
  );
  recordMaintenance(w, ctx, id, 'erase', ERASED_COLUMNS);
  // The reason is kept; nothing personal goes into the audit entry.
  audit(w, ctx, 'customer.erase', 'customer', [id], { reason });
  return { id };
}
