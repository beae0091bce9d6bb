/**
 * Usage data from the business systems (issue 11): the configurable list of business lines, extract imports,
 * the review queue (勾挑核对), libraries (专业库 by line, 个性化名址库 by tag) and the yearly collection plan.
 *
 * Every id that stands for a natural key is a hash of it (backend/usage/keys.ts): the same extract imported on
 * two installations yields the same facts and queue entries, and the built-in lines and libraries below have
 * the same ids everywhere, so sync never sees two rows for one thing. For the same reason there are no UNIQUE
 * indexes on names: uniqueness comes from the id, and a sync upsert can never trip over a second key.
 */
import { SPECIAL_GROUPS } from '../../../shared/usage';
import { groupLibraryId, lineId, lineLibraryId } from '../../usage/keys';

/** The lines a branch starts with (the seeds' plan and docs/domain.md); later ones are added in the app. */
const DEFAULT_LINES: readonly { name: string; aliases: readonly string[]; productLabel: string | null }[] = [
  { name: '储蓄', aliases: ['邮政储蓄', '邮储', '储蓄存款', '存款'], productLabel: '储种' },
  { name: '保险', aliases: ['邮政保险', '代理保险', '保单', '邮保'], productLabel: '险种' },
  { name: '代收费', aliases: ['代收', '代缴费', '缴费'], productLabel: '缴费项目' },
  { name: '航空机票', aliases: ['机票', '航空客票', '票务'], productLabel: '航线' },
  { name: '包裹', aliases: ['普通包裹', '邮政包裹'], productLabel: null },
  { name: '特快', aliases: ['EMS', '特快专递', '邮政特快'], productLabel: null },
  { name: '报刊', aliases: ['报刊订阅', '报刊发行', '订报', '报纸杂志'], productLabel: '报刊名称' },
  { name: '集邮', aliases: ['邮票', '邮品'], productLabel: '邮品' },
  { name: '农资', aliases: ['农资分销', '三农服务'], productLabel: '商品' },
  { name: '电商', aliases: ['邮乐', '邮乐网', '电子商务'], productLabel: '商品' },
];

const lit = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const lines = DEFAULT_LINES.map(
  (l, i) =>
    `INSERT INTO usage_lines (id, name, aliases, product_label, sort, created_at, updated_at) VALUES (${lit(lineId(l.name))}, ${lit(l.name)}, ${lit(JSON.stringify(l.aliases))}, ${lit(l.productLabel)}, ${i}, ${NOW}, ${NOW});`,
).join('\n');
const lineLibraries = DEFAULT_LINES.map(
  (l, i) =>
    `INSERT INTO customer_libraries (id, kind, name, rule, builtin, sort, created_at, updated_at) VALUES (${lit(lineLibraryId(l.name))}, 'line', ${lit(`${l.name}客户`)}, ${lit(JSON.stringify({ line: l.name }))}, 1, ${i}, ${NOW}, ${NOW});`,
).join('\n');
const groupLibraries = SPECIAL_GROUPS.map(
  (g, i) =>
    `INSERT INTO customer_libraries (id, kind, name, rule, builtin, sort, created_at, updated_at) VALUES (${lit(groupLibraryId(g))}, 'group', ${lit(g)}, ${lit(JSON.stringify({ tag: g }))}, 1, ${i}, ${NOW}, ${NOW});`,
).join('\n');

export default `
ALTER TABLE usage_facts ADD COLUMN import_id TEXT;           -- the extract import that last confirmed it
ALTER TABLE usage_facts ADD COLUMN updated_at TEXT;
CREATE INDEX usage_facts_customer_line ON usage_facts(customer_id, line, product);

CREATE TABLE usage_lines (
  id TEXT PRIMARY KEY,              -- hash of the name
  name TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]',  -- JSON: other names the business systems and file names use
  product_label TEXT,               -- what "product" means for this line (储种, 险种, 报刊名称 …)
  sort INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE usage_imports (
  id TEXT PRIMARY KEY,
  line TEXT,                        -- NULL when a column of the file named the line per row
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  as_of TEXT NOT NULL,              -- the extract's date, for rows that carry none
  at TEXT NOT NULL,
  by_user TEXT,
  rows INTEGER NOT NULL,
  matched INTEGER NOT NULL,
  queued INTEGER NOT NULL,
  unmatched INTEGER NOT NULL,
  facts INTEGER NOT NULL,
  problems INTEGER NOT NULL
);

CREATE TABLE usage_queue (
  id TEXT PRIMARY KEY,              -- hash of line + the row's identity: the same row imported again is the same entry
  import_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  row_number INTEGER NOT NULL,
  line TEXT NOT NULL,
  name TEXT NOT NULL,
  id_number TEXT,
  phone TEXT,
  village_id TEXT,                  -- the branch village the row names, when it names one unambiguously
  village_text TEXT,
  address TEXT,
  product TEXT,
  first_date TEXT,
  last_date TEXT,
  amount_band TEXT,                 -- a band, never the amount
  person_key TEXT,                  -- ID number or name + mobile: other entries of the same person
  candidates TEXT NOT NULL DEFAULT '[]',  -- JSON [{id, score, reasons}] at import time
  best_score INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'picked', 'created', 'discarded')),
  customer_id TEXT,
  reason TEXT,                      -- why a clerk discarded it
  decision_id TEXT,                 -- entries of one person resolved by one decision share it (undo restores them together)
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);
CREATE INDEX usage_queue_status ON usage_queue(status, best_score);
CREATE INDEX usage_queue_person ON usage_queue(person_key) WHERE person_key IS NOT NULL;

CREATE TABLE customer_libraries (
  id TEXT PRIMARY KEY,              -- hash of kind + name
  kind TEXT NOT NULL CHECK (kind IN ('line', 'group')),
  name TEXT NOT NULL,
  rule TEXT NOT NULL,               -- JSON {line} | {tag, householdTypes?, ageMin?, ageMax?}
  builtin INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 100,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE collection_plans (
  id TEXT PRIMARY KEY,              -- hash of year + library
  year INTEGER NOT NULL,
  library_id TEXT NOT NULL REFERENCES customer_libraries(id),
  start_quarter INTEGER NOT NULL CHECK (start_quarter BETWEEN 1 AND 4),
  end_quarter INTEGER NOT NULL CHECK (end_quarter BETWEEN 1 AND 4),
  target INTEGER NOT NULL CHECK (target >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT,
  deleted_at TEXT
);
CREATE INDEX collection_plans_year ON collection_plans(year);

${lines}
${lineLibraries}
${groupLibraries}
`;
