/**
 * Customer maintenance (issue 4): the rest of the record, stored grades, selection history (grades count
 * selections within the last year, so a bare counter is not enough), clean-up marks, verification samples,
 * import bookkeeping and city units of the address base.
 */
export default `
ALTER TABLE customers ADD COLUMN influence INTEGER;          -- how many customers/friends they bring (意见领袖)
ALTER TABLE customers ADD COLUMN referrer TEXT;
ALTER TABLE customers ADD COLUMN interests TEXT;
ALTER TABLE customers ADD COLUMN consent_at TEXT;
ALTER TABLE customers ADD COLUMN consent_source TEXT;
ALTER TABLE customers ADD COLUMN grade INTEGER NOT NULL DEFAULT 4 CHECK (grade BETWEEN 1 AND 4);
ALTER TABLE customers ADD COLUMN grade_at TEXT;
ALTER TABLE customers ADD COLUMN phone_flag TEXT;            -- e.g. 空号错号 from a visit
ALTER TABLE customers ADD COLUMN address_flag TEXT;          -- e.g. 退信 from returned mail
ALTER TABLE customers ADD COLUMN verified_at TEXT;           -- clean-up: checked and kept
ALTER TABLE customers ADD COLUMN verified_by TEXT;
ALTER TABLE customers ADD COLUMN merged_into TEXT;           -- set on the record a merge retired
ALTER TABLE customers ADD COLUMN delete_reason TEXT;
CREATE INDEX customers_grade ON customers(grade) WHERE deleted_at IS NULL;

ALTER TABLE villages ADD COLUMN street TEXT;                 -- city units: street → building → unit
ALTER TABLE villages ADD COLUMN building TEXT;

CREATE TABLE selection_events (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  campaign_id TEXT,
  at TEXT NOT NULL
);
CREATE INDEX selection_events_customer ON selection_events(customer_id, at);

CREATE TABLE verification_samples (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,                                         -- YYYY-MM the sample belongs to
  village_id TEXT NOT NULL REFERENCES villages(id),
  drawn_at TEXT NOT NULL,
  drawn_by TEXT,
  done_at TEXT,
  done_by TEXT,
  note TEXT
);
CREATE UNIQUE INDEX verification_samples_month_village ON verification_samples(month, village_id);

CREATE TABLE imports (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  at TEXT NOT NULL,
  by_user TEXT,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0
);
`;
