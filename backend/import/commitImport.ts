import type { ImportResult } from '../../shared/domain';
import { columnsOfField, type CustomerFields } from '../../shared/customerFields';
import type { Writer } from '../db/handles';
import type { CallContext } from '../services/context';
import { columnsOf, recordMaintenance, recordMaintenanceOfMany } from '../services/customers';
import { gradeOf } from '../../shared/grading';
import { recomputeGrades } from '../services/grades';
import { audit } from '../auth/audit';
import { newId } from '../services/ids';
import { allocateCodes } from '../services/customerCodes';
import type { PreparedImport } from './customerImport';
import type { UsageItem } from './customerRows';

export type OnDuplicate = 'update' | 'skip';

/** Column names of the customer fields a file row carried a value for. */
function presentColumns(present: Set<keyof CustomerFields>): Set<string> {
  return new Set([...present].flatMap(columnsOfField));
}

function addUsage(w: Writer, ctx: CallContext, customerId: string, items: UsageItem[], importId: string): void {
  for (const u of items) {
    const exists = w.value('SELECT 1 FROM usage_facts WHERE customer_id = ? AND line = ? AND product IS ?', [customerId, u.line, u.product]);
    if (exists) continue;
    w.run(`INSERT INTO usage_facts (id, customer_id, line, product, source, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [
      newId(),
      customerId,
      u.line,
      u.product,
      `导入:${importId}`,
      ctx.now.toISOString(),
    ]);
  }
}

/** Applies a prepared import inside the caller's write transaction (all rows or none). */
export function commitImport(w: Writer, ctx: CallContext, p: PreparedImport, onDuplicate: OnDuplicate): ImportResult {
  const at = ctx.now.toISOString();
  const importId = newId();
  let inserted = 0;
  let updated = 0;
  let skipped = 0;
  const touched: string[] = [];
  // A new row is maintained now and never selected: 二等 by the rules. Set on insert rather than by a second
  // pass that would rewrite (and re-log) every new row.
  const newGrade = gradeOf({ maintainedAt: at, selectionsWithinYear: 0, hasUsage: false }, ctx.now);
  let insertSql: string | undefined;
  const codes = allocateCodes(w, p.valid.filter((v) => !v.match).length);
  let nextCode = 0;
  // New rows' maintenance events, by their field list (rows with consent also carry its source).
  const newByFields = new Map<string, string[]>();
  for (const row of p.valid) {
    const cols = columnsOf(row.fields);
    if (row.match) {
      if (onDuplicate === 'skip') {
        skipped++;
        continue;
      }
      const keep = presentColumns(row.present);
      const before = w.get<Record<string, unknown>>('SELECT * FROM customers WHERE id = ?', [row.match.id]) ?? {};
      const changed = Object.entries(cols).filter(([k, v]) => keep.has(k) && before[k] !== v);
      if (changed.length > 0) {
        w.run(`UPDATE customers SET ${changed.map(([k]) => `${k} = ?`).join(', ')}, updated_at = ?, maintained_at = ?, maintained_by = ? WHERE id = ?`, [
          ...changed.map(([, v]) => v),
          at,
          at,
          ctx.actor,
          row.match.id,
        ]);
        recordMaintenance(
          w,
          ctx,
          row.match.id,
          'import',
          changed.map(([k]) => k),
        );
      }
      addUsage(w, ctx, row.match.id, row.usage, importId);
      touched.push(row.match.id);
      updated++;
    } else {
      const id = newId();
      // The consent's date and source live on the new record itself (the access export shows them); only later
      // changes add consent events, which keeps a 100k-row import from writing 80k extra rows.
      if (row.fields.consent && !cols.consent_source) cols.consent_source = `导入:${p.fileName}`;
      // no_contact first and always, so every new row has the same columns as the one insertSql was built for.
      const all = {
        no_contact: '[]',
        ...cols,
        id,
        code: codes[nextCode++]!,
        grade: newGrade,
        grade_at: at,
        consent_at: row.fields.consent ? at : null,
        created_at: at,
        created_by: ctx.actor,
        updated_at: at,
        maintained_at: at,
        maintained_by: ctx.actor,
      };
      insertSql ??= `INSERT INTO customers (${Object.keys(all).join(', ')}) VALUES (${Object.keys(all)
        .map(() => '?')
        .join(', ')})`;
      w.run(insertSql, Object.values(all));
      const fields = Object.keys(cols).join('\u0001');
      const same = newByFields.get(fields);
      if (same) same.push(id);
      else newByFields.set(fields, [id]);
      addUsage(w, ctx, id, row.usage, importId);
      inserted++;
    }
  }
  for (const [fields, ids] of newByFields) recordMaintenanceOfMany(w, ctx, ids, 'import', fields.split('\u0001'));
  const errors = p.problems.map((x) => ({ row: x.row, column: x.column, message: x.message }));
  w.run('INSERT INTO imports (id, kind, file_name, at, by_user, inserted, updated, skipped, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    importId,
    'customers',
    p.fileName,
    at,
    ctx.actor,
    inserted,
    updated,
    skipped,
    new Set(errors.map((e) => e.row)).size,
  ]);
  for (const id of touched) recomputeGrades(w, ctx.now, id);
  audit(w, ctx, 'import', 'customer', [importId], { file: p.fileName, inserted, updated, skipped, problemRows: new Set(errors.map((e) => e.row)).size });
  return { importId, inserted, updated, skipped, errors };
}
