import type { TableCounts } from '../../shared/domain';
import type { Reader } from '../db/handles';

/** Row counts of every data table; soft-deleted customers are counted apart so the figures match the lists. */
export function tableCounts(r: Reader): TableCounts {
  const tables = r.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name",
  );
  const counts: TableCounts = {};
  for (const { name } of tables) counts[name] = Number(r.value(`SELECT COUNT(*) FROM "${name}"`) ?? 0);
  counts['customers'] = Number(r.value('SELECT COUNT(*) FROM customers WHERE deleted_at IS NULL') ?? 0);
  counts['customers_deleted'] = Number(r.value('SELECT COUNT(*) FROM customers WHERE deleted_at IS NOT NULL') ?? 0);
  return counts;
}
