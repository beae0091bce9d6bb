/**
 * Append-only list of schema migrations. Never edit or reorder an entry that has shipped; add a new one.
 * Each runs in its own transaction and its id is recorded in _migrations.
 */
import init from './0001_init';
import usageFacts from './0002_usage_facts';
import maintenance from './0003_maintenance';
import divisions from './0004_divisions';
import accounts from './0005_accounts';
import campaigns from './0006_campaigns';
import sync from './0007_sync';
import usage from './0008_usage';
import mail from './0009_mail';
import letters from './0010_letters';
import codesRecycle from './0011_codes_recycle';
import targetRollup from './0012_target_rollup';
import campaignCells from './0013_campaign_cells';
import campaignArchives from './0014_campaign_archives';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { id: '0001_init', sql: init },
  { id: '0002_usage_facts', sql: usageFacts },
  { id: '0003_maintenance', sql: maintenance },
  { id: '0004_divisions', sql: divisions },
  { id: '0005_accounts', sql: accounts },
  { id: '0006_campaigns', sql: campaigns },
  { id: '0007_sync', sql: sync },
  { id: '0008_usage', sql: usage },
  { id: '0009_mail', sql: mail },
  { id: '0010_letters', sql: letters },
  { id: '0011_codes_recycle', sql: codesRecycle },
  { id: '0012_target_rollup', sql: targetRollup },
  { id: '0013_campaign_cells', sql: campaignCells },
  { id: '0014_campaign_archives', sql: campaignArchives },
];
