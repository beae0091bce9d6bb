/**
 * The hub's own schema, append-only like the branch's. Each migration runs in a transaction under an
 * advisory lock, so several hub processes starting at once on one PostgreSQL apply it exactly once.
 */
import type { HubDb } from './db';
import { ensureTypedTables } from './typed';

const MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '0001_hub',
    sql: `
CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,   -- SHA-256 of the token; the token itself is shown once and never stored
  file_key TEXT NOT NULL,            -- key derived from the token that seals sync files (HKDF, base64)
  seq BIGINT NOT NULL DEFAULT 0,     -- the branch's change sequence: pull cursors count in it
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled_at TIMESTAMPTZ
);
-- Current state of every synced row, per branch. h/hseq: clock and sequence of the row's insert (or of the
-- last delete); fh/fs: clock and sequence of each field written since, so conflicts are told per field.
CREATE TABLE records (
  branch_id TEXT NOT NULL REFERENCES branches(id),
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  data JSONB,
  h TEXT NOT NULL,
  hseq BIGINT NOT NULL,
  fh JSONB NOT NULL DEFAULT '{}',
  fs JSONB NOT NULL DEFAULT '{}',
  seq BIGINT NOT NULL,
  PRIMARY KEY (branch_id, tbl, pk)
);
CREATE INDEX records_pull ON records (branch_id, seq);
CREATE INDEX records_row ON records (tbl, pk);
-- Every change ever received, as received: idempotency by id, and the history behind every value.
CREATE TABLE changes (
  change_id TEXT PRIMARY KEY,
  branch_id TEXT NOT NULL REFERENCES branches(id),
  seq BIGINT NOT NULL,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  fields JSONB,
  hlc TEXT NOT NULL,
  seen BIGINT NOT NULL,
  node TEXT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changes_row ON changes (branch_id, tbl, pk);
-- Campaigns issued from the hub (专项营销活动); each branch gets its copy as a synced campaigns row.
CREATE TABLE hub_campaigns (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  products JSONB NOT NULL DEFAULT '[]',
  channels JSONB NOT NULL DEFAULT '[]',
  start_date TEXT,
  end_date TEXT,
  script TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE hub_campaign_branches (
  campaign_id TEXT NOT NULL REFERENCES hub_campaigns(id),
  branch_id TEXT NOT NULL REFERENCES branches(id),
  target_count INTEGER,
  target_list JSONB,
  PRIMARY KEY (campaign_id, branch_id)
);
`,
  },
  {
    id: '0002_admins',
    sql: `
CREATE TABLE hub_admins (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled_at TIMESTAMPTZ
);
`,
  },
  {
    id: '0003_branch_health',
    sql: `
ALTER TABLE branches ADD COLUMN schema_version INTEGER;
ALTER TABLE branches ADD COLUMN app_version TEXT;
ALTER TABLE branches ADD COLUMN last_push_at TIMESTAMPTZ;
ALTER TABLE branches ADD COLUMN last_pull_at TIMESTAMPTZ;
ALTER TABLE branches ADD COLUMN pending_changes INTEGER;
ALTER TABLE branches ADD COLUMN rejected_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE branches ADD COLUMN last_rejected_reason TEXT;
ALTER TABLE branches ADD COLUMN last_rejected_at TIMESTAMPTZ;
`,
  },
  {
    // The console for people at the 市局 (server/console/): accounts, sessions, log-in throttling and report jobs
    // live here, not in a process, because several stateless hub processes share one PostgreSQL.
    id: '0004_hub_console',
    sql: `
CREATE TABLE hub_users (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('city_admin', 'city_supervisor')),
  password_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  disabled_at TIMESTAMPTZ,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at TIMESTAMPTZ,
  last_login_at TIMESTAMPTZ
);
CREATE TABLE hub_sessions (
  token_hash TEXT PRIMARY KEY,       -- SHA-256 of the cookie's token; the token itself is never stored
  user_id TEXT NOT NULL REFERENCES hub_users(id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  locked BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX hub_sessions_user ON hub_sessions (user_id);
CREATE TABLE hub_login_failures (
  source TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hub_login_failures_source ON hub_login_failures (source, at);
CREATE INDEX hub_login_failures_at ON hub_login_failures (at);
CREATE TABLE hub_report_jobs (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES hub_users(id) ON DELETE CASCADE,
  names JSONB NOT NULL,
  period JSONB NOT NULL,
  state TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  step TEXT NOT NULL DEFAULT '',
  error TEXT,
  file_name TEXT,
  file BYTEA,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hub_report_jobs_created ON hub_report_jobs (created_at);
`,
  },
  {
    // What people did in the console and at the command line (server/audit.ts), kept in the database every hub
    // process shares; rows are only ever added.
    id: '0005_hub_audit',
    sql: `
CREATE TABLE hub_audit (
  seq BIGSERIAL PRIMARY KEY,
  at TIMESTAMPTZ NOT NULL,
  user_id TEXT,
  login TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX hub_audit_at ON hub_audit (at);
`,
  },
];

export async function migrateHub(db: HubDb): Promise<string[]> {
  return db.tx(async (q) => {
    // One lock id for the hub's schema: a second process waits here, then finds everything applied.
    await q.query('SELECT pg_advisory_xact_lock(7224301)');
    await q.query(
      'CREATE TABLE IF NOT EXISTS hub_migrations (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const applied = (await q.query<{ id: string }>('SELECT id FROM hub_migrations ORDER BY seq')).map((r) => r.id);
    applied.forEach((id, i) => {
      if (MIGRATIONS[i]?.id !== id) throw new Error(`市局数据库的迁移记录与程序不符（第 ${i + 1} 条为 ${id}），可能是更新版本的程序写过这个数据库，已停止。`);
    });
    const done: string[] = [];
    for (let i = applied.length; i < MIGRATIONS.length; i++) {
      const m = MIGRATIONS[i]!;
      for (const stmt of m.sql
        .split(/;\s*\n/)
        .map((s) => s.trim())
        .filter(Boolean))
        await q.query(stmt);
      await q.query('INSERT INTO hub_migrations (seq, id) VALUES ($1, $2)', [i + 1, m.id]);
      done.push(m.id);
    }
    // The typed branch tables follow the branch schema this hub was built with, not a hand-written migration.
    const typed = await ensureTypedTables(q);
    return [...done, ...typed.created];
  });
}
