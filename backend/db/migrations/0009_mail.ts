/**
 * Direct mail (issue 10): the pieces of a campaign's mailing with their stable sequence numbers (流水号), returned
 * mail (退信), postal codes set once per town, and each campaign's costs.
 *
 * Rows sync between installations, so every primary key is a single globally unique TEXT: a piece's id is a hash
 * of (campaign, customer) and a town's of its code (backend/mail/keys.ts), so two PCs that print the same
 * campaign's list meet as one row at the hub. No UNIQUE indexes on natural keys, for the same reason as 0008.
 */
export default `
CREATE TABLE mail_pieces (
  id TEXT PRIMARY KEY,              -- hash of campaign + customer
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  target_id TEXT NOT NULL,
  seq INTEGER NOT NULL,             -- 流水号, handed out once and never changed: the returns are sorted by it
  created_at TEXT NOT NULL,
  returned_at TEXT,
  return_reason TEXT,               -- 查无此人, 地址不详, 迁移新址不明, 拒收, 原址无此单位, 其他
  return_note TEXT,
  returned_by TEXT
);
CREATE INDEX mail_pieces_campaign ON mail_pieces(campaign_id, seq);
CREATE INDEX mail_pieces_customer ON mail_pieces(customer_id);

CREATE TABLE town_postal_codes (
  id TEXT PRIMARY KEY,              -- hash of the town code
  town_code TEXT NOT NULL,
  town_name TEXT,
  postal_code TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX town_postal_codes_town ON town_postal_codes(town_code);

CREATE TABLE campaign_costs (
  id TEXT PRIMARY KEY,              -- the campaign's id: one row per campaign
  letter_fen INTEGER NOT NULL DEFAULT 0,   -- printing + postage per letter
  sms_fen INTEGER NOT NULL DEFAULT 0,      -- per SMS segment sent
  phone_fen INTEGER NOT NULL DEFAULT 0,    -- per call
  fixed_fen INTEGER NOT NULL DEFAULT 0,    -- design, plates, gifts …
  sms_segments INTEGER NOT NULL DEFAULT 0, -- segments on the last SMS list exported (what the gateway will bill)
  calls INTEGER NOT NULL DEFAULT 0,        -- numbers on the last call list exported
  updated_at TEXT NOT NULL,
  updated_by TEXT
);
`;
