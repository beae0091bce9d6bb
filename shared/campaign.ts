/** Campaign vocabulary (docs/domain.md "Campaigns"), the segment filter and the A/B statistics. */
import { z } from 'zod';

export const CHANNELS = { letter: '商函', door: '上门', sms: '短信', phone: '电话', meeting: '会议', fax: '传真', email: '电子邮件' } as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_CODES = Object.keys(CHANNELS) as Channel[];

export const STAGES = {
  idea: '营销创意',
  analysis: '数据分析',
  planning: '营销策划',
  test: '营销测试',
  execution: '营销执行',
  evaluation: '评估优化',
} as const;
export type Stage = keyof typeof STAGES;
export const STAGE_ORDER = Object.keys(STAGES) as Stage[];

/** Visit outcomes, each on a single key for keyboard-only entry after a round. */
export const OUTCOMES = {
  not_home: { label: '未遇', key: '1', contacted: false },
  refused: { label: '拒绝', key: '2', contacted: true },
  interested: { label: '有意向', key: '3', contacted: true },
  success: { label: '成功', key: '4', contacted: true },
  wrong_number: { label: '空号错号', key: '5', contacted: false },
  moved: { label: '已迁出', key: '6', contacted: false },
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as Outcome[];

/** The feedback-rate floor every campaign must reach (docs/domain.md). */
export const FEEDBACK_FLOOR = 0.05;

const ids = z.array(z.string().min(1).max(64)).max(5000);
export const segmentFilter = z
  .object({
    villageIds: ids.optional(),
    householdTypes: z.array(z.string().max(20)).max(50).optional(),
    /** Any of these tags. */
    tags: z.array(z.string().max(20)).max(50).optional(),
    grades: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]))
      .max(4)
      .optional(),
    ageMin: z.number().int().min(0).max(120).optional(),
    ageMax: z.number().int().min(0).max(120).optional(),
    sex: z.enum(['M', 'F']).optional(),
    incomeBands: z.array(z.string().max(20)).max(20).optional(),
    kind: z.enum(['person', 'org']).optional(),
    /** Uses (has:true) or does not use (has:false) a business line, optionally a product of it. */
    usage: z
      .array(z.object({ line: z.string().min(1).max(20), product: z.string().max(50).optional(), has: z.boolean() }).strict())
      .max(10)
      .optional(),
    /** Win-back: used the line before, but not in the last N months. */
    winBack: z
      .object({ line: z.string().min(1).max(20), months: z.number().int().min(1).max(120) })
      .strict()
      .optional(),
    /** Cross-sell: uses A but not B. */
    crossSell: z
      .object({ uses: z.string().min(1).max(20), notUses: z.string().min(1).max(20) })
      .strict()
      .optional(),
    /** Last outcome in earlier campaigns. */
    lastOutcomes: z
      .array(z.enum(OUTCOME_CODES as [Outcome, ...Outcome[]]))
      .max(6)
      .optional(),
    hasPhone: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.ageMin === undefined || f.ageMax === undefined || f.ageMin <= f.ageMax, { error: '最小年龄不能大于最大年龄' });
export type SegmentFilter = z.infer<typeof segmentFilter>;

export interface ProportionTest {
  /** Success rates of the two groups. */
  p1: number;
  p2: number;
  n1: number;
  n2: number;
  /** p1 − p2 and its 95% confidence interval (unpooled standard error). */
  diff: number;
  ciLow: number;
  ciHigh: number;
  /** z statistic with the pooled standard error, and its two-sided p-value. */
  z: number;
  pValue: number;
  significant: boolean;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to ~1e-7. */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Two-proportion z-test at the 5% level: is variant 1's success rate different from variant 2's? */
export function twoProportionTest(success1: number, n1: number, success2: number, n2: number): ProportionTest {
  const p1 = n1 ? success1 / n1 : 0;
  const p2 = n2 ? success2 / n2 : 0;
  const diff = p1 - p2;
  const se = n1 && n2 ? Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2) : 0;
  const pooled = n1 + n2 ? (success1 + success2) / (n1 + n2) : 0;
  const sePooled = n1 && n2 ? Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2)) : 0;
  const zValue = sePooled ? diff / sePooled : 0;
  const pValue = sePooled ? 2 * (1 - normalCdf(Math.abs(zValue))) : 1;
  return { p1, p2, n1, n2, diff, ciLow: diff - 1.96 * se, ciHigh: diff + 1.96 * se, z: zValue, pValue, significant: sePooled > 0 && pValue < 0.05 };
}
