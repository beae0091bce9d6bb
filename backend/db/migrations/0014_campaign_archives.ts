/**
 * Yearly campaign archives (issue 18): the targets and visits of campaigns that ended over a year ago move out of
 * the working database into one archive file per year (backend/archive/), which reports open on demand.
 *
 * Both tables are this installation's own (shared/syncProtocol.ts LOCAL_ONLY_TABLES): logged like any table, so a
 * crash cannot forget what was moved, but never sent to the hub, which keeps every campaign's rows itself.
 * - campaign_archives: which campaigns were moved and into which year's file, with the counts the campaign list
 *   shows without opening the file and the visit dates reports use to know which files a period needs.
 * - archived_last_visits: each customer's latest archived visit, so "last outcome" filters still see it.
 */
export default `
CREATE TABLE campaign_archives (
  id TEXT PRIMARY KEY,                 -- the campaign's id
  year INTEGER NOT NULL,               -- archive file campaigns-<year>.pbarc (the year the campaign ended)
  targets INTEGER NOT NULL,
  visits INTEGER NOT NULL,
  first_visit TEXT,
  last_visit TEXT,
  archived_at TEXT NOT NULL,
  archived_by TEXT
);
CREATE INDEX campaign_archives_year ON campaign_archives(year);

CREATE TABLE archived_last_visits (
  id TEXT PRIMARY KEY,                 -- the customer's id
  visited_at TEXT NOT NULL,
  outcome TEXT NOT NULL
);
`;
