/**
 * Postal-usage information (用邮信息) as facts, not a text field: which business line and product a customer
 * uses, from when to when, and where the fact came from. Grades (三等 = has past usage) and win-back and
 * cross-sell segments read this table.
 */
export default `
CREATE TABLE usage_facts (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  line TEXT NOT NULL,               -- business line: 储蓄, 保险, 报刊, 代收费, 包裹, 特快, 集邮, 农资, …
  product TEXT,                     -- product or newspaper title
  first_date TEXT,
  last_date TEXT,
  amount_band TEXT,                 -- a band, never an exact balance
  source TEXT NOT NULL,             -- 录入 | 导入 | 走访 | 种子数据 …
  created_at TEXT NOT NULL
);
CREATE INDEX usage_facts_customer ON usage_facts(customer_id);
CREATE INDEX usage_facts_line ON usage_facts(line, last_date);
`;
