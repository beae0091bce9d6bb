import type { ImportResult } from '../../shared/domain';
import { columnsOfField, type CustomerFields } from '../../shared/customerFields';
import type { SqlValue } from 'sql.js';
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

/** The columns a new row gets besides its fields, in the order newRowsOf's statement binds them. */
const NEW_ROW_COLUMNS = ['id', 'code', 'grade', 'grade_at', 'consent_at', 'created_at', 'created_by', 'updated_at', 'maintained_at', 'maintained_by'];

interface NewRows {
  sql: string;
  /** The field columns the rows fill (their maintenance event lists them). */
  fields: string[];
  /** no_contact is not among them: the statement sets it to the empty list. */
  noContact: boolean;
  ids: string[];
}

function newRowsOf(fields: string[]): NewRows {
  const noContact = !fields.includes('no_contact');
  const names = [...(noContact ? ['no_contact'] : []), ...fields, ...NEW_ROW_COLUMNS];
  return { sql: `INSERT INTO customers (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, fields, noContact, ids: [] };
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
  const codes = allocateCodes(w, p.valid.filter((v) => !v.match).length);
  let nextCode = 0;
  // New rows by the columns their fields fill: one insert statement and one maintenance event statement each.
  const newRows = new Map<string, NewRows>();
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
      const fields = Object.keys(cols);
      const key = fields.join(',');
      let group = newRows.get(key);
      if (!group) newRows.set(key, (group = newRowsOf(fields)));
      // Values in the statement's column order, built straight into the array bound (no object per row).
      const values: SqlValue[] = group.noContact ? ['[]'] : [];
      for (const f of fields) values.push(cols[f] ?? null);
      values.push(id, codes[nextCode++]!, newGrade, at, row.fields.consent ? at : null, at, ctx.actor, at, at, ctx.actor);
      w.run(group.sql, values);
      group.ids.push(id);
      addUsage(w, ctx, id, row.usage, importId);
      inserted++;
    }
  }
  for (const g of newRows.values()) recordMaintenanceOfMany(w, ctx, g.ids, 'import', g.fields);
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
