/**
 * The 操作日志's filter choices. What each entry says (action, object, details in Chinese) is
 * shared/auditText.ts; a prefix here (customer) also finds its sub-actions (customer.edit …) in the backend.
 */
export const AUDIT_FILTERS: { value: string; label: string }[] = [
  { value: 'login', label: '登录（含失败）' },
  { value: 'logout', label: '退出登录' },
  { value: 'customer', label: '客户（全部）' },
  { value: 'customer.create', label: '新增客户' },
  { value: 'customer.edit', label: '修改客户' },
  { value: 'customer.delete', label: '删除客户' },
  { value: 'customer.merge', label: '合并客户' },
  { value: 'customer.erase', label: '删除个人信息' },
  { value: 'visit', label: '走访录入' },
  { value: 'reveal', label: '查看完整身份证号' },
  { value: 'export', label: '导出' },
  { value: 'import', label: '导入客户' },
  { value: 'campaign', label: '营销活动' },
  { value: 'letters', label: '商函模板' },
  { value: 'mail', label: '退信' },
  { value: 'usage', label: '用邮信息' },
  { value: 'user', label: '用户管理' },
  { value: 'settings', label: '网点设置' },
  { value: 'village', label: '村/社区' },
  { value: 'setup', label: '建立网点' },
  { value: 'sync', label: '市局同步' },
  { value: 'backup', label: '数据备份' },
];
