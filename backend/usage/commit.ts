/**
 * Applies a prepared extract in the caller's one write transaction: facts for matched rows, queue entries for
 * the rest, the import record, audit, grades. An automatic match is not maintenance — nobody checked the
 * record — so it adds facts and may lift a grade (四等 → 三等) but leaves maintained_at alone.
 */
import type { UsageImportResult } from '../../shared/usage';
import type { Writer } from '../db/handles';
import { audit } from '../auth/audit';
import type { CallContext } from '../services/context';
import { recomputeGrades } from '../services/grades';
import { newId } from '../services/ids';
import { applyFact, factKey, loadFacts, mergeFact, type FactInput } from './facts';
import type { PreparedRow, PreparedUsageImport } from './prepare';

/** Above this many touched customers one pass over all grades is cheaper than one query per customer. */
const GRADE_BULK = 500;

interface QueueRowOut {
  row: PreparedRow;
  firstDate: string | null;
  lastDate: string | null;
}

interface PendingEntry {
  id: string;
  first_date: string | null;
  last_date: string | null;
  candidates: string;
  best_score: number;
}

export const importSource = (fileName: string) => `业务系统导入：${fileName}`;

function writeQueue(
  w: Writer,
  importId: string,
  p: PreparedUsageImport,
  entries: Map<string, QueueRowOut>,
  pending: Map<string, PendingEntry>,
  at: string,
): void {
  for (const { row: r, firstDate, lastDate } of entries.values()) {
    const candidates = r.outcome.kind === 'queued' || r.outcome.kind === 'unmatched' ? r.outcome.candidates : [];
    const json = JSON.stringify(candidates);
    const best = candidates[0]?.score ?? 0;
    const old = pending.get(r.queueId);
    if (old) {
      const first = old.first_date && firstDate && old.first_date < firstDate ? old.first_date : (firstDate ?? old.first_date);
      const last = old.last_date && lastDate && old.last_date > lastDate ? old.last_date : (lastDate ?? old.last_date);
      if (first === old.first_date && last === old.last_date && json === old.candidates) continue;
      w.run('UPDATE usage_queue SET first_date = ?, last_date = ?, candidates = ?, best_score = ? WHERE id = ?', [first, last, json, best, r.queueId]);
      continue;
    }
    w.run(
      `INSERT INTO usage_queue (id, import_id, file_name, row_number, line, name, id_number, phone, village_id, village_text, address, product,
         first_date, last_date, amount_band, person_key, candidates, best_score, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)
       ON CONFLICT(id) DO NOTHING`,
      [
        r.queueId,
        importId,
        p.fileName,
        r.row,
        r.line,
        r.name,
        r.idNumber,
        r.phone,
        r.villageId,
        r.villageText,
        r.address,
        r.product,
        firstDate,
        lastDate,
        r.amountBand,
        r.personKey,
        json,
        best,
        at,
      ],
    );
  }
}

export function commitUsageImport(w: Writer, ctx: CallContext, p: PreparedUsageImport): UsageImportResult {
  const at = ctx.now.toISOString();
  const importId = newId();
  // A customer deleted or merged away since the file was checked is no longer a match: its rows are queued.
  const alive = new Set(w.all<{ id: string }>('SELECT id FROM customers WHERE deleted_at IS NULL').map((c) => c.id));
  const facts = new Map<string, FactInput>();
  const queue = new Map<string, QueueRowOut>();
  const autoResolved = new Map<string, string>();
  let matched = 0;
  let queued = 0;
  let unmatched = 0;
  let discardedBefore = 0;
  for (const r of p.rows) {
    const o = r.outcome;
    if (o.kind === 'discarded') {
      discardedBefore++;
      continue;
    }
    if (o.kind === 'matched' && alive.has(o.customerId)) {
      matched++;
      const f: FactInput = {
        customerId: o.customerId,
        line: r.line,
        product: r.product,
        firstDate: r.firstDate,
        lastDate: r.lastDate,
        amountBand: r.amountBand,
      };
      const k = factKey(f.customerId, f.line, f.product);
      const into = facts.get(k);
      if (into) mergeFact(into, f);
      else facts.set(k, f);
      if (!o.decided) autoResolved.set(r.queueId, o.customerId);
      continue;
    }
    if (o.kind === 'queued') queued++;
    else unmatched++;
    const q = queue.get(r.queueId);
    if (!q) queue.set(r.queueId, { row: r, firstDate: r.firstDate, lastDate: r.lastDate });
    else {
      if (r.firstDate && (!q.firstDate || r.firstDate < q.firstDate)) q.firstDate = r.firstDate;
      if (r.lastDate && (!q.lastDate || r.lastDate > q.lastDate)) q.lastDate = r.lastDate;
    }
  }

  const existing = loadFacts(w, [...new Set([...facts.values()].map((f) => f.line))]);
  const src = { source: importSource(p.fileName), importId, at };
  let added = 0;
  let updated = 0;
  const touched = new Set<string>();
  for (const [k, f] of facts) {
    const result = applyFact(w, existing.get(k), f, src);
    if (result === 'added') added++;
    if (result === 'updated') updated++;
    if (result !== 'same') touched.add(f.customerId);
  }
  const pending = new Map(
    w.all<PendingEntry>("SELECT id, first_date, last_date, candidates, best_score FROM usage_queue WHERE status = 'pending'").map((e) => [e.id, e]),
  );
  writeQueue(w, importId, p, queue, pending, at);
  // A row still waiting from an earlier import that now matches on its own (the clerk has since added the
  // customer by hand, say) leaves the queue.
  for (const [queueId, customerId] of autoResolved) {
    if (!pending.has(queueId)) continue;
    w.run("UPDATE usage_queue SET status = 'picked', customer_id = ?, resolved_at = ?, resolved_by = '自动匹配' WHERE id = ? AND status = 'pending'", [
      customerId,
      at,
      queueId,
    ]);
  }

  const problemRows = new Set(p.problems.map((x) => x.row)).size;
  w.run(
    `INSERT INTO usage_imports (id, line, file_name, file_sha256, as_of, at, by_user, rows, matched, queued, unmatched, facts, problems)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [importId, p.line, p.fileName, p.fileSha256, p.asOf, at, ctx.actor, p.dataRows, matched, queued, unmatched, added, problemRows],
  );
  if (touched.size > GRADE_BULK) recomputeGrades(w, ctx.now);
  else for (const id of touched) recomputeGrades(w, ctx.now, id);
  audit(w, ctx, 'usage.import', 'usage_import', [importId], {
    file: p.fileName,
    line: p.line,
    rows: p.dataRows,
    matched,
    queued,
    unmatched,
    facts: added,
    factsUpdated: updated,
  });
  return { importId, matched, queued, unmatched, facts: added, factsUpdated: updated, discardedBefore, problems: p.problems };
}
