/**
 * Dispatch (派工): targets to carriers by village or by hand, balanced by count; the binding rate.
 *
 * A carrier's list is a door-to-door round, so a customer who asked not to be visited (拒绝接触渠道 上门) is never
 * put on one: such targets stay unassigned, are counted apart (doorRefused) and do not hold the binding rate down.
 * They stay targets — a letter or a call may still reach them.
 */
import { bindDeadline, BIND_TARGET, doorRefusedSql } from '../../shared/kpi';
import type { DispatchStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { audit } from '../auth/audit';
import type { Reader, Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { advanceStage, getCampaign } from './campaigns';

/** True for a target (alias t) whose customer refused door-to-door visits; codes are stored quoted in a JSON array. */
export const DOOR_REFUSED = doorRefusedSql('customers');

function assertCarriers(r: Reader, ids: string[]): void {
  for (const id of ids) {
    const role = r.value<string>('SELECT role FROM users WHERE id = ? AND disabled_at IS NULL', [id]);
    if (!role) throw new AppError('NOT_FOUND', '所选投递员不存在或已停用');
    if (role !== 'carrier') throw new AppError('VALIDATION', '只能派给投递员');
  }
}

export function assignTargets(w: Writer, ctx: CallContext, campaignId: string, targetIds: string[], carrierId: string | null): number {
  getCampaign(w, campaignId);
  if (carrierId) assertCarriers(w, [carrierId]);
  const at = ctx.now.toISOString();
  let n = 0;
  // Taking a target off a carrier is always allowed; giving one to a carrier only if the customer accepts visits.
  const sql = `UPDATE campaign_targets AS t SET carrier_id = ?, assigned_at = ? WHERE t.id = ? AND t.campaign_id = ?${carrierId ? ` AND NOT ${DOOR_REFUSED}` : ''}`;
  for (const id of targetIds) n += w.run(sql, [carrierId, carrierId ? at : null, id, campaignId]);
  audit(w, ctx, 'campaign.dispatch', 'campaign', [campaignId], { carrierId, targets: n });
  if (carrierId && n > 0) advanceStage(w, ctx, campaignId, 'dispatch');
  return n;
}

export function assignVillage(w: Writer, ctx: CallContext, campaignId: string, villageId: string | null, carrierId: string): number {
  const ids = w
    .all<{ id: string }>(`SELECT t.id FROM campaign_targets t WHERE t.campaign_id = ? AND t.village_id IS ? AND NOT ${DOOR_REFUSED}`, [campaignId, villageId])
    .map((t) => t.id);
  return assignTargets(w, ctx, campaignId, ids, carrierId);
}

/**
 * Balanced by count, villages kept whole (a carrier walks a village): largest village first onto the carrier
 * with the fewest targets so far. Only unassigned targets move.
 */
export function autoDispatch(w: Writer, ctx: CallContext, campaignId: string, carrierIds: string[]): number {
  if (carrierIds.length === 0) throw new AppError('VALIDATION', '请至少选择一名投递员');
  assertCarriers(w, carrierIds);
  const villages = w.all<{ village_id: string | null; n: number }>(
    `SELECT t.village_id, COUNT(*) AS n FROM campaign_targets t WHERE t.campaign_id = ? AND t.carrier_id IS NULL AND NOT ${DOOR_REFUSED} GROUP BY t.village_id ORDER BY n DESC, t.village_id`,
    [campaignId],
  );
  const load = new Map(
    carrierIds.map((c) => [c, Number(w.value('SELECT COUNT(*) FROM campaign_targets WHERE campaign_id = ? AND carrier_id = ?', [campaignId, c]) ?? 0)]),
  );
  const at = ctx.now.toISOString();
  let n = 0;
  for (const v of villages) {
    const carrier = [...load.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0]![0];
    n += w.run(
      `UPDATE campaign_targets AS t SET carrier_id = ?, assigned_at = ? WHERE t.campaign_id = ? AND t.village_id IS ? AND t.carrier_id IS NULL AND NOT ${DOOR_REFUSED}`,
      [carrier, at, campaignId, v.village_id],
    );
    load.set(carrier, load.get(carrier)! + Number(v.n));
  }
  audit(w, ctx, 'campaign.dispatch', 'campaign', [campaignId], { auto: true, carriers: carrierIds, targets: n });
  if (n > 0) advanceStage(w, ctx, campaignId, 'dispatch');
  return n;
}

export function dispatchStatus(r: Reader, campaignId: string): DispatchStatus {
  const c = getCampaign(r, campaignId);
  // Per target: refused door visits or not; the rest of the figures are over the targets a carrier may take.
  const flagged = `SELECT t.*, ${DOOR_REFUSED} AS refused FROM campaign_targets t WHERE t.campaign_id = ?`;
  const totals = r.get<{ targets: number; refused: number; assigned: number }>(
    `SELECT COUNT(*) AS targets, IFNULL(SUM(refused), 0) AS refused, COUNT(CASE WHEN NOT refused THEN carrier_id END) AS assigned FROM (${flagged})`,
    [campaignId],
  )!;
  const targets = Number(totals.targets);
  const doorRefused = Number(totals.refused);
  const open = targets - doorRefused;
  const deadline = bindDeadline(c.startDate, c.frozenAt, c.createdAt);
  const early = Number(
    r.value(`SELECT COUNT(*) FROM (${flagged}) WHERE NOT refused AND assigned_at IS NOT NULL AND assigned_at <= ?`, [campaignId, deadline]) ?? 0,
  );
  return {
    targets,
    doorRefused,
    assigned: Number(totals.assigned),
    bindingRate: open ? Number(totals.assigned) / open : 0,
    assignedWithin3Days: open ? early / open : 0,
    met90In3Days: open > 0 && early / open >= BIND_TARGET,
    byCarrier: r
      .all<{ carrier_id: string; name: string; n: number; villages: number }>(
        `SELECT t.carrier_id, u.display_name AS name, COUNT(*) AS n, COUNT(DISTINCT t.village_id) AS villages
         FROM (${flagged}) t JOIN users u ON u.id = t.carrier_id WHERE NOT t.refused GROUP BY t.carrier_id ORDER BY u.display_name`,
        [campaignId],
      )
      .map((x) => ({ carrierId: x.carrier_id, carrierName: x.name, targets: Number(x.n), villages: Number(x.villages) })),
    byVillage: r
      .all<{ village_id: string | null; name: string | null; n: number; unassigned: number; refused: number; carriers: string | null }>(
        `SELECT t.village_id, v.name, COUNT(*) AS n, SUM(t.carrier_id IS NULL AND NOT t.refused) AS unassigned, SUM(t.refused) AS refused,
                (SELECT json_group_array(json_object('id', u.id, 'name', u.display_name)) FROM users u
                 WHERE u.id IN (SELECT DISTINCT x.carrier_id FROM campaign_targets x WHERE x.campaign_id = t.campaign_id AND x.village_id IS t.village_id)) AS carriers
         FROM (${flagged}) t LEFT JOIN villages v ON v.id = t.village_id GROUP BY t.village_id ORDER BY v.name`,
        [campaignId],
      )
      .map((x) => ({
        villageId: x.village_id,
        villageName: x.name,
        targets: Number(x.n),
        unassigned: Number(x.unassigned ?? 0),
        doorRefused: Number(x.refused ?? 0),
        carriers: x.carriers ? (JSON.parse(x.carriers) as { id: string; name: string }[]) : [],
      })),
  };
}
