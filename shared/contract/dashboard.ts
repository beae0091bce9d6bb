import { z } from 'zod';
import type { Dashboard } from '../dashboard';
import { op, staff } from '../contractOp';
import { entityId } from '../schemas';

/** Contract entries of one area, spread into the one contract in shared/contract.ts. */
export const dashboardOps = {
  /** The 报表 dashboard for a year or one of its quarters; the funnel for all its campaigns or one. */
  'dashboard.get': op<Dashboard>()({
    input: z
      .object({
        year: z
          .number({ error: '请选择年份' })
          .int({ error: '年份应为整数' })
          .min(2000, { error: '年份不能早于 2000 年' })
          .max(2100, { error: '年份不能晚于 2100 年' }),
        quarter: z
          .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: '季度应为 1–4' })
          .nullish()
          .transform((v) => v ?? null),
        campaignId: entityId.nullish().transform((v) => v ?? null),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
} as const;
