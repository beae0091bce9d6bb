/**
 * A clerk's decision on a queue entry (勾挑核对). Picking a customer or creating one from the row is
 * maintenance — someone checked the record — so it adds the usage fact, fills the customer's empty fields
 * from the row (completing the record is the point of the check), stamps maintained_at and lifts the grade;
 * the decision is audited. Other waiting entries of the same person (same ID number, or name + mobile) are
 * resolved with it, so a saver with four accounts is checked once.
 */
import type { QueueDecision } from '../../shared/usage';
import { AppError } from '../../shared/errors';
import { parseIdNumber } from '../../shared/idNumber';
import { customerFields } from '../../shared/customerFields';
import type { Writer } from '../db/handles';
import { audit } from '../auth/audit';
import type { CallContext } from '../services/context';
import { createCustomer, recordMaintenance } from '../services/customers';
import { recomputeGrades } from '../services/grades';
import { newId } from '../services/ids';
import { applyFact, findFact } from './facts';
import { getEntry, type QueueDbRow } from './queue';

export const checkSource = (fileName: string) => `勾挑核对：${fileName}`;

function pendingEntry(w: Writer, id: string): QueueDbRow {
  const e = getEntry(w, id);
  if (e.status !== 'pending') throw new AppError('CONFLICT', `该记录已处理（${e.resolved_by ?? ''} ${e.resolved_at?.slice(0, 10) ?? ''}），请刷新列表`);
  return e;
}

/** The entry and every other waiting entry of the same person. */
function groupOf(w: Writer, e: QueueDbRow): QueueDbRow[] {
  if (!e.person_key) return [e];
  const others = w.all<QueueDbRow>("SELECT * FROM usage_queue WHERE person_key = ? AND status = 'pending' AND id <> ?", [e.person_key, e.id]);
  return [e, ...others];
}

function addFacts(w: Writer, ctx: CallContext, customerId: string, entries: QueueDbRow[]): number {
  let added = 0;
  for (const q of entries) {
    const f = { customerId, line: q.line, product: q.product, firstDate: q.first_date, lastDate: q.last_date, amountBand: q.amount_band };
    const res = applyFact(w, findFact(w, customerId, q.line, q.product), f, {
      source: checkSource(q.file_name),
      importId: q.import_id,
      at: ctx.now.toISOString(),
    });
    if (res === 'added') added++;
  }
  return added;
}

/** Empty fields of the customer that the row can fill; an ID number another customer holds is left alone. */
function fillEmpty(w: Writer, customerId: string, e: QueueDbRow): Record<string, string> {
  const c = w.get<{ id_number: string | null; phone: string | null; landline: string | null; village_id: string | null; address: string | null }>(
    'SELECT id_number, phone, landline, village_id, address FROM customers WHERE id = ?',
    [customerId],
  )!;
  const set: Record<string, string> = {};
  if (!c.id_number && e.id_number && !w.value('SELECT 1 FROM customers WHERE id_number = ? AND deleted_at IS NULL', [e.id_number])) {
    const p = parseIdNumber(e.id_number);
    if (p.ok) Object.assign(set, { id_number: p.value, birth_date: p.birthDate, sex: p.sex });
  }
  if (e.phone) {
    if (/^1\d{10}$/.test(e.phone) && !c.phone) set['phone'] = e.phone;
    else if (e.phone.startsWith('0') && !c.landline) set['landline'] = e.phone;
  }
  if (!c.village_id && e.village_id) set['village_id'] = e.village_id;
  if (!c.address && e.address) set['address'] = e.address;
  return set;
}

function resolve(
  w: Writer,
  ctx: CallContext,
  entries: QueueDbRow[],
  status: 'picked' | 'created' | 'discarded',
  customerId: string | null,
  reason: string | null,
): string {
  const decisionId = newId();
  const at = ctx.now.toISOString();
  for (const q of entries) {
    w.run('UPDATE usage_queue SET status = ?, customer_id = ?, reason = ?, decision_id = ?, resolved_at = ?, resolved_by = ? WHERE id = ?', [
      status,
      customerId,
      reason,
      decisionId,
      at,
      ctx.actor,
      q.id,
    ]);
  }
  return decisionId;
}

export function pickCustomer(w: Writer, ctx: CallContext, id: string, customerId: string): QueueDecision {
  const e = pendingEntry(w, id);
  if (!w.value('SELECT 1 FROM customers WHERE id = ? AND deleted_at IS NULL', [customerId]))
    throw new AppError('NOT_FOUND', '所选客户不存在或已被删除，请重新选择');
  const group = groupOf(w, e);
  const factsAdded = addFacts(w, ctx, customerId, group);
  const set = fillEmpty(w, customerId, e);
  const at = ctx.now.toISOString();
  const cols = Object.keys(set);
  w.run(`UPDATE customers SET ${[...cols, 'updated_at', 'maintained_at', 'maintained_by'].map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [
    ...Object.values(set),
    at,
    at,
    ctx.actor,
    customerId,
  ]);
  recordMaintenance(w, ctx, customerId, 'usage-check', ['usage', ...cols]);
  resolve(w, ctx, group, 'picked', customerId, null);
  audit(w, ctx, 'usage.pick', 'usage_queue', [e.id, customerId], {
    name: e.name,
    line: e.line,
    file: e.file_name,
    row: e.row_number,
    also: group.length - 1,
    filled: cols,
  });
  recomputeGrades(w, ctx.now, customerId);
  return { id, status: 'picked', customerId, alsoResolved: group.length - 1, filled: cols, factsAdded };
}

export function createFromEntry(w: Writer, ctx: CallContext, id: string, villageId: string | null | undefined): QueueDecision {
  const e = pendingEntry(w, id);
  const mobile = e.phone && /^1\d{10}$/.test(e.phone) ? e.phone : null;
  const parsed = customerFields.safeParse({
    name: e.name,
    idNumber: e.id_number,
    phone: mobile,
    landline: e.phone && !mobile ? e.phone : null,
    villageId: villageId === undefined ? e.village_id : villageId,
    address: e.address,
    source: `业务系统导出（${e.line}）`,
  });
  if (!parsed.success) throw new AppError('VALIDATION', `无法用此行新建客户：${parsed.error.issues.map((i) => i.message).join('；')}`);
  const customer = createCustomer(w, ctx, parsed.data);
  const group = groupOf(w, e);
  const factsAdded = addFacts(w, ctx, customer.id, group);
  resolve(w, ctx, group, 'created', customer.id, null);
  audit(w, ctx, 'usage.create', 'usage_queue', [e.id, customer.id], {
    name: e.name,
    line: e.line,
    file: e.file_name,
    row: e.row_number,
    also: group.length - 1,
  });
  recomputeGrades(w, ctx.now, customer.id);
  return { id, status: 'created', customerId: customer.id, alsoResolved: group.length - 1, filled: [], factsAdded };
}

export function discardEntry(w: Writer, ctx: CallContext, id: string, reason: string): QueueDecision {
  const e = pendingEntry(w, id);
  const group = groupOf(w, e);
  resolve(w, ctx, group, 'discarded', null, reason);
  audit(w, ctx, 'usage.discard', 'usage_queue', [e.id], { name: e.name, line: e.line, file: e.file_name, row: e.row_number, reason, also: group.length - 1 });
  return { id, status: 'discarded', customerId: null, alsoResolved: group.length - 1, filled: [], factsAdded: 0 };
}

/** Undo of a discard: the entries it resolved wait again. Picks and new customers are undone on the customer. */
export function reopenEntry(w: Writer, ctx: CallContext, id: string): { reopened: number } {
  const e = getEntry(w, id);
  if (e.status !== 'discarded') throw new AppError('CONFLICT', e.status === 'pending' ? '该记录尚未处理' : '已匹配或已新建的记录不能撤销，请在客户档案中修改');
  const n = e.decision_id
    ? w.run(
        "UPDATE usage_queue SET status = 'pending', reason = NULL, decision_id = NULL, resolved_at = NULL, resolved_by = NULL WHERE decision_id = ? AND status = 'discarded'",
        [e.decision_id],
      )
    : w.run("UPDATE usage_queue SET status = 'pending', reason = NULL, resolved_at = NULL, resolved_by = NULL WHERE id = ?", [id]);
  audit(w, ctx, 'usage.reopen', 'usage_queue', [id], { name: e.name, reopened: n });
  return { reopened: n };
}
