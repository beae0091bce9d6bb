/**
 * The letter being edited, kept apart from the saved template: custom fields are rows (so a half-typed name or
 * two rows with one name survive until the clerk fixes them) and become the record the contract wants on save.
 */
import { DEFAULT_TEMPLATE, type LetterTemplate, type TemplateText } from '../../../../../shared/letter';

export type TextPart = 'title' | 'body' | 'signoff';

export interface FieldRow {
  /** Stable React key; names change while typed. */
  key: string;
  name: string;
  value: string;
}

export interface Draft {
  title: string;
  body: string;
  signoff: string;
  rows: FieldRow[];
}

let nextKey = 0;
export const newRow = (name = '', value = ''): FieldRow => ({ key: `f${++nextKey}`, name, value });

export function toDraft(t: TemplateText): Draft {
  return { title: t.title, body: t.body, signoff: t.signoff, rows: Object.entries(t.fields).map(([name, value]) => newRow(name, value)) };
}

/** Rows without a name are dropped, as the backend would; a repeated name keeps the last value. */
export function toText(d: Draft): TemplateText {
  const fields: Record<string, string> = {};
  for (const r of d.rows) if (r.name.trim()) fields[r.name.trim()] = r.value;
  return { title: d.title, body: d.body, signoff: d.signoff, fields };
}

export function duplicateNames(d: Draft): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of d.rows) {
    const n = r.name.trim();
    if (!n) continue;
    if (seen.has(n)) dup.add(n);
    seen.add(n);
  }
  return [...dup];
}

export const sameText = (a: TemplateText, b: TemplateText) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a variant prints with and where the editor starts: its own template, else the common one (''), else the
 * starting text. `own` says whether the variant has a template of its own.
 */
export function startingPoint(templates: LetterTemplate[], variant: string): { text: TemplateText; own: LetterTemplate | null; common: LetterTemplate | null } {
  const own = templates.find((t) => t.variant === variant) ?? null;
  const common = templates.find((t) => t.variant === '') ?? null;
  const from = own ?? common ?? DEFAULT_TEMPLATE;
  // Only the text: the baseline is compared as JSON, and a saved template also carries its id and dates.
  return { text: { title: from.title, body: from.body, signoff: from.signoff, fields: from.fields }, own, common };
}

/** Puts `insert` in place of the selection [start, end) and says where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { text: text.slice(0, s) + insert + text.slice(e), caret: s + insert.length };
}
