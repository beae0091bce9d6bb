/**
 * Door-to-door outcomes (走访录入). A visit is an append-only event whose id the client chooses, so a save
 * retried after a dropped connection or a double Enter records once. Each outcome flows back into the
 * customer record: a visit is maintenance; a success adds the product to usage info; a wrong number flags
 * the phone; a customer who moved flags the address.
 */
import { OUTCOMES, type Outcome } from '../../shared/campaign';
import type { OpenTarget } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { maskIdNumber } from '../../shared/idNumber';
import type { Reader, Writer } from '../db/handles';
import { where } from '../db/where';
import type { CallContext } from '../services/context';
import { audit } from '../auth/audit';
import { recordMaintenance } from '../services/customers';
import { optedOut } from '../mail/targets';
import { recomputeGrades } from '../services/grades';
import { newId } from '../services/ids';
import { advanceStage } from './campaigns';
import { campaignRunning } from './rounds';

export interface OpenTargetsQuery {
  campaignId?: string | undefined;
  carrierId?: string | undefined;
  /** Include targets that already have an outcome (for corrections and the printed list). */
  includeDone?: boolean | undefined;
  /** Only campaigns still running on this date: a carrier's own round (rounds.ts). */
  runningOn?: Date | undefined;
}

/** Targets of a carrier in village and address order, as the round is walked. */
export function openTargets(r: Reader, q: OpenTargetsQuery): OpenTarget[] {
  const w = where('c.deleted_at IS NULL', 'k.deleted_at IS NULL').eq('t.campaign_id', q.campaignId).eq('t.carrier_id', q.carrierId);
  if (!q.includeDone) w.raw("(t.last_outcome IS NULL OR t.last_outcome IN ('not_home', 'interested'))");
  if (q.runningOn) w.part(campaignRunning('k', q.runningOn));
  return r
    .all<Record<string, string | null>>(
      `SELECT t.id AS target_id, t.campaign_id, k.name AS campaign_name, c.id AS customer_id, c.name, c.phone, c.id_number, v.name AS village_name,
              c.address, c.household_type, t.variant, t.last_outcome, t.follow_up_date, t.carrier_id, u.display_name AS carrier_name, c.no_contact
       FROM campaign_targets t JOIN customers c ON c.id = t.customer_id JOIN campaigns k ON k.id = t.campaign_id
       LEFT JOIN villages v ON v.id = c.village_id LEFT JOIN users u ON u.id = t.carrier_id
       ${w.sql} ORDER BY v.name, c.group_name, c.address, c.name`,
      w.params,
    )
    .map((x) => ({
      targetId: x['target_id']!,
      campaignId: x['campaign_id']!,
      campaignName: x['campaign_name']!,
      customerId: x['customer_id']!,
      name: x['name']!,
      phone: x['phone'] ?? null,
      // Printed lists leave the office: always masked, whoever prints them.
      idNumber: x['id_number'] ? maskIdNumber(x['id_number']) : null,
      villageName: x['village_name'] ?? null,
      address: x['address'] ?? null,
      householdType: x['household_type'] ?? null,
      variant: x['variant'] ?? null,
      lastOutcome: x['last_outcome'] ?? null,
      followUpDate: x['follow_up_date'] ?? null,
      carrierId: x['carrier_id'] ?? null,
      carrierName: x['carrier_name'] ?? null,
      doorRefused: optedOut({ no_contact: x['no_contact'] }, 'door'),
    }));
}

/**
 * The channel a campaign's outcomes are recorded under (a reply card says 商函 itself): 上门 when the campaign
 * goes door to door, else its first channel. Targets without an outcome yet are counted under it too.
 */
export function homeChannel(channels: readonly string[]): string | null {
  return channels.includes('door') ? 'door' : (channels[0] ?? null);
}

export interface VisitInput {
  id: string;
  targetId: string;
  outcome: Outcome;
  /** Fen. */
  turnover: number;
  revenue: number;
  followUpDate: string | null;
  note: string | null;
  visitedAt: string | null;
}

export function recordVisit(w: Writer, ctx: CallContext, v: VisitInput): { id: string; duplicate: boolean; outcome: string } {
  // A retry of a save that already landed: report what was recorded then, record nothing new.
  const earlier = w.value<string>('SELECT outcome FROM visits WHERE id = ?', [v.id]);
  if (earlier) return { id: v.id, duplicate: true, outcome: earlier };
  const t = w.get<{ campaign_id: string; campaign_name: string; customer_id: string; carrier_id: string | null; products: string; channels: string }>(
    'SELECT t.campaign_id, k.name AS campaign_name, t.customer_id, t.carrier_id, k.products, k.channels FROM campaign_targets t JOIN campaigns k ON k.id = t.campaign_id WHERE t.id = ?',
    [v.targetId],
  );
  if (!t) throw new AppError('NOT_FOUND', '该走访对象不存在');
  // Carriers enter only their own round; a clerk may enter for anyone (carriers without a PC of their own).
  if (ctx.role === 'carrier' && t.carrier_id !== ctx.userId) throw new AppError('FORBIDDEN', '只能录入派给自己的走访对象');
  if ((v.turnover || v.revenue) && v.outcome !== 'success')
    throw new AppError('VALIDATION', '只有“成功”的走访才能填写流转额和收入', [{ field: 'turnover', message: '未成功不应有金额' }]);
  const at = ctx.now.toISOString();
  const visitedAt = v.visitedAt ?? at;
  const channel = homeChannel(JSON.parse(t.channels) as string[]) ?? 'door';
  w.run(
    `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, follow_up_date, note, channel, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [v.id, t.campaign_id, v.targetId, t.customer_id, t.carrier_id, visitedAt, v.outcome, v.turnover, v.revenue, v.followUpDate, v.note, channel, ctx.actor, at],
  );
  w.run('UPDATE campaign_targets SET last_outcome = ?, last_visit_at = ?, follow_up_date = ? WHERE id = ?', [v.outcome, visitedAt, v.followUpDate, v.targetId]);
  const flags: string[] = [];
  if (v.outcome === 'success') {
    for (const line of JSON.parse(t.products) as string[]) {
      const fact = w.get<{ id: string }>('SELECT id FROM usage_facts WHERE customer_id = ? AND line = ? AND product IS NULL', [t.customer_id, line]);
      if (fact) w.run('UPDATE usage_facts SET last_date = ? WHERE id = ?', [visitedAt.slice(0, 10), fact.id]);
      else
        w.run(`INSERT INTO usage_facts (id, customer_id, line, product, first_date, last_date, source, created_at) VALUES (?, ?, ?, NULL, ?, ?, '走访', ?)`, [
          newId(),
          t.customer_id,
          line,
          visitedAt.slice(0, 10),
          visitedAt.slice(0, 10),
          at,
        ]);
    }
  }
  if (v.outcome === 'wrong_number') {
    w.run('UPDATE customers SET phone_flag = ? WHERE id = ?', [OUTCOMES.wrong_number.label, t.customer_id]);
    flags.push('phone_flag');
  }
  if (v.outcome === 'moved') {
    w.run('UPDATE customers SET address_flag = ? WHERE id = ?', [OUTCOMES.moved.label, t.customer_id]);
    flags.push('address_flag');
  }
  w.run('UPDATE customers SET maintained_at = ?, maintained_by = ?, updated_at = ? WHERE id = ?', [at, ctx.actor, at, t.customer_id]);
  recordMaintenance(w, ctx, t.customer_id, 'visit', [`outcome:${v.outcome}`, ...flags]);
  // An outcome changes the customer as an edit does (and money is entered with it): who entered what, for whom.
  // The note stays out: it is free text about a person, and the audit log can never be erased.
  audit(w, ctx, 'visit.record', 'customer', [t.customer_id], {
    visit: v.id,
    campaign: t.campaign_name,
    outcome: v.outcome,
    ...(v.turnover || v.revenue ? { turnover: v.turnover, revenue: v.revenue } : {}),
    ...(v.visitedAt ? { visitedAt: v.visitedAt } : {}),
    ...(flags.length ? { flagged: flags } : {}),
  });
  recomputeGrades(w, ctx.now, t.customer_id);
  advanceStage(w, ctx, t.campaign_id, 'visit');
  return { id: v.id, duplicate: false, outcome: v.outcome };
}
