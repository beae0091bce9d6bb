/**
 * Where an archived campaign's rows are: the reader of its year's archive file instead of the working database.
 * Report code asks here and then runs unchanged, as the archive has the working database's schema.
 */
import { AppError } from '../../shared/errors';
import type { Reader } from '../db/handles';

export function archivedYear(r: Reader, campaignId: string): number | null {
  const y = r.value<number>('SELECT year FROM campaign_archives WHERE id = ?', [campaignId]);
  return y === undefined ? null : Number(y);
}

export function archiveReader(r: Reader, year: number): Reader {
  if (!r.archive) throw new AppError('INTERNAL', '此处无法打开活动归档');
  return r.archive(year);
}

/** The reader holding the campaign's targets and visits. */
export function campaignReader(r: Reader, campaignId: string): Reader {
  const year = archivedYear(r, campaignId);
  return year === null ? r : archiveReader(r, year);
}

/**
 * The archived campaigns by year, as JSON arrays for `campaign_id IN (SELECT value FROM json_each(?))`: a year's
 * file may also hold campaigns whose move was interrupted (still in the working database), never to be counted
 * twice. With `start`/`end` (ISO times, end exclusive), only campaigns with visits in between.
 */
export function archivedByYear(r: Reader, start = '', end = '\uffff'): { year: number; ids: string }[] {
  return r
    .all<{ year: number; ids: string }>(
      'SELECT year, json_group_array(id) AS ids FROM campaign_archives WHERE first_visit < ? AND last_visit >= ? GROUP BY year ORDER BY year',
      [end, start],
    )
    .map((x) => ({ year: Number(x.year), ids: x.ids }));
}

export const ARCHIVED_IDS = 'campaign_id IN (SELECT value FROM json_each(?))';

/** Revenue of the visits between `start` and `end`, the archived ones included. */
export function visitRevenueBetween(r: Reader, start: string, end: string): number {
  const sql = 'SELECT IFNULL(SUM(revenue), 0) FROM visits WHERE visited_at >= ? AND visited_at < ?';
  let sum = Number(r.value(sql, [start, end]) ?? 0);
  for (const { year, ids } of archivedByYear(r, start, end)) sum += Number(archiveReader(r, year).value(`${sql} AND ${ARCHIVED_IDS}`, [start, end, ids]) ?? 0);
  return sum;
}
