/**
 * Synthetic campaigns for demos, tests and benchmarks: frozen targets (consenting customers), carriers
 * assigned by village, and visit outcomes with a realistic spread. Deterministic for a seed.
 */
import { hashPassword } from '../auth/passwords';
import type { Writer } from '../db/handles';
import { recomputeGrades } from '../services/grades';
import { Rng } from './random';

export const DEMO_CARRIER_PASSWORD = 'Demo-carrier-2026';
const NAMES = ['报刊征订', '储蓄上门', '保险回访', '集邮年册', '农资下乡', '代收费推广', '特快揽收', '包裹进村'];
const PRODUCTS: Record<string, string> = {
  报刊征订: '报刊',
  储蓄上门: '储蓄',
  保险回访: '保险',
  集邮年册: '集邮',
  农资下乡: '农资',
  代收费推广: '代收费',
  特快揽收: '特快',
  包裹进村: '包裹',
};
/** Outcome spread of a door-to-door round (cumulative). */
const SPREAD: [string, number][] = [
  ['not_home', 0.3],
  ['refused', 0.55],
  ['interested', 0.72],
  ['success', 0.85],
  ['wrong_number', 0.9],
  ['moved', 0.93],
  ['not_home', 1],
];
const DAY = 86_400_000;

export interface CampaignSeed {
  campaigns: number;
  visits: number;
  seed: number;
  now: Date;
  actor: string;
}

function ensureCarriers(w: Writer, now: Date, rng: Rng): string[] {
  const existing = w.all<{ id: string }>("SELECT id FROM users WHERE role = 'carrier' AND disabled_at IS NULL ORDER BY login").map((u) => u.id);
  if (existing.length > 0) return existing;
  const hash = hashPassword(DEMO_CARRIER_PASSWORD);
  const at = now.toISOString();
  return ['toudi1', 'toudi2', 'toudi3', 'toudi4'].map((login, i) => {
    const id = rng.uuid();
    w.run('INSERT INTO users (id, login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id,
      login,
      `投递员${i + 1}`,
      'carrier',
      hash,
      at,
      at,
    ]);
    return id;
  });
}

/** Inserts in batches (one durable write each) so half a million visits never make one giant log record. */
export function seedCampaigns(
  write: <T>(label: string, fn: (w: Writer) => T) => T,
  opts: CampaignSeed,
): { campaigns: number; targets: number; visits: number } {
  const rng = new Rng(opts.seed + 1000);
  const carriers = write('seed.carriers', (w) => ensureCarriers(w, opts.now, rng));
  const customers = write('seed.read', (w) =>
    w.all<{ id: string; village_id: string | null }>('SELECT id, village_id FROM customers WHERE deleted_at IS NULL AND consent = 1 ORDER BY id'),
  );
  const perCampaign = Math.min(customers.length, Math.max(50, Math.ceil((opts.visits / Math.max(1, opts.campaigns)) * 0.9)));
  const plan: { id: string; targets: string[]; start: number; end: number }[] = [];
  for (let i = 0; i < opts.campaigns; i++) {
    // One durable write per campaign keeps each change-log record to tens of megabytes.
    write('seed.campaign', (w) => {
      const name = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? `（第${Math.floor(i / NAMES.length) + 1}轮）` : ''}`;
      const id = rng.uuid();
      const start = opts.now.getTime() - (opts.campaigns - i) * 30 * DAY;
      const end = start + 45 * DAY;
      const at = new Date(start).toISOString();
      w.run(
        `INSERT INTO campaigns (id, name, products, channels, start_date, end_date, target_count, stage, frozen_at, created_at, created_by, updated_at)
         VALUES (?, ?, ?, '["door"]', ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          name,
          JSON.stringify([PRODUCTS[NAMES[i % NAMES.length]!]]),
          at.slice(0, 10),
          new Date(end).toISOString().slice(0, 10),
          perCampaign,
          end < opts.now.getTime() ? 'evaluation' : 'execution',
          at,
          at,
          opts.actor,
          at,
        ],
      );
      w.run('INSERT INTO campaign_stage_events (id, campaign_id, stage, at, by_user) VALUES (?, ?, ?, ?, ?)', [rng.uuid(), id, 'execution', at, opts.actor]);
      const offset = rng.int(0, Math.max(0, customers.length - perCampaign));
      const villageCarrier = new Map<string | null, string>();
      const targets: string[] = [];
      for (const c of customers.slice(offset, offset + perCampaign)) {
        if (!villageCarrier.has(c.village_id)) villageCarrier.set(c.village_id, carriers[villageCarrier.size % carriers.length]!);
        const tid = rng.uuid();
        targets.push(tid);
        w.run('INSERT INTO campaign_targets (id, campaign_id, customer_id, village_id, carrier_id, assigned_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          tid,
          id,
          c.id,
          c.village_id,
          villageCarrier.get(c.village_id)!,
          new Date(start + DAY).toISOString(),
          at,
        ]);
        w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, ?, ?)', [rng.uuid(), c.id, id, at]);
        w.run('UPDATE customers SET selection_count = selection_count + 1, last_selected_at = ? WHERE id = ?', [at, c.id]);
      }
      plan.push({ id, targets, start, end });
    });
  }
  let visits = 0;
  const batch = 50_000;
  while (visits < opts.visits && plan.length > 0) {
    const n = Math.min(batch, opts.visits - visits);
    write('seed.visits', (w) => {
      for (let i = 0; i < n; i++) {
        const c = plan[rng.int(0, plan.length - 1)]!;
        const targetId = c.targets[rng.int(0, c.targets.length - 1)]!;
        const t = w.get<{ customer_id: string; carrier_id: string }>('SELECT customer_id, carrier_id FROM campaign_targets WHERE id = ?', [targetId])!;
        const r = rng.next();
        const outcome = SPREAD.find(([, p]) => r < p)![0];
        const turnover = outcome === 'success' ? rng.int(50, 800) * 100 : 0;
        const when = new Date(c.start + rng.int(1, 40) * DAY).toISOString();
        w.run(
          `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, channel, entered_by, entered_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'door', ?, ?)`,
          [rng.uuid(), c.id, targetId, t.customer_id, t.carrier_id, when, outcome, turnover, Math.round(turnover * 0.3), opts.actor, when],
        );
        w.run('UPDATE campaign_targets SET last_outcome = ?, last_visit_at = ? WHERE id = ? AND (last_visit_at IS NULL OR last_visit_at <= ?)', [
          outcome,
          when,
          targetId,
          when,
        ]);
      }
    });
    visits += n;
  }
  write('seed.grades', (w) => recomputeGrades(w, opts.now));
  return { campaigns: plan.length, targets: plan.reduce((s, c) => s + c.targets.length, 0), visits };
}
