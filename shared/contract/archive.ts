/**
 * Yearly campaign archives (活动归档), spread into shared/contract.ts. Moving a year's campaigns out of the working
 * database is an administrator's decision; supervisors may look at what is archived and what could be.
 */
import { z } from 'zod';
import type { ArchiveOverview, ArchiveRunResult } from '../archive';
import { none, op } from '../contractOp';
import { entityId } from '../schemas';

export const archiveOps = {
  'archive.overview': op<ArchiveOverview>()({ input: none, write: false, roles: ['admin', 'supervisor'] }),
  'archive.run': op<ArchiveRunResult>()({
    input: z
      .object({
        /** The campaigns to move; all candidates when left out. */
        ids: z.array(entityId).min(1, { error: '请至少选择一个活动' }).max(1000).optional(),
      })
      .strict(),
    write: true,
    roles: ['admin'],
  }),
};
