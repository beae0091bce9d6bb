/** Branch settings, villages and customers, and the maintenance history every edit leaves. */
export default `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE villages (
  id TEXT PRIMARY KEY,
  code TEXT,                        -- 12-digit statistical division code; NULL = added by hand (自建)
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'village' CHECK (kind IN ('village', 'community', 'unit')),
  town_code TEXT,
  town_name TEXT,
  postal_code TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX villages_code ON villages(code) WHERE code IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'org')),
  name TEXT NOT NULL,
  id_number TEXT,
  birth_date TEXT,
  sex TEXT CHECK (sex IN ('M', 'F')),
  phone TEXT,
  landline TEXT,
  village_id TEXT REFERENCES villages(id),
  group_name TEXT,
  address TEXT,
  household_type TEXT,
  tags TEXT NOT NULL DEFAULT '[]',  -- JSON array of target-group tags
  income_band TEXT,
  consent INTEGER NOT NULL DEFAULT 0,
  source TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  maintained_at TEXT,
  maintained_by TEXT,
  selection_count INTEGER NOT NULL DEFAULT 0,
  last_selected_at TEXT,
  deleted_at TEXT
);
CREATE INDEX customers_village ON customers(village_id);
CREATE INDEX customers_id_number ON customers(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;
CREATE INDEX customers_updated ON customers(updated_at);

CREATE TABLE maintenance_events (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  at TEXT NOT NULL,
  by_user TEXT,
  action TEXT NOT NULL,             -- create | edit | delete | restore
  fields TEXT NOT NULL DEFAULT '[]' -- JSON array of changed field names
);
CREATE INDEX maintenance_events_customer ON maintenance_events(customer_id, at);
`;
