import { CUSTOMER_COLUMN_LABELS } from '../../../shared/customerColumns';
/** Chinese names for what the maintenance history records (database column names and actions). */

export const HISTORY_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  edit: '修改',
  import: '导入',
  merge: '合并',
  verify: '核实保留',
  delete: '删除',
  restore: '恢复',
  erase: '个人信息删除',
  visit: '走访',
};

const COLUMN_LABELS = CUSTOMER_COLUMN_LABELS;

export function historyActionLabel(action: string): string {
  return HISTORY_ACTION_LABELS[action] ?? action;
}

/** "手机、地址"; a merge also names the record it absorbed; a deletion its reason (e.g. 清理). */
export function historyFieldsText(fields: readonly string[]): string {
  return fields.map((f) => (f.startsWith('merged:') ? '并入另一条记录' : (COLUMN_LABELS[f] ?? f))).join('、');
}
