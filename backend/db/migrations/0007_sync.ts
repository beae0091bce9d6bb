/**
 * Sync with the city hub (issue 6). The outbox holds this installation's changes the hub has not yet
 * acknowledged, one entry per changed row per write, with the hybrid-logical-clock time of the write and the
 * hub cursor the branch had seen when it wrote (so the hub can tell a true conflict from a later edit).
 * sync_state holds the clock, the cursor and the hub settings; sync_conflicts is filled by the hub and
 * synced down, so a supervisor can review every overwritten concurrent value and resolve it in the app.
 * None of the three is sent up as data (sync_conflicts only as its resolution).
 */
export default `
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE sync_outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,          -- change id: the hub applies each at most once
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  fields TEXT,                      -- JSON object of the changed fields' new values; NULL = row deleted
  hlc TEXT NOT NULL,
  seen INTEGER NOT NULL DEFAULT 0   -- hub cursor when the change was made
);
CREATE INDEX sync_outbox_row ON sync_outbox(tbl, pk);
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  pk TEXT NOT NULL,
  field TEXT NOT NULL,
  kept_value TEXT,                  -- JSON of the value that won (later clock)
  lost_value TEXT,                  -- JSON of the value that was overwritten
  kept_hlc TEXT NOT NULL,
  lost_hlc TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution TEXT                   -- kept | restored
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, detected_at);
`;
