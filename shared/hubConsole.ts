/**
 * The city hub's console for people (市局): its roles, what its HTTP API takes (zod, checked at the hub) and
 * answers. The console (console/) and the hub (server/console/) both import this; the figures themselves are
 * the types of shared/city.ts.
 */
import { z } from 'zod';
import { CHANNEL_CODES, type Channel } from './campaign';
import { REPORT_NAMES } from './domain';

export const HUB_ROLES = ['city_admin', 'city_supervisor'] as const;
export type HubRole = (typeof HUB_ROLES)[number];
export const HUB_ROLE_LABELS: Record<HubRole, string> = { city_admin: '市局管理员', city_supervisor: '市局主管' };

/** Minutes without a request after which a session is locked until its password is given again. */
export const DEFAULT_IDLE_MINUTES = 15;

export interface HubUserInfo {
  id: string;
  login: string;
  displayName: string;
  role: HubRole;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** Who is signed in, and whether the session waits for the password after being idle. */
export interface ConsoleMe {
  user: Pick<HubUserInfo, 'id' | 'login' | 'displayName' | 'role'>;
  locked: boolean;
  idleMinutes: number;
}

/** Every error the console API answers, as JSON with a status: 401 not signed in (or locked), 403 not allowed. */
export interface ConsoleError {
  error: { code: string; message: string };
}

const login = z.string().trim().min(1, '请填写登录名').max(40, '登录名不超过 40 个字符');
export const loginInput = z.object({ login, password: z.string().min(1, '请填写密码').max(128, '密码不能超过 128 位') });
export const unlockInput = z.object({ password: z.string().min(1, '请填写密码').max(128, '密码不能超过 128 位') });

export const createUserInput = z.object({
  // The branch app's rule for login names, so a 市局 account reads like a branch one.
  login: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/, '登录名为 2–40 位字母、数字、汉字或 _ . -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字'),
  role: z.enum(HUB_ROLES, { error: '角色应为市局管理员或市局主管' }),
  password: z.string().max(128, '密码不能超过 128 位'),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

export const createBranchInput = z.object({ name: z.string().trim().min(1, '请填写网点名称').max(60, '网点名称不超过 60 个字') });

/** A branch token, shown once to the person who registered or reissued it. */
export interface IssuedToken {
  id: string;
  name: string;
  token: string;
}

const ymd = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .nullable()
  .optional();

/** Largest list file the console accepts (the bytes, before base64). */
export const MAX_LIST_BYTES = 10 * 1024 * 1024;

export const issueCampaignInput = z
  .object({
    name: z.string().trim().min(1, '请填写活动名称').max(100, '活动名称不超过 100 个字'),
    channels: z.array(z.enum(CHANNEL_CODES as [Channel, ...Channel[]], { error: '未知的渠道' })).min(1, '请至少选择一个渠道'),
    products: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    startDate: ymd,
    endDate: ymd,
    script: z.string().max(2000, '话术不超过 2000 字').nullable().optional(),
    /** Either a count per branch (the branch selects its targets itself)… */
    counts: z
      .array(z.object({ branchId: z.string().min(1).max(64), targetCount: z.number().int('户数应为整数').min(1, '户数至少为 1').max(1_000_000) }))
      .max(2000)
      .optional(),
    /** …or an uploaded list of branch + customer id rows (CSV or xlsx), as base64. */
    list: z
      .object({
        fileName: z.string().min(1).max(200),
        base64: z
          .string()
          .min(1)
          .max(Math.ceil((MAX_LIST_BYTES * 4) / 3) + 4, '名单文件过大（不超过 10 MB）'),
      })
      .optional(),
  })
  .refine((v) => Boolean(v.counts?.length) !== Boolean(v.list), { message: '请给各网点填写户数，或上传名单（二选一）' })
  .refine((v) => !v.startDate || !v.endDate || v.startDate <= v.endDate, { message: '结束日期不能早于开始日期' });
export type IssueCampaignInput = z.infer<typeof issueCampaignInput>;

export interface CampaignListItem {
  id: string;
  name: string;
  channels: string[];
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  branches: number;
}

export const reportJobInput = z
  .object({
    names: z
      .array(z.enum(REPORT_NAMES, { error: '未知的报表' }))
      .min(1, '请至少选择一张报表')
      .max(REPORT_NAMES.length),
    from: ymd,
    to: ymd,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '结束日期不能早于开始日期' });
export type ReportJobInput = z.infer<typeof reportJobInput>;

export type ReportJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ReportJob {
  id: string;
  state: ReportJobState;
  done: number;
  total: number;
  /** What is being computed now, in Chinese. */
  step: string;
  error: string | null;
  fileName: string | null;
  bytes: number | null;
}

/** One line of the hub's 操作记录 (newest first). */
export interface HubAuditRow {
  at: string;
  /** The account's login, or 命令行. */
  login: string;
  action: string;
  subject: string;
  source: string;
}
