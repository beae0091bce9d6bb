/**
 * What clerks and supervisors asked for after using the program (issues 3, 7, 8, 13):
 *
 * - customers.code: the short 客户编号 people read out and type (shared/customerCode.ts). Filled at start-up for
 *   the customers this migration finds (from each one's id, so every PC fills in the same codes) and by the PC
 *   that creates a customer from then on. Not UNIQUE: a pulled row must always be storable; the program keeps
 *   codes unique and repairs the rare clash of two PCs (backend/services/customerCodes.ts).
 * - customers.deleted_by: who put a customer in the recycle bin (已删除), shown beside when and why. Filled here
 *   from the maintenance history for customers already deleted.
 * - villages.not_served_at/by: an official village the branch does not serve (不在本网点范围). Such a village stays
 *   (customers may point at it, and the mark can be taken back) but leaves every KPI and count.
 * - customer_not_duplicates: a clerk's decision that two customers the duplicate finder paired are two people
 *   (不是同一人). The id is a hash of the two customer ids, so the same decision made on two PCs is one row.
 */
export default `
ALTER TABLE customers ADD COLUMN code TEXT;
ALTER TABLE customers ADD COLUMN deleted_by TEXT;
CREATE INDEX customers_code ON customers(code) WHERE code IS NOT NULL;
CREATE INDEX customers_deleted ON customers(deleted_at) WHERE deleted_at IS NOT NULL;
UPDATE customers SET deleted_by = (
  SELECT e.by_user FROM maintenance_events e WHERE e.customer_id = customers.id AND e.action IN ('delete', 'erase') ORDER BY e.at DESC LIMIT 1
) WHERE deleted_at IS NOT NULL;

ALTER TABLE villages ADD COLUMN not_served_at TEXT;
ALTER TABLE villages ADD COLUMN not_served_by TEXT;

CREATE TABLE customer_not_duplicates (
  id TEXT PRIMARY KEY,                 -- hash of the two customer ids, the smaller first
  customer_a TEXT NOT NULL REFERENCES customers(id),
  customer_b TEXT NOT NULL REFERENCES customers(id),
  decided_at TEXT NOT NULL,
  decided_by TEXT
);
CREATE INDEX customer_not_duplicates_a ON customer_not_duplicates(customer_a);
CREATE INDEX customer_not_duplicates_b ON customer_not_duplicates(customer_b);
`;
