/**
 * The one contract between UI and backend. Each operation is declared once: its input schema (parsed at the
 * trust boundary — IPC handler or HTTP route — before any backend code runs), whether it writes (then the
 * caller hears back only after the change is durable), which roles may call it, and its output type.
 * Adding an operation = one entry here + one handler in backend/host/handlers.ts + one call in the UI.
 */
import { z } from 'zod';
import { CHANNEL_CODES, OUTCOME_CODES, segmentFilter, STAGE_ORDER, type Channel, type Outcome, type ProportionTest, type Stage } from './campaign';
import { REPORT_NAMES } from './domain';
import type {
  Report,
  AppInfo,
  Campaign,
  CampaignResults,
  DispatchStatus,
  OpenTarget,
  SegmentCount,
  AuditEntry,
  AuthState,
  LoginResult,
  UserInfo,
  DivisionHit,
  SetupStatus,
  BirthdayRow,
  BranchSettings,
  CleanupCandidate,
  Customer,
  CustomerPage,
  DuplicateGroup,
  FileDownload,
  ImportPreview,
  ImportResult,
  JobStatus,
  MaintenanceDashboard,
  MaintenanceEvent,
  TableCounts,
  VerificationMonth,
  Village,
} from './domain';
import { FULL_ID_ROLES, ROLES } from './domain';
import { entityId, postalCode, villageCode, villageName } from './schemas';
import { customerFields, customerPatch } from './customerFields';
import { fen, none, op, staff, ymdDate, type OpSpec } from './contractOp';

export type { OpSpec } from './contractOp';
import { syncOps } from './contract/sync';
import { dashboardOps } from './contract/dashboard';
import { usageOps } from './contract/usage';
import { mailOps } from './contract/mail';
import { letterOps } from './contract/letters';
import { careOps } from './contract/care';
import { backupOps } from './contract/backup';
import { archiveOps } from './contract/archive';

/** A campaign's editable fields; the backend's CampaignFields is this schema's output. */
export const campaignFields = z
  .object({
    name: z.string({ error: '请填写活动名称' }).trim().min(1, { error: '请填写活动名称' }).max(100),
    products: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
    channels: z.array(z.enum(CHANNEL_CODES as [Channel, ...Channel[]], { error: '未知的营销渠道' })).min(1, { error: '请至少选择一个渠道' }),
    startDate: ymdDate.nullish().transform((v) => v ?? null),
    endDate: ymdDate.nullish().transform((v) => v ?? null),
    targetCount: z
      .number()
      .int()
      .min(0)
      .nullish()
      .transform((v) => v ?? null),
    targetTurnover: fen.nullish().transform((v) => v ?? null),
    targetRevenue: fen.nullish().transform((v) => v ?? null),
    script: z
      .string()
      .trim()
      .max(5000)
      .nullish()
      .transform((v) => v || null),
  })
  .strict()
  .refine((f) => !f.startDate || !f.endDate || f.startDate <= f.endDate, { error: '结束日期不能早于开始日期', path: ['endDate'] });
type TestResult = {
  variants: { code: string; name: string; targets: number; visited: number; success: number; successRate: number }[];
  comparisons: { a: string; b: string; test: ProportionTest }[];
  best: string | null;
  released: string | null;
};
const loginName = z
  .string({ error: '请输入登录名' })
  .trim()
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/, { error: '登录名为 2–40 位字母、数字、汉字或 _ . -' });
const displayName = z.string({ error: '请输入姓名' }).trim().min(1, { error: '请输入姓名' }).max(40);

export const contract = {
  'app.info': op<AppInfo>()({ input: none, write: false, public: true }),

  'auth.state': op<AuthState>()({ input: none, write: false, public: true }),
  'auth.setupAdmin': op<LoginResult>()({
    input: z.object({ login: loginName, displayName: displayName, password: z.string().max(128) }).strict(),
    write: true,
    public: true,
  }),
  'auth.login': op<LoginResult>()({
    input: z
      .object({ login: z.string().trim().min(1, { error: '请输入登录名' }).max(40), password: z.string().min(1, { error: '请输入密码' }).max(128) })
      .strict(),
    write: true,
    public: true,
  }),
  'auth.logout': op<{ ok: true }>()({ input: none, write: false, public: true }),
  'auth.unlock': op<AuthState>()({ input: z.object({ password: z.string().min(1, { error: '请输入密码' }).max(128) }).strict(), write: true, public: true }),
  'auth.lock': op<{ ok: true }>()({ input: none, write: false }),
  'auth.changePassword': op<{ ok: true }>()({
    input: z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().max(128) }).strict(),
    write: true,
  }),
  'users.list': op<UserInfo[]>()({ input: none, write: false, roles: ['admin'] }),
  'users.create': op<UserInfo>()({
    input: z.object({ login: loginName, displayName, role: z.enum(ROLES, { error: '请选择角色' }), password: z.string().max(128) }).strict(),
    write: true,
    roles: ['admin'],
  }),
  'users.update': op<UserInfo>()({
    input: z.object({ id: entityId, displayName: displayName.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict(),
    write: true,
    roles: ['admin'],
  }),
  'users.resetPassword': op<{ ok: true }>()({ input: z.object({ id: entityId, password: z.string().max(128) }).strict(), write: true, roles: ['admin'] }),
  /** The database key, for an administrator to keep sealed (recovery on a new machine); audited. */
  'security.recoveryKey': op<{ key: string | null }>()({ input: none, write: true, roles: ['admin'] }),
  /** `names`: what the page's entries mention, by id — 张三（KM-00127X）, a campaign's name … (shared/auditText.ts). */
  'audit.list': op<{ rows: AuditEntry[]; total: number; names: Record<string, string> }>()({
    input: z
      .object({
        actor: z.string().max(40).optional(),
        action: z.string().max(40).optional(),
        targetId: z.string().max(64).optional(),
        from: z.string().max(30).optional(),
        to: z.string().max(30).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    write: false,
    roles: ['admin', 'supervisor'],
  }),
  // Counts of the whole base: a carrier's own customers are counted by customers.list.
  'stats.counts': op<TableCounts>()({ input: none, write: false, roles: staff }),

  'villages.list': op<Village[]>()({ input: none, write: false, roles: staff }),
  'villages.create': op<Village>()({
    input: z
      .object({
        name: villageName,
        code: villageCode,
        postalCode,
        /** 城市单元 of the address base: street → building → unit. */
        kind: z.enum(['village', 'community', 'unit'], { error: '类型应为行政村、社区或城市单元' }).default('village'),
        street: z
          .string()
          .trim()
          .max(50)
          .nullish()
          .transform((v) => v || null),
        building: z
          .string()
          .trim()
          .max(50)
          .nullish()
          .transform((v) => v || null),
      })
      .strict(),
    write: true,
    roles: staff,
  }),
  'villages.rename': op<Village>()({
    input: z.object({ id: entityId, name: villageName }).strict(),
    write: true,
    roles: staff,
  }),

  'customers.list': op<CustomerPage>()({
    input: z
      .object({
        query: z.string().max(100).optional(),
        villageId: entityId.optional(),
        grade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    write: false,
  }),
  'customers.get': op<Customer>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'customers.create': op<Customer>()({ input: customerFields.strict(), write: true, roles: staff }),
  'customers.update': op<Customer>()({
    // Only the fields that changed: one left out keeps its stored value.
    input: z.object({ id: entityId, fields: customerPatch.strict() }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.delete': op<{ id: string }>()({
    input: z.object({ id: entityId, reason: z.string().trim().max(50).optional() }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.restore': op<Customer>()({ input: z.object({ id: entityId }).strict(), write: true, roles: staff }),
  /** Personal data leaves the branch: supervisors and administrators only, audited. */
  'customers.export': op<FileDownload>()({ input: none, write: true, roles: ['admin', 'supervisor'] }),
  /** Shows one full ID number to a role that sees masked ones; audited. */
  'customers.revealId': op<{ idNumber: string | null }>()({ input: z.object({ id: entityId }).strict(), write: true, roles: staff }),
  /** Access request (个人信息查阅): everything held about one customer, as a workbook. */
  'customers.accessExport': op<FileDownload>()({ input: z.object({ id: entityId }).strict(), write: true, roles: ['admin', 'supervisor'] }),
  /** Deletion request (个人信息删除): personal fields erased for good; the erasure syncs like any edit. */
  'customers.erase': op<{ id: string }>()({
    input: z.object({ id: entityId, reason: z.string().trim().min(1, { error: '请填写删除依据' }).max(200) }).strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),

  /** Starts reading and checking a file; poll jobs.get, then fetch customers.importPreview. */
  'customers.importStart': op<{ jobId: string }>()({
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64: z.string().min(1, { error: '文件是空的' }),
        /** Field → 0-based column; omitted = recognise the headers automatically. */
        mapping: z.record(z.string(), z.number().int().min(0).max(500)).optional(),
      })
      .strict(),
    write: false,
    roles: staff,
  }),
  'customers.importPreview': op<ImportPreview>()({ input: z.object({ jobId: entityId }).strict(), write: false, roles: staff }),
  'customers.importCommit': op<ImportResult>()({
    input: z.object({ jobId: entityId, onDuplicate: z.enum(['update', 'skip'], { error: '请选择重复时更新还是跳过' }) }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.importErrorReport': op<FileDownload>()({ input: z.object({ jobId: entityId }).strict(), write: false, roles: staff }),

  'customers.history': op<MaintenanceEvent[]>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'customers.duplicates': op<DuplicateGroup[]>()({ input: none, write: false, roles: staff }),
  'customers.merge': op<Customer>()({ input: z.object({ keepId: entityId, mergeId: entityId }).strict(), write: true, roles: staff }),
  /** A whole duplicate group in one transaction: all merged into keepId, or none. */
  'customers.mergeGroup': op<Customer>()({
    input: z.object({ keepId: entityId, mergeIds: z.array(entityId).min(1).max(50) }).strict(),
    write: true,
    roles: staff,
  }),
  'customers.deleteMany': op<{ deleted: number; batch: string }>()({
    input: z
      .object({ ids: z.array(entityId).min(1, { error: '请先选择客户' }).max(100_000), reason: z.string().trim().min(1).max(50).default('删除') })
      .strict(),
    write: true,
    roles: staff,
  }),
  'customers.restoreBatch': op<{ restored: number; blocked: number }>()({
    input: z.object({ batch: z.string().min(1).max(200) }).strict(),
    write: true,
    roles: staff,
  }),
  /** A birthday gives the birth date (digits 7–14 of the ID number): only for roles that see whole numbers. */
  'customers.birthdays': op<BirthdayRow[]>()({
    input: z.object({ days: z.number().int().min(0).max(60).default(7) }).strict(),
    write: false,
    roles: FULL_ID_ROLES,
  }),
  'customers.birthdaysExport': op<FileDownload>()({
    input: z.object({ days: z.number().int().min(0).max(60).default(7) }).strict(),
    write: true,
    roles: FULL_ID_ROLES,
  }),

  'cleanup.list': op<{ rows: CleanupCandidate[]; total: number }>()({
    input: z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    write: false,
    roles: staff,
  }),
  'cleanup.keep': op<{ kept: number }>()({
    input: z.object({ ids: z.array(entityId).min(1, { error: '请先选择客户' }).max(100_000) }).strict(),
    write: true,
    roles: staff,
  }),

  'maintenance.dashboard': op<MaintenanceDashboard>()({ input: none, write: false, roles: staff }),
  'verification.current': op<VerificationMonth>()({ input: none, write: false, roles: staff }),
  'verification.draw': op<VerificationMonth>()({ input: none, write: true, roles: staff }),
  'verification.complete': op<VerificationMonth>()({
    input: z
      .object({
        id: entityId,
        note: z
          .string()
          .trim()
          .max(500)
          .nullish()
          .transform((v) => v || null),
      })
      .strict(),
    write: true,
    roles: staff,
  }),

  'settings.get': op<BranchSettings>()({ input: none, write: false, roles: staff }),
  'settings.update': op<BranchSettings>()({
    input: z
      .object({
        branchName: z.string().trim().min(1, { error: '请填写网点名称' }).max(50).optional(),
        householdTypes: z.array(z.string().trim().min(1).max(20)).min(1, { error: '户类型至少保留一个' }).max(50).optional(),
        maintenanceAnnualTarget: z.number().int().min(1, { error: '年度维护目标应大于 0' }).max(10_000_000).nullable().optional(),
        revenueAnnualTarget: fen.min(1, { error: '年度收入目标应大于 0' }).nullable().optional(),
        idleMinutes: z.number().int().min(1, { error: '锁屏时间至少 1 分钟' }).max(480, { error: '锁屏时间最多 480 分钟' }).optional(),
        /** 管理员 only (checked in the handler): 6 digits; empty or null clears it. */
        postalCode: postalCode.optional(),
        countyCode: z
          .string()
          .regex(/^\d{6}$/, { error: '区县代码应为 6 位数字' })
          .optional(),
      })
      .strict(),
    write: true,
    roles: ['admin', 'supervisor'],
  }),

  'setup.status': op<SetupStatus>()({ input: none, write: false, public: true }),
  'setup.createBranch': op<{ villages: number }>()({
    input: z
      .object({
        branchName: z.string({ error: '请填写网点名称' }).trim().min(1, { error: '请填写网点名称' }).max(50),
        postalCode,
        countyCode: z.string().regex(/^\d{6}$/, { error: '区县代码应为 6 位数字' }),
        townCodes: z
          .array(z.string().regex(/^\d{9}$/, { error: '乡镇/街道代码应为 9 位数字' }))
          .min(1, { error: '请至少选择一个乡镇/街道' })
          .max(200),
        villageCodes: z
          .array(z.string().regex(/^\d{12}$/, { error: '村代码应为 12 位数字' }))
          .max(20_000)
          .optional(),
        extraVillages: z
          .array(
            z
              .object({
                name: villageName,
                townCode: z
                  .string()
                  .regex(/^\d{9}$/)
                  .nullish(),
                kind: z.enum(['village', 'community', 'unit']).default('village'),
              })
              .strict(),
          )
          .max(2000)
          .default([]),
      })
      .strict(),
    write: true,
    roles: ['admin'],
  }),
  'setup.loadDemo': op<{ villages: number; customers: number }>()({ input: none, write: true, roles: ['admin'] }),
  'divisions.counties': op<{ code: string; name: string; fullName: string }[]>()({
    input: z.object({ query: z.string().max(50).default('') }).strict(),
    write: false,
  }),
  'divisions.towns': op<{ code: string; name: string; villages: number }[]>()({
    input: z.object({ countyCode: z.string().regex(/^\d{6}$/, { error: '区县代码应为 6 位数字' }) }).strict(),
    write: false,
  }),
  'divisions.villages': op<DivisionHit[]>()({
    input: z
      .object({
        townCodes: z
          .array(z.string().regex(/^\d{9}$/, { error: '乡镇/街道代码应为 9 位数字' }))
          .min(1)
          .max(200),
      })
      .strict(),
    write: false,
  }),
  'divisions.search': op<{ hits: DivisionHit[]; more: boolean }>()({
    input: z.object({ query: z.string().max(50), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    write: false,
  }),
  /** Applies the shipped edition of the division list to the branch's coded villages; hand-made ones are kept as they are. */
  'divisions.applyEdition': op<{
    edition: string;
    checked: number;
    renamed: { code: string; from: string; to: string }[];
    missing: { code: string; name: string }[];
  }>()({
    input: none,
    write: true,
    roles: ['admin'],
  }),
  'villages.addOfficial': op<{ added: number }>()({
    input: z
      .object({
        codes: z
          .array(z.string().regex(/^\d{12}$/, { error: '村代码应为 12 位数字' }))
          .min(1)
          .max(20_000),
      })
      .strict(),
    write: true,
    roles: staff,
  }),

  'campaigns.list': op<Campaign[]>()({ input: none, write: false }),
  'campaigns.get': op<Campaign>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'campaigns.create': op<Campaign>()({ input: campaignFields, write: true, roles: staff }),
  'campaigns.update': op<Campaign>()({ input: z.object({ id: entityId, fields: campaignFields }).strict(), write: true, roles: staff }),
  'campaigns.moveStage': op<Campaign>()({
    input: z.object({ id: entityId, stage: z.enum(STAGE_ORDER as [Stage, ...Stage[]]) }).strict(),
    write: true,
    roles: staff,
  }),
  /** Live count as the filters change: matched, selectable (consented), excluded and why. */
  'segments.count': op<SegmentCount>()({ input: z.object({ filter: segmentFilter }).strict(), write: false, roles: staff }),
  'segments.list': op<{ id: string; name: string; filter: unknown }[]>()({ input: none, write: false, roles: staff }),
  'segments.save': op<{ id: string }>()({
    input: z.object({ name: z.string().trim().min(1, { error: '请填写名称' }).max(50), filter: segmentFilter }).strict(),
    write: true,
    roles: staff,
  }),
  'campaigns.freeze': op<Campaign>()({
    input: z.object({ id: entityId, filter: segmentFilter, limit: z.number().int().min(1).max(1_000_000).optional() }).strict(),
    write: true,
    roles: staff,
  }),
  'campaigns.startTest': op<TestResult>()({
    input: z
      .object({
        id: entityId,
        variants: z
          .array(
            z
              .object({
                code: z.string().regex(/^[A-Z]$/, { error: '方案代码为一个大写字母' }),
                name: z.string().trim().min(1).max(50),
                offer: z
                  .string()
                  .trim()
                  .max(500)
                  .nullish()
                  .transform((v) => v || null),
              })
              .strict(),
          )
          .min(2, { error: '至少两个方案' })
          .max(6),
        perVariant: z.number().int().min(1, { error: '每个方案至少 1 户' }).max(100_000),
      })
      .strict(),
    write: true,
    roles: staff,
  }),
  'campaigns.testResult': op<TestResult>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'campaigns.releaseWinner': op<TestResult>()({ input: z.object({ id: entityId, code: z.string().regex(/^[A-Z]$/) }).strict(), write: true, roles: staff }),
  'dispatch.status': op<DispatchStatus>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'dispatch.auto': op<{ assigned: number }>()({
    input: z.object({ id: entityId, carrierIds: z.array(entityId).min(1, { error: '请至少选择一名投递员' }).max(200) }).strict(),
    write: true,
    roles: staff,
  }),
  'dispatch.village': op<{ assigned: number }>()({
    input: z.object({ id: entityId, villageId: entityId.nullable(), carrierId: entityId }).strict(),
    write: true,
    roles: staff,
  }),
  'dispatch.targets': op<{ assigned: number }>()({
    input: z.object({ id: entityId, targetIds: z.array(entityId).min(1).max(100_000), carrierId: entityId.nullable() }).strict(),
    write: true,
    roles: staff,
  }),
  'carriers.list': op<{ id: string; login: string; displayName: string }[]>()({ input: none, write: false }),
  /** A carrier always gets their own targets, whatever carrierId says. */
  'visits.targets': op<OpenTarget[]>()({
    input: z.object({ campaignId: entityId.optional(), carrierId: entityId.optional(), includeDone: z.boolean().optional() }).strict(),
    write: false,
  }),
  'visits.record': op<{ id: string; duplicate: boolean; outcome: string }>()({
    input: z
      .object({
        id: z.string().uuid({ error: '走访记录编号无效' }),
        targetId: entityId,
        outcome: z.enum(OUTCOME_CODES as [Outcome, ...Outcome[]], { error: '请选择走访结果' }),
        turnover: fen.default(0),
        revenue: fen.default(0),
        followUpDate: ymdDate.nullish().transform((v) => v ?? null),
        note: z
          .string()
          .trim()
          .max(500)
          .nullish()
          .transform((v) => v || null),
        visitedAt: z
          .string()
          .datetime({ offset: true })
          .nullish()
          .transform((v) => v ?? null),
      })
      .strict(),
    write: true,
  }),
  'campaigns.results': op<CampaignResults>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'campaigns.followUps': op<{ targetId: string; campaignName: string; name: string; phone: string | null; followUpDate: string }[]>()({
    input: none,
    write: false,
  }),

  'reports.get': op<Report>()({
    input: z.object({ name: z.enum(REPORT_NAMES, { error: '未知的报表' }), from: ymdDate.optional(), to: ymdDate.optional() }).strict(),
    write: false,
    roles: ['admin', 'supervisor', 'clerk'],
  }),
  /** A workbook of one or more reports, one sheet per table; long ones run as a job (jobs.get for progress). */
  'reports.exportStart': op<{ jobId: string }>()({
    input: z
      .object({ names: z.array(z.enum(REPORT_NAMES)).min(1, { error: '请至少选择一张报表' }), from: ymdDate.optional(), to: ymdDate.optional() })
      .strict(),
    write: false,
    roles: ['admin', 'supervisor', 'clerk'],
  }),
  'reports.exportResult': op<FileDownload>()({ input: z.object({ jobId: entityId }).strict(), write: true, roles: ['admin', 'supervisor', 'clerk'] }),
  'reports.csv': op<FileDownload>()({
    input: z
      .object({ name: z.enum(REPORT_NAMES), table: z.number().int().min(0).max(20).default(0), from: ymdDate.optional(), to: ymdDate.optional() })
      .strict(),
    write: true,
    roles: ['admin', 'supervisor', 'clerk'],
  }),

  'grades.recompute': op<{ changed: number; distribution: Record<1 | 2 | 3 | 4, number> }>()({ input: none, write: true, roles: staff }),

  'jobs.get': op<JobStatus>()({ input: z.object({ id: entityId }).strict(), write: false }),
  'jobs.cancel': op<JobStatus>()({ input: z.object({ id: entityId }).strict(), write: false }),
  ...syncOps,
  ...dashboardOps,
  ...usageOps,
  ...mailOps,
  ...letterOps,
  ...careOps,
  ...backupOps,
  ...archiveOps,
} as const;

export type Contract = typeof contract;
export type OpName = keyof Contract;
export const OP_NAMES = Object.keys(contract) as OpName[];

/** What a caller passes (defaults optional, raw strings). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives after parsing (normalised, defaults filled). */
export type OpParsed<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = Contract[K] extends OpSpec<z.ZodType, infer O> ? O : never;

/** The shape every transport (IPC preload, HTTP client, in-process) presents to the UI. */
export type Api = { [K in OpName]: (input: OpInput<K>) => Promise<OpOutput<K>> };

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** IPC channel of one operation; one channel per operation so the preload exposes no generic relay. */
export const ipcChannel = (name: OpName): string => `op:${name}`;
