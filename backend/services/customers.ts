import type { Customer, CustomerPage, CustomerRow, MaintenanceEvent, UsageFact } from '../../shared/domain';
import { CHANNELS } from '../../shared/campaign';
import { AppError } from '../../shared/errors';
import { isMaskedIdNumber, maskIdNumber } from '../../shared/idNumber';
import { parseNoContact } from '../../shared/schemas';
import { customerColumns, customerFieldsOfRow, type CustomerFields, type CustomerPatch, type Stored } from '../../shared/customerFields';
import type { Reader, Writer } from '../db/handles';
import { where } from '../db/where';
import type { CallContext } from './context';
import { audit } from '../auth/audit';
import { recomputeGrades } from './grades';
import { newId } from './ids';
import type { CustomerSearchIndex } from './searchIndex';
import { scopeCondition, scopeIds, type CustomerScope } from './customerScope';
import { nextCustomerCode } from './customerCodes';
import { assertRestorable } from './recycleBin';

/** A customers row with its village's name; the field columns are read through shared/customerFields.ts. */
interface CustomerDbRow {
  [column: string]: unknown;
  id: string;
  code: string | null;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  village_name: string | null;
  consent_at: string | null;
  grade: number;
  phone_flag: string | null;
  address_flag: string | null;
  verified_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  maintained_at: string | null;
  maintained_by: string | null;
  selection_count: number;
  last_selected_at: string | null;
  deleted_at: string | null;
}

const SELECT_FULL = `SELECT c.*, v.name AS village_name FROM customers c LEFT JOIN villages v ON v.id = c.village_id`;

interface UsageDbRow {
  id: string;
  line: string;
  product: string | null;
  first_date: string | null;
  last_date: string | null;
  amount_band: string | null;
  source: string;
}

function usageOf(r: Reader, customerId: string): UsageFact[] {
  return r
    .all<UsageDbRow>('SELECT id, line, product, first_date, last_date, amount_band, source FROM usage_facts WHERE customer_id = ? ORDER BY last_date DESC', [
      customerId,
    ])
    .map((u) => ({ id: u.id, line: u.line, product: u.product, firstDate: u.first_date, lastDate: u.last_date, amountBand: u.amount_band, source: u.source }));
}

function toCustomer(r: CustomerDbRow, usage: UsageFact[]): Customer {
  const fields = customerFieldsOfRow(r);
  return {
    ...fields,
    noContact: fields.noContact ?? [],
    id: r.id,
    code: r.code,
    birthDate: r.birth_date,
    sex: r.sex,
    villageName: r.village_name,
    consentAt: r.consent_at,
    grade: Number(r.grade) as Customer['grade'],
    phoneFlag: r.phone_flag,
    addressFlag: r.address_flag,
    verifiedAt: r.verified_at,
    usage,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    maintainedAt: r.maintained_at,
    maintainedBy: r.maintained_by,
    selectionCount: Number(r.selection_count),
    lastSelectedAt: r.last_selected_at,
    region: null,
    regionWarning: null,
  };
}

export function getCustomer(r: Reader, id: string, includeDeleted = false): Customer {
  const row = r.get<CustomerDbRow>(`${SELECT_FULL} WHERE c.id = ?`, [id]);
  if (!row || (row.deleted_at && !includeDeleted)) throw new AppError('NOT_FOUND', '该客户不存在或已被删除');
  return toCustomer(row, usageOf(r, id));
}

/** The columns and mapping of a customer list row (customers c LEFT JOIN villages v), for every list of customers. */
export const LIST_COLUMNS = `c.id, c.code, c.name, c.phone, c.id_number, v.name AS village_name, c.address, c.household_type, c.grade, c.updated_at`;

export interface ListDbRow {
  id: string;
  code: string | null;
  name: string;
  phone: string | null;
  id_number: string | null;
  village_name: string | null;
  address: string | null;
  household_type: string | null;
  grade: number;
  updated_at: string;
}

export const toRow = (r: ListDbRow): CustomerRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  phone: r.phone,
  idNumber: r.id_number,
  villageName: r.village_name,
  address: r.address,
  householdType: r.household_type,
  grade: Number(r.grade) as CustomerRow['grade'],
  updatedAt: r.updated_at,
});

export function listCustomers(
  r: Reader,
  index: CustomerSearchIndex,
  input: { query?: string | undefined; villageId?: string | undefined; grade?: number | undefined; offset: number; limit: number },
  scope: CustomerScope,
): CustomerPage {
  const from = `FROM customers c LEFT JOIN villages v ON v.id = c.village_id`;
  const query = input.query?.trim();
  if (query) {
    const { ids: page, total } = index
      .ensure(r)
      .searchPage(query, input.villageId, input.grade, { idFragments: scope.idFragments, within: scopeIds(r, scope) }, input.offset, input.limit);
    if (page.length === 0) return { rows: [], total };
    const rows = r.all<ListDbRow>(`SELECT ${LIST_COLUMNS} ${from} WHERE c.id IN (${page.map(() => '?').join(',')})`, page);
    const byId = new Map(rows.map((x) => [x.id, x]));
    return { rows: page.flatMap((id) => (byId.has(id) ? [toRow(byId.get(id)!)] : [])), total };
  }
  const { sql: whereSql, params } = where('c.deleted_at IS NULL').eq('c.village_id', input.villageId).eq('c.grade', input.grade).part(scopeCondition(scope));
  const total = Number(r.value(`SELECT COUNT(*) FROM customers c ${whereSql}`, params) ?? 0);
  const rows = r.all<ListDbRow>(`SELECT ${LIST_COLUMNS} ${from} ${whereSql} ORDER BY c.updated_at DESC, c.id LIMIT ? OFFSET ?`, [
    ...params,
    input.limit,
    input.offset,
  ]);
  return { rows: rows.map(toRow), total };
}

/**
 * Column values from validated fields (birth date and sex come from the ID number); a field left out of an edit
 * (or noContact not sent) is left out, so its stored value stays (shared/customerFields.ts).
 */
export function columnsOf(f: Partial<CustomerFields>): Record<string, Stored> {
  return customerColumns(f);
}

function assertReferences(r: Reader, f: CustomerPatch, exceptId: string | null): void {
  if (f.villageId && !r.value('SELECT 1 FROM villages WHERE id = ? AND deleted_at IS NULL', [f.villageId])) {
    throw new AppError('VALIDATION', '所选行政村不存在，请重新选择', [{ field: 'villageId', message: '行政村不存在' }]);
  }
  if (f.idNumber) {
    const other = r.get<{ name: string }>('SELECT name FROM customers WHERE id_number = ? AND deleted_at IS NULL AND id IS NOT ?', [f.idNumber, exceptId]);
    if (other) {
      throw new AppError('CONFLICT', `身份证号已登记在客户“${other.name}”名下，请勿重复建档`, [{ field: 'idNumber', message: '身份证号重复' }]);
    }
  }
}

export function recordMaintenance(w: Writer, ctx: CallContext, customerId: string, action: string, fields: string[]): void {
  recordMaintenanceOfMany(w, ctx, [customerId], action, fields);
}

/**
 * The same maintenance event for many customers in one statement (an import's new rows): the ids travel as one
 * JSON array instead of six values bound per row, which was a fifth of a 100,000-row import's commit.
 */
export function recordMaintenanceOfMany(w: Writer, ctx: CallContext, customerIds: readonly string[], action: string, fields: string[]): void {
  if (customerIds.length === 0) return;
  w.run('INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) SELECT value ->> 0, value ->> 1, ?, ?, ?, ? FROM json_each(?)', [
    ctx.now.toISOString(),
    ctx.actor,
    action,
    JSON.stringify(fields),
    JSON.stringify(customerIds.map((c) => [newId(), c])),
  ]);
}

/** Consent history (个人信息保护): every grant or withdrawal with its date and source. */
export function recordConsent(w: Writer, ctx: CallContext, customerId: string, consent: boolean, source: string): void {
  w.run('INSERT INTO consent_events (id, customer_id, at, by_user, consent, source) VALUES (?, ?, ?, ?, ?, ?)', [
    newId(),
    customerId,
    ctx.now.toISOString(),
    ctx.actor,
    consent ? 1 : 0,
    source,
  ]);
}

export function createCustomer(w: Writer, ctx: CallContext, f: CustomerFields): Customer {
  if (f.idNumber && isMaskedIdNumber(f.idNumber)) {
    throw new AppError('VALIDATION', '请输入完整的身份证号', [{ field: 'idNumber', message: '请输入完整的身份证号' }]);
  }
  assertReferences(w, f, null);
  const id = newId();
  const at = ctx.now.toISOString();
  const cols = {
    ...columnsOf(f),
    id,
    code: nextCustomerCode(w),
    consent_at: f.consent ? at : null,
    created_at: at,
    created_by: ctx.actor,
    updated_at: at,
    maintained_at: at,
    maintained_by: ctx.actor,
  };
  const names = Object.keys(cols);
  w.run(`INSERT INTO customers (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, Object.values(cols));
  recordMaintenance(w, ctx, id, 'create', Object.keys(columnsOf(f)));
  recordConsent(w, ctx, id, f.consent, f.consentSource ?? '建档');
  audit(w, ctx, 'customer.create', 'customer', [id], { name: f.name });
  recomputeGrades(w, ctx.now, id);
  return getCustomer(w, id);
}

/** Changes the fields sent and only those: a field left out of `input` keeps its stored value. */
export function updateCustomer(w: Writer, ctx: CallContext, id: string, input: CustomerPatch): Customer {
  const before = w.get<Record<string, unknown>>('SELECT * FROM customers WHERE id = ? AND deleted_at IS NULL', [id]);
  if (!before) throw new AppError('NOT_FOUND', '该客户不存在或已被删除');
  let f = input;
  if (f.idNumber && isMaskedIdNumber(f.idNumber)) {
    const stored = before['id_number'] as string | null;
    if (!stored || maskIdNumber(stored) !== f.idNumber) {
      throw new AppError('VALIDATION', '身份证号已打码且与原号码不符，请输入完整号码', [{ field: 'idNumber', message: '请输入完整的身份证号' }]);
    }
    f = { ...f, idNumber: stored };
  }
  assertReferences(w, f, id);
  const cols = columnsOf(f);
  const changed = Object.entries(cols)
    .filter(([k, v]) => before[k] !== v)
    .map(([k]) => k);
  if (changed.length === 0) return getCustomer(w, id);
  const at = ctx.now.toISOString();
  const extra: Record<string, string | null> = { updated_at: at, maintained_at: at, maintained_by: ctx.actor };
  if (changed.includes('consent')) extra['consent_at'] = at;
  // A corrected number is no longer the one a carrier found wrong; likewise an edited address.
  if (changed.includes('phone')) extra['phone_flag'] = null;
  if (changed.some((k) => k === 'address' || k === 'village_id' || k === 'group_name')) extra['address_flag'] = null;
  const sets = [...changed, ...Object.keys(extra)].map((k) => `${k} = ?`);
  w.run(`UPDATE customers SET ${sets.join(', ')} WHERE id = ?`, [...changed.map((k) => cols[k as keyof typeof cols] ?? null), ...Object.values(extra), id]);
  recordMaintenance(w, ctx, id, 'edit', changed);
  if (changed.includes('consent')) {
    const source = f.consentSource === undefined ? (before['consent_source'] as string | null) : f.consentSource;
    recordConsent(w, ctx, id, f.consent === true, source ?? '修改');
  }
  // Villages by name as well as id, so the audit trail reads without a lookup.
  const villageName = (v: unknown) => (v ? (w.value<string>('SELECT name FROM villages WHERE id = ?', [v as string]) ?? v) : null);
  const shown = (k: string, v: unknown) => (k === 'village_id' ? villageName(v) : k === 'no_contact' ? channelNames(v as string) : (v ?? null));
  audit(w, ctx, 'customer.edit', 'customer', [id], {
    old: Object.fromEntries(changed.map((k) => [k, shown(k, before[k])])),
    new: Object.fromEntries(changed.map((k) => [k, shown(k, cols[k as keyof typeof cols])])),
  });
  recomputeGrades(w, ctx.now, id);
  return getCustomer(w, id);
}

/** 商函、短信 for the audit trail rather than a JSON array of codes. */
function channelNames(json: string): string {
  return (
    parseNoContact(json)
      .map((c) => CHANNELS[c])
      .join('、') || '无'
  );
}

/** Soft delete: the row stays (for undo, history and sync) but leaves every list, into 已删除 with who and why. */
export function deleteCustomer(w: Writer, ctx: CallContext, id: string, reason?: string): { id: string } {
  const at = ctx.now.toISOString();
  const n = w.run('UPDATE customers SET deleted_at = ?, deleted_by = ?, delete_reason = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [
    at,
    ctx.actor,
    reason || null,
    at,
    id,
  ]);
  if (n === 0) throw new AppError('NOT_FOUND', '该客户不存在或已被删除');
  recordMaintenance(w, ctx, id, 'delete', reason ? [reason] : []);
  audit(w, ctx, 'customer.delete', 'customer', [id], reason ? { reason } : undefined);
  return { id };
}

export function restoreCustomer(w: Writer, ctx: CallContext, id: string): Customer {
  const c = getCustomer(w, id, true);
  assertRestorable(w, id, ctx.now);
  if (c.idNumber) assertReferences(w, { idNumber: c.idNumber }, id);
  const at = ctx.now.toISOString();
  w.run('UPDATE customers SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL, updated_at = ? WHERE id = ?', [at, id]);
  recordMaintenance(w, ctx, id, 'restore', []);
  audit(w, ctx, 'customer.restore', 'customer', [id]);
  return getCustomer(w, id);
}

export function customerHistory(r: Reader, id: string): MaintenanceEvent[] {
  return r
    .all<{ id: string; at: string; by_user: string | null; action: string; fields: string }>(
      'SELECT id, at, by_user, action, fields FROM maintenance_events WHERE customer_id = ? ORDER BY at DESC',
      [id],
    )
    .map((e) => ({ id: e.id, at: e.at, by: e.by_user, action: e.action, fields: JSON.parse(e.fields) as string[] }));
}
