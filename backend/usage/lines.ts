/**
 * The configurable list of business lines (储蓄, 保险, 报刊 …). A file, a column or a clerk may name a line by
 * any of its aliases (机票 = 航空机票, EMS = 特快); facts always store the line's own name, so segments,
 * grades and libraries see one spelling.
 */
import type { UsageLine } from '../../shared/usage';
import { AppError } from '../../shared/errors';
import { toHalfWidth } from '../../shared/idNumber';
import type { Reader, Writer } from '../db/handles';
import { audit } from '../auth/audit';
import type { CallContext } from '../services/context';
import { lineId, lineLibraryId } from './keys';

interface LineRow {
  id: string;
  name: string;
  aliases: string;
  product_label: string | null;
}

const key = (s: string) => toHalfWidth(s).toUpperCase();

export interface LineResolver {
  names: string[];
  /** The line's own name for a name or alias, or null. */
  resolve(text: string): string | null;
  /** The one line whose name or alias occurs in a free text (a file name, a title row), or null if none or several. */
  find(text: string): string | null;
}

export function lineResolver(r: Reader): LineResolver {
  const rows = r.all<LineRow>('SELECT id, name, aliases, product_label FROM usage_lines WHERE deleted_at IS NULL ORDER BY sort, name');
  const byKey = new Map<string, string>();
  for (const l of rows) for (const a of [l.name, ...(JSON.parse(l.aliases) as string[])]) byKey.set(key(a), l.name);
  // Longest spellings first, so 航空机票 in a file name is not also read as a shorter alias inside it.
  const spellings = [...byKey.entries()].sort((a, b) => b[0].length - a[0].length);
  return {
    names: rows.map((l) => l.name),
    resolve: (text) => byKey.get(key(text.trim())) ?? null,
    find: (text) => {
      let t = key(text);
      const found = new Set<string>();
      for (const [spelling, name] of spellings) {
        if (!t.includes(spelling)) continue;
        found.add(name);
        t = t.split(spelling).join('\u0000');
      }
      return found.size === 1 ? [...found][0]! : null;
    },
  };
}

export function unknownLineError(text: string, names: readonly string[]): AppError {
  return new AppError('VALIDATION', `无法识别业务类别“${text}”。可用的业务类别：${names.join('、')}（可在“用邮信息 → 业务类别”中添加）`);
}

export function listLines(r: Reader): UsageLine[] {
  const stats = new Map(
    r
      .all<{ line: string; facts: number; customers: number }>(
        `SELECT u.line, COUNT(*) AS facts, COUNT(DISTINCT u.customer_id) AS customers
       FROM usage_facts u JOIN customers c ON c.id = u.customer_id AND c.deleted_at IS NULL GROUP BY u.line`,
      )
      .map((s) => [s.line, s]),
  );
  return r.all<LineRow>('SELECT id, name, aliases, product_label FROM usage_lines WHERE deleted_at IS NULL ORDER BY sort, name').map((l) => ({
    id: l.id,
    name: l.name,
    aliases: JSON.parse(l.aliases) as string[],
    productLabel: l.product_label,
    facts: Number(stats.get(l.name)?.facts ?? 0),
    customers: Number(stats.get(l.name)?.customers ?? 0),
  }));
}

/** Adds a line (and its 专业库) or changes an existing one's aliases; the name of a line never changes. */
export function saveLine(w: Writer, ctx: CallContext, input: { name: string; aliases: string[]; productLabel: string | null }): UsageLine[] {
  const resolver = lineResolver(w);
  for (const a of input.aliases) {
    const owner = resolver.resolve(a);
    if (owner && owner !== input.name) throw new AppError('CONFLICT', `别名“${a}”已属于业务类别“${owner}”`);
  }
  const existingOwner = resolver.resolve(input.name);
  if (existingOwner && existingOwner !== input.name) throw new AppError('CONFLICT', `“${input.name}”已是业务类别“${existingOwner}”的别名`);
  const at = ctx.now.toISOString();
  const id = lineId(input.name);
  const aliases = JSON.stringify([...new Set(input.aliases.filter((a) => a !== input.name))]);
  const sort = Number(w.value('SELECT IFNULL(MAX(sort), 0) + 1 FROM usage_lines') ?? 0);
  w.run(
    `INSERT INTO usage_lines (id, name, aliases, product_label, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET aliases = excluded.aliases, product_label = excluded.product_label, updated_at = excluded.updated_at, deleted_at = NULL`,
    [id, input.name, aliases, input.productLabel, sort, at, at],
  );
  w.run(
    `INSERT INTO customer_libraries (id, kind, name, rule, builtin, sort, created_at, updated_at) VALUES (?, 'line', ?, ?, 1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET deleted_at = NULL, updated_at = excluded.updated_at`,
    [lineLibraryId(input.name), `${input.name}客户`, JSON.stringify({ line: input.name }), sort, at, at],
  );
  audit(w, ctx, 'usage.lineSave', 'usage_line', [id], input);
  return listLines(w);
}
