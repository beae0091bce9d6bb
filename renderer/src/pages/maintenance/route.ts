/** Where 数据维护 and its tabs live in the address, for links from other pages (客户 → 已删除). */
export const MAINTENANCE_SECTION = 'maintenance';
export const RECYCLE_TAB = 'deleted';
