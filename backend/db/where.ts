/**
 * A WHERE clause built from optional filters: each helper adds its condition (AND-ed, in call order) and its
 * parameters only when the filter was given, so values are always bound, never spliced into the text.
 *
 *   const w = where('c.deleted_at IS NULL').eq('c.village_id', q.villageId).in('c.grade', q.grades);
 *   r.all(`SELECT … FROM customers c ${w.sql} LIMIT ?`, [...w.params, limit]);
 */
import type { SqlValue } from 'sql.js';

/** A piece of SQL with its parameters (rounds.ts, customerScope.ts). */
export interface SqlCondition {
  sql: string;
  params: readonly SqlValue[];
}

type Given<T> = T | undefined | null;
const absent = (v: unknown) => v === undefined || v === null || v === '';

/** `%text%` for LIKE, with the user's own % and _ dropped so they match nothing special. */
export const containsPattern = (text: string) => `%${text.replace(/[%_]/g, '')}%`;

export class Where {
  private readonly conds: string[];
  readonly params: SqlValue[] = [];

  constructor(fixed: readonly string[]) {
    this.conds = [...fixed];
  }

  /** A condition written out, with the parameters of its placeholders. */
  raw(sql: string, ...params: readonly SqlValue[]): this {
    this.conds.push(sql);
    this.params.push(...params);
    return this;
  }

  /** `col = ?` when a value was given (not undefined, null or empty). */
  eq(col: string, value: Given<SqlValue>): this {
    return absent(value) ? this : this.raw(`${col} = ?`, value!);
  }

  /** `col IN (?, …)` when the list has values. */
  in(col: string, values: Given<readonly SqlValue[]>): this {
    if (!values || values.length === 0) return this;
    return this.raw(`${col} IN (${placeholders(values.length)})`, ...values);
  }

  /** `col op ?` (one end of a range) when a value was given. */
  cmp(col: string, op: '<' | '<=' | '>' | '>=', value: Given<SqlValue>): this {
    return absent(value) ? this : this.raw(`${col} ${op} ?`, value!);
  }

  /** `col LIKE ?` containing the text; several columns are OR-ed, in parentheses. Nothing for empty text. */
  contains(cols: string | readonly string[], text: Given<string>): this {
    if (absent(text)) return this;
    const list = typeof cols === 'string' ? [cols] : cols;
    const pattern = containsPattern(text!);
    const sql = list.map((c) => `${c} LIKE ?`).join(' OR ');
    return this.raw(list.length > 1 ? `(${sql})` : sql, ...list.map(() => pattern));
  }

  /** A condition built elsewhere (a carrier's round, a running campaign), if any. */
  part(p: SqlCondition | null | undefined): this {
    return p ? this.raw(p.sql, ...p.params) : this;
  }

  /** The conditions joined with AND, without the keyword (for callers that add their own). */
  get conditions(): string {
    return this.conds.join(' AND ');
  }

  /** `WHERE …`, or '' when there is no condition. */
  get sql(): string {
    return this.conds.length ? `WHERE ${this.conditions}` : '';
  }
}

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A WHERE clause starting with conditions that always hold (e.g. 'c.deleted_at IS NULL'). */
export function where(...fixed: string[]): Where {
  return new Where(fixed);
}
