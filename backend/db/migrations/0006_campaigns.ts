/**
 * Campaigns and door-to-door visits (issue 5). Visits are append-only events (they sync without conflicts);
 * a target row keeps the latest outcome only as a convenience for lists, rebuilt from visits when needed.
 * Money is integer fen.
 */
export default `
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  products TEXT NOT NULL DEFAULT '[]',      -- JSON array: 报刊, 储蓄, …
  channels TEXT NOT NULL DEFAULT '[]',      -- JSON array of channel codes (letter, door, sms, phone, meeting, fax, email)
  start_date TEXT,
  end_date TEXT,
  target_count INTEGER,
  target_turnover INTEGER,
  target_revenue INTEGER,
  owner TEXT NOT NULL DEFAULT 'branch' CHECK (owner IN ('branch', 'hub')),
  hub_campaign_id TEXT,
  stage TEXT NOT NULL DEFAULT 'idea' CHECK (stage IN ('idea', 'analysis', 'planning', 'test', 'execution', 'evaluation')),
  script TEXT,
  segment TEXT,                             -- JSON filter the targets were selected with
  frozen_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

CREATE TABLE campaign_stage_events (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  stage TEXT NOT NULL,
  at TEXT NOT NULL,
  by_user TEXT
);
CREATE INDEX campaign_stage_events_campaign ON campaign_stage_events(campaign_id, at);

CREATE TABLE segments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  filter TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT
);

CREATE TABLE campaign_variants (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  code TEXT NOT NULL,                       -- A, B, …
  name TEXT NOT NULL,
  offer TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX campaign_variants_code ON campaign_variants(campaign_id, code);

CREATE TABLE campaign_targets (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  village_id TEXT,
  variant TEXT,
  in_test INTEGER NOT NULL DEFAULT 0,
  released_at TEXT,
  carrier_id TEXT,                          -- users.id of the carrier it is dispatched to
  assigned_at TEXT,
  last_outcome TEXT,
  last_visit_at TEXT,
  follow_up_date TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX campaign_targets_customer ON campaign_targets(campaign_id, customer_id);
CREATE INDEX campaign_targets_carrier ON campaign_targets(carrier_id, campaign_id);

CREATE TABLE visits (
  id TEXT PRIMARY KEY,                      -- chosen by the client, so a retried save cannot record twice
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  target_id TEXT NOT NULL REFERENCES campaign_targets(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  carrier_id TEXT,
  visited_at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  turnover INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0,
  follow_up_date TEXT,
  note TEXT,
  channel TEXT,
  entered_by TEXT,
  entered_at TEXT NOT NULL
);
CREATE INDEX visits_campaign ON visits(campaign_id, target_id);
CREATE INDEX visits_customer ON visits(customer_id, visited_at);
`;
