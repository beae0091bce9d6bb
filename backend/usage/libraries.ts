/**
 * Libraries: named sets of customers defined by a rule, never by a stored member list, so they can't go
 * stale. A line library (专业库) is everyone with a usage fact of the line; a special-group library
 * (个性化名址库) is everyone with its tag, optionally narrowed by household type and age. Rules compile to the
 * campaigns' segment filter, so a library is also a ready-made selection.
 */
import type { SegmentFilter } from '../../shared/campaign';
import type { CustomerPage } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Library, LibraryKind } from '../../shared/usage';
import type { Reader, Writer } from '../db/handles';
import { audit } from '../auth/audit';
import { compileSegment, countSegment } from '../campaigns/segment';
import type { CallContext } from '../services/context';
import { LIST_COLUMNS, toRow, type ListDbRow } from '../services/customers';
import { groupLibraryId } from './keys';

export interface LibraryRule {
  line?: string;
  tag?: string;
  householdTypes?: string[];
  ageMin?: number;
  ageMax?: number;
}

interface LibraryDbRow {
  id: string;
  kind: LibraryKind;
  name: string;
  rule: string;
  builtin: number;
}

export function filterOf(rule: LibraryRule): SegmentFilter {
  return {
    ...(rule.line ? { usage: [{ line: rule.line, has: true }] } : {}),
    ...(rule.tag ? { tags: [rule.tag] } : {}),
    ...(rule.householdTypes?.length ? { householdTypes: rule.householdTypes } : {}),
    ...(rule.ageMin !== undefined ? { ageMin: rule.ageMin } : {}),
    ...(rule.ageMax !== undefined ? { ageMax: rule.ageMax } : {}),
  };
}

const onlyKey = (rule: LibraryRule, key: 'line' | 'tag') => rule[key] !== undefined && Object.keys(rule).every((k) => k === key);

/** Counts of every library: the plain line and tag ones from one grouped pass each, the rest one query apiece. */
export function libraryCounts(r: Reader, rows: readonly LibraryDbRow[], now: Date): Map<string, number> {
  const rules = rows.map((l) => ({ id: l.id, rule: JSON.parse(l.rule) as LibraryRule }));
  const byLine = new Map<string, number>();
  const byTag = new Map<string, number>();
  if (rules.some((x) => onlyKey(x.rule, 'line'))) {
    for (const x of r.all<{ line: string; n: number }>(
      'SELECT u.line, COUNT(DISTINCT u.customer_id) AS n FROM usage_facts u JOIN customers c ON c.id = u.customer_id WHERE c.deleted_at IS NULL GROUP BY u.line',
    ))
      byLine.set(x.line, Number(x.n));
  }
  if (rules.some((x) => onlyKey(x.rule, 'tag'))) {
    for (const x of r.all<{ tag: string; n: number }>(
      "SELECT t.value AS tag, COUNT(DISTINCT c.id) AS n FROM customers c, json_each(c.tags) t WHERE c.deleted_at IS NULL AND c.tags <> '[]' GROUP BY t.value",
    ))
      byTag.set(x.tag, Number(x.n));
  }
  const out = new Map<string, number>();
  for (const { id, rule } of rules) {
    if (onlyKey(rule, 'line')) out.set(id, byLine.get(rule.line!) ?? 0);
    else if (onlyKey(rule, 'tag')) out.set(id, byTag.get(rule.tag!) ?? 0);
    else out.set(id, countSegment(r, filterOf(rule), now).matched);
  }
  return out;
}

function activeLibraries(r: Reader): LibraryDbRow[] {
  return r.all<LibraryDbRow>('SELECT id, kind, name, rule, builtin FROM customer_libraries WHERE deleted_at IS NULL ORDER BY kind DESC, sort, name');
}

export function listLibraries(r: Reader, now: Date): Library[] {
  const rows = activeLibraries(r);
  const counts = libraryCounts(r, rows, now);
  return rows.map((l) => {
    const rule = JSON.parse(l.rule) as LibraryRule;
    return {
      id: l.id,
      kind: l.kind,
      name: l.name,
      tag: rule.tag ?? null,
      line: rule.line ?? null,
      householdTypes: rule.householdTypes ?? [],
      ageMin: rule.ageMin ?? null,
      ageMax: rule.ageMax ?? null,
      builtin: l.builtin === 1,
      count: counts.get(l.id) ?? 0,
    };
  });
}

export function getLibrary(r: Reader, id: string): LibraryDbRow & { rule: string } {
  const l = r.get<LibraryDbRow>('SELECT id, kind, name, rule, builtin FROM customer_libraries WHERE id = ? AND deleted_at IS NULL', [id]);
  if (!l) throw new AppError('NOT_FOUND', '该客户库不存在或已被删除');
  return l;
}

export interface GroupLibraryInput {
  id?: string | undefined;
  name: string;
  tag: string;
  householdTypes: string[];
  ageMin: number | null;
  ageMax: number | null;
}

/** A special-group library the branch adds or narrows; line libraries follow the lines and are not edited here. */
export function saveGroupLibrary(w: Writer, ctx: CallContext, input: GroupLibraryInput): Library[] {
  const rule: LibraryRule = {
    tag: input.tag,
    ...(input.householdTypes.length ? { householdTypes: input.householdTypes } : {}),
    ...(input.ageMin !== null ? { ageMin: input.ageMin } : {}),
    ...(input.ageMax !== null ? { ageMax: input.ageMax } : {}),
  };
  const at = ctx.now.toISOString();
  const clash = w.value<string>('SELECT id FROM customer_libraries WHERE name = ? AND deleted_at IS NULL AND id IS NOT ?', [input.name, input.id ?? null]);
  if (clash) throw new AppError('CONFLICT', `已有名为“${input.name}”的客户库`);
  if (input.id) {
    const l = getLibrary(w, input.id);
    if (l.kind !== 'group') throw new AppError('VALIDATION', '专业库由业务类别决定，不能在此修改');
    w.run('UPDATE customer_libraries SET name = ?, rule = ?, updated_at = ? WHERE id = ?', [input.name, JSON.stringify(rule), at, input.id]);
  } else {
    w.run(
      `INSERT INTO customer_libraries (id, kind, name, rule, builtin, sort, created_at, updated_at) VALUES (?, 'group', ?, ?, 0, 100, ?, ?)
       ON CONFLICT(id) DO UPDATE SET rule = excluded.rule, deleted_at = NULL, updated_at = excluded.updated_at`,
      [groupLibraryId(input.name), input.name, JSON.stringify(rule), at, at],
    );
  }
  audit(w, ctx, 'usage.librarySave', 'customer_library', [input.id ?? groupLibraryId(input.name)], { name: input.name, rule });
  return listLibraries(w, ctx.now);
}

export function deleteLibrary(w: Writer, ctx: CallContext, id: string): Library[] {
  const l = getLibrary(w, id);
  if (l.builtin) throw new AppError('VALIDATION', `“${l.name}”是内置的客户库，不能删除`);
  const at = ctx.now.toISOString();
  w.run('UPDATE customer_libraries SET deleted_at = ?, updated_at = ? WHERE id = ?', [at, at, id]);
  w.run('UPDATE collection_plans SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE library_id = ? AND deleted_at IS NULL', [at, at, ctx.actor, id]);
  audit(w, ctx, 'usage.libraryDelete', 'customer_library', [id], { name: l.name });
  return listLibraries(w, ctx.now);
}

/** The members of one library, a page at a time, for the library screen. */
export function libraryMembers(r: Reader, id: string, now: Date, offset: number, limit: number): CustomerPage {
  const { where, params } = compileSegment(filterOf(JSON.parse(getLibrary(r, id).rule) as LibraryRule), now);
  const total = Number(r.value(`SELECT COUNT(*) FROM customers c WHERE ${where}`, params) ?? 0);
  const rows = r.all<ListDbRow>(
    `SELECT ${LIST_COLUMNS}
     FROM customers c LEFT JOIN villages v ON v.id = c.village_id WHERE ${where} ORDER BY c.grade, v.name, c.name, c.id LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  return { total, rows: rows.map(toRow) };
}
