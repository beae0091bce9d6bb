/**
 * Accounts, the audit trail and consent history (issue 9). The audit log is append-only: triggers refuse
 * any UPDATE or DELETE, so not even a bug in the app can rewrite what happened.
 */
export default `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk', 'carrier')),
  password_hash TEXT NOT NULL,         -- scrypt$N$r$p$salt$hash, never the password
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  disabled_at TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at TEXT,
  last_login_at TEXT
);
CREATE UNIQUE INDEX users_login ON users(login);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT,
  role TEXT,
  action TEXT NOT NULL,                -- login, login.failed, customer.create, customer.edit, export, reveal, …
  target TEXT,                         -- customer, user, village, import, …
  target_ids TEXT NOT NULL DEFAULT '[]',
  details TEXT                         -- JSON: old and new values, counts, file names
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_action ON audit_log(action, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能删除'); END;

CREATE TABLE consent_events (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  at TEXT NOT NULL,
  by_user TEXT,
  consent INTEGER NOT NULL,
  source TEXT
);
CREATE INDEX consent_events_customer ON consent_events(customer_id, at);
`;
