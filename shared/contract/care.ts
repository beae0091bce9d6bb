/**
 * What clerks asked for after using the program: the recycle bin (已删除), the duplicate finder's 不是同一人,
 * and villages a branch does not serve. Spread into shared/contract.ts.
 */
import { z } from 'zod';
import type { Village } from '../domain';
import type { DeletedPage } from '../recycle';
import { op, staff } from '../contractOp';
import { entityId } from '../schemas';

export const careOps = {
  /** Deleted customers, newest first, with who deleted them, when and why; 恢复 is customers.restore. */
  'customers.deleted': op<DeletedPage>()({
    input: z
      .object({
        query: z.string().trim().max(50).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  /** 不是同一人: the pairs never come back as duplicates (a decision that syncs like other data). */
  'customers.notDuplicate': op<{ marked: number }>()({
    input: z
      .object({
        pairs: z
          .array(
            z
              .object({ a: entityId, b: entityId })
              .strict()
              .refine((p) => p.a !== p.b, { error: '不能把客户与自己比较' }),
          )
          .min(1, { error: '请至少给出一对客户' })
          .max(100),
      })
      .strict(),
    write: true,
    roles: staff,
  }),
  /** An official village outside the branch's area (不服务) leaves every KPI; served: true takes the mark back. */
  'villages.setServed': op<Village>()({
    input: z.object({ id: entityId, served: z.boolean({ error: '请选择是否服务' }) }).strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),
} as const;
