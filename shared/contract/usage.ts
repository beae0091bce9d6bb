/**
 * Usage data from the business systems (issue 11): extract import, review queue (勾挑核对), business lines,
 * libraries and the collection plan. Spread into the one contract in shared/contract.ts.
 */
import { z } from 'zod';
import type { CustomerPage } from '../domain';
import type {
  Library,
  PlanItem,
  QueueDecision,
  QueueDetail,
  QueuePage,
  UsageImportPreview,
  UsageImportResult,
  UsageImportRow,
  UsageLine,
  UsageSummary,
} from '../usage';
import { none, op, staff, ymdDate } from '../contractOp';

const id = z.string({ error: '缺少编号' }).min(1, { error: '缺少编号' }).max(64);
const lineName = z.string({ error: '请填写业务类别' }).trim().min(1, { error: '请填写业务类别' }).max(20, { error: '业务类别不超过 20 个字' });
const quarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: '季度应为 1–4' });
const year = z.number({ error: '请填写年份' }).int().min(2000, { error: '年份应在 2000–2100 之间' }).max(2100, { error: '年份应在 2000–2100 之间' });
const extractField = z.enum(['name', 'idNumber', 'phone', 'village', 'address', 'line', 'product', 'firstDate', 'lastDate', 'amount', 'account'], {
  error: '未知的字段',
});

export const usageOps = {
  'usage.lines': op<UsageLine[]>()({ input: none, write: false, roles: staff }),
  'usage.lineSave': op<UsageLine[]>()({
    input: z
      .object({
        name: lineName,
        aliases: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
        productLabel: z
          .string()
          .trim()
          .max(20)
          .nullish()
          .transform((v) => v || null),
      })
      .strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),

  /** Reads and matches an extract as a job (jobs.get for progress), then usage.importPreview; nothing is written yet. */
  'usage.importStart': op<{ jobId: string }>()({
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64: z.string().min(1, { error: '文件是空的' }),
        /** The business line of every row; omitted = from a column of the file, its name or its title. */
        line: lineName.optional(),
        /** The extract's date, for rows that carry none; default today. */
        asOf: ymdDate.optional(),
        mapping: z.partialRecord(extractField, z.number().int().min(0).max(500)).optional(),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  'usage.importPreview': op<UsageImportPreview>()({ input: z.object({ jobId: id }).strict(), write: false, roles: staff }),
  /** Applies the matched rows and queues the rest, in one transaction. */
  'usage.importCommit': op<UsageImportResult>()({ input: z.object({ jobId: id }).strict(), write: true, roles: staff }),
  'usage.imports': op<UsageImportRow[]>()({ input: none, write: false, roles: staff }),

  'usage.queue': op<QueuePage>()({
    input: z
      .object({
        status: z.enum(['pending', 'resolved', 'all']).default('pending'),
        kind: z.enum(['ambiguous', 'unmatched']).optional(),
        line: z.string().max(20).optional(),
        importId: id.optional(),
        query: z.string().max(50).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(20_000).default(500),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  'usage.queueEntry': op<QueueDetail>()({ input: z.object({ id }).strict(), write: false, roles: staff }),
  'usage.queuePick': op<QueueDecision>()({ input: z.object({ id, customerId: id }).strict(), write: true, roles: staff }),
  'usage.queueCreate': op<QueueDecision>()({ input: z.object({ id, villageId: id.nullish() }).strict(), write: true, roles: staff }),
  'usage.queueDiscard': op<QueueDecision>()({
    input: z
      .object({ id, reason: z.string({ error: '请选择驳回原因' }).trim().min(1, { error: '请选择驳回原因' }).max(100, { error: '原因不超过 100 个字' }) })
      .strict(),
    write: true,
    roles: staff,
  }),
  'usage.queueReopen': op<{ reopened: number }>()({ input: z.object({ id }).strict(), write: true, roles: staff }),

  'usage.libraries': op<Library[]>()({ input: none, write: false, roles: staff }),
  'usage.librarySave': op<Library[]>()({
    input: z
      .object({
        id: id.optional(),
        name: z.string({ error: '请填写库名' }).trim().min(1, { error: '请填写库名' }).max(20, { error: '库名不超过 20 个字' }),
        tag: z.string({ error: '请填写标签' }).trim().min(1, { error: '请填写标签' }).max(20, { error: '标签不超过 20 个字' }),
        householdTypes: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
        ageMin: z
          .number()
          .int()
          .min(0)
          .max(120)
          .nullish()
          .transform((v) => v ?? null),
        ageMax: z
          .number()
          .int()
          .min(0)
          .max(120)
          .nullish()
          .transform((v) => v ?? null),
      })
      .strict()
      .refine((l) => l.ageMin === null || l.ageMax === null || l.ageMin <= l.ageMax, { error: '最小年龄不能大于最大年龄', path: ['ageMax'] }),
    write: true,
    roles: staff,
  }),
  'usage.libraryDelete': op<Library[]>()({ input: z.object({ id }).strict(), write: true, roles: staff }),
  /** Customers of a library, across the whole base: the office's, not a carrier's. */
  'usage.libraryMembers': op<CustomerPage>()({
    input: z.object({ id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(200) }).strict(),
    write: false,
    roles: staff,
  }),

  'usage.plan': op<PlanItem[]>()({ input: z.object({ year }).strict(), write: false, roles: staff }),
  'usage.planSave': op<PlanItem[]>()({
    input: z
      .object({
        year,
        items: z
          .array(
            z
              .object({
                libraryId: id,
                startQuarter: quarter,
                endQuarter: quarter,
                target: z.number({ error: '请填写目标户数' }).int().min(0, { error: '目标户数不能为负' }).max(1_000_000),
              })
              .strict(),
          )
          .max(200),
      })
      .strict(),
    write: true,
    roles: ['admin', 'supervisor', 'clerk'],
  }),
  /** The seeds' plan for a year, each special group with the same target. */
  'usage.planDefault': op<PlanItem[]>()({
    input: z.object({ year, target: z.number().int().min(1, { error: '目标户数应大于 0' }).max(1_000_000) }).strict(),
    write: true,
    roles: staff,
  }),
  'usage.summary': op<UsageSummary>()({ input: none, write: false, roles: staff }),
} as const;
