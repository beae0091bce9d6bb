/** Building blocks of contract entries, shared by contract.ts and the per-area groups in shared/contract/. */
import { z } from 'zod';
import type { Role } from './domain';
import { ROLES } from './domain';

export interface OpSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  write: boolean;
  roles: readonly Role[];
  /** Callable without a log-in (log-in itself, first start, what the log-in screen shows). */
  public?: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

export function op<O>() {
  return <I extends z.ZodType>(spec: { input: I; write: boolean; roles?: readonly Role[]; public?: boolean }): OpSpec<I, O> => ({
    roles: ROLES,
    ...spec,
  });
}

export const none = z.object({}).strict();
export const fen = z.number({ error: '金额应为数字' }).int({ error: '金额应以分为单位的整数' }).min(0, { error: '金额不能为负' }).max(1e12);
export const ymdDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
export const staff: readonly Role[] = ['admin', 'supervisor', 'clerk'];
