import type { FormInstance } from 'antd';
import { AppError, type FieldProblem } from '../../../shared/errors';

/** The Chinese sentence to show for any failure, whether it came from the backend or the page itself. */
export function errorText(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof Error && e.message) return `出错了：${e.message}`;
  return '出错了，请重试';
}

export function problemsOf(e: unknown): FieldProblem[] {
  return e instanceof AppError && e.problems ? e.problems : [];
}

/**
 * Puts the backend's per-field problems under the matching form fields. Paths arrive as the operation saw them
 * ("fields.idNumber" for an update wrapped in {id, fields}); only the last segment that names a form field counts.
 * Returns how many problems found a field, so the caller can decide whether a toast is still needed.
 */
export function applyProblems(form: FormInstance, e: unknown, fieldNames: readonly string[]): number {
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  for (const p of problemsOf(e)) {
    const name = p.field
      .split('.')
      .reverse()
      .find((seg) => known.has(seg));
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), p.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size;
}
