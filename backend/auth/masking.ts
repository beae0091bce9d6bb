/**
 * ID numbers leave the backend masked (3714**********123X) for roles without full view, whatever the
 * operation: the walk covers every `idNumber` field of any result, so a new list cannot forget it.
 */
import type { Role } from '../../shared/domain';
import { maskIdNumber } from '../../shared/idNumber';

export const FULL_ID_ROLES: readonly Role[] = ['admin', 'supervisor'];

export function maskIds<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskIds(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = k === 'idNumber' && typeof v === 'string' && !v.includes('*') ? maskIdNumber(v) : maskIds(v);
  }
  return out as T;
}
