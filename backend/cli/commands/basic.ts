import type { Customer, MaintenanceDashboard, TableCounts, Village } from '../../../shared/domain';
import { GRADE_LABELS } from '../../../shared/grading';
import { AppError } from '../../../shared/errors';
import { seedBranch } from '../../seed/generate';
import { DEMO_CARRIER_PASSWORD, seedCampaigns } from '../../seed/campaigns';
import { setSetting, SETTING_BRANCH_NAME } from '../../services/settings';
import { intFlag, optionalString, parseFlags, requireString, UsageError } from '../../../shared/node/args';
import { callOp, cliSession, dbTarget, withBackend } from '../open';

export type Out = (text: string) => void;

export async function initCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, {
    db: 'string',
    'key-file': 'string',
    branch: 'string',
    county: 'string',
    towns: 'string',
    'postal-code': 'string',
    json: 'boolean',
  });
  const db = requireString(flags, 'db');
  const branch = optionalString(flags, 'branch');
  const county = optionalString(flags, 'county');
  const towns = optionalString(flags, 'towns')
    ?.split(/[,，\s]+/)
    .filter(Boolean);
  if (county && !towns?.length) throw new UsageError('使用 --county 时还需 --towns 指定乡镇/街道代码（逗号分隔）');
  if (towns?.length && !county) throw new UsageError('使用 --towns 时还需 --county 指定区县代码');
  const result = await withBackend(dbTarget(flags), true, async (b) => {
    let villages: number | undefined;
    if (county && towns) {
      ({ villages } = await callOp<{ villages: number }>(b, 'setup.createBranch', {
        branchName: branch ?? '网点',
        postalCode: optionalString(flags, 'postal-code') ?? null,
        countyCode: county,
        townCodes: towns,
      }));
    } else if (branch) b.db.write('settings.branch', (w) => setSetting(w, SETTING_BRANCH_NAME, branch.trim()));
    return { created: b.db.report.created, villages };
  });
  if (flags['json']) out(JSON.stringify(result));
  else {
    out(result.created ? `已创建数据库：${db}` : `数据库已存在：${db}`);
    if (result.villages !== undefined) out(`已添加 ${result.villages} 个行政村/社区（官方区划代码）`);
  }
}

export async function villagesCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', json: 'boolean' });
  const target = dbTarget(flags);
  const villages = await withBackend(target, false, (b) => callOp<Village[]>(b, 'villages.list', {}));
  if (flags['json']) {
    out(
      JSON.stringify(
        villages.map((v) => ({
          id: v.id,
          code: v.code,
          name: v.name,
          kind: v.kind,
          townCode: v.townCode,
          townName: v.townName,
          edition: v.edition,
          customers: v.customerCount,
        })),
      ),
    );
  } else {
    for (const v of villages) out(`${v.code ?? '自建        '}\t${v.townName ?? ''}\t${v.name}\t${v.customerCount} 户`);
    out(`共 ${villages.length} 个`);
  }
}

export async function seedCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, {
    db: 'string',
    'key-file': 'string',
    villages: 'string',
    customers: 'string',
    seed: 'string',
    campaigns: 'string',
    visits: 'string',
    json: 'boolean',
  });
  const target = dbTarget(flags);
  const villages = intFlag(flags, 'villages', 20, 100_000);
  const customers = intFlag(flags, 'customers', 1000, 2_000_000);
  const seed = intFlag(flags, 'seed', 1, 2 ** 31);
  const campaigns = intFlag(flags, 'campaigns', 0, 1000);
  const visits = intFlag(flags, 'visits', 0, 10_000_000);
  if (visits > 0 && campaigns === 0) throw new AppError('VALIDATION', '生成走访记录时至少需要 1 个营销活动（--campaigns）');
  const result = await withBackend(target, true, async (b) => {
    const session = cliSession();
    const now = new Date();
    const base = b.db.write('seed', (w) => {
      if (!w.value('SELECT 1 FROM settings WHERE key = ?', [SETTING_BRANCH_NAME])) setSetting(w, SETTING_BRANCH_NAME, '演示网点');
      // A branch set up on the official division list (init --county --towns) gets its customers in those
      // villages; made-up ones beside them would be villages the branch does not serve.
      const official = w.all<{ id: string }>('SELECT id FROM villages WHERE deleted_at IS NULL AND code IS NOT NULL ORDER BY code').map((v) => v.id);
      if (official.length)
        return { ...seedBranch(w, { villages: 0, villageIds: official, customers, seed, now, actor: session.actor }), officialVillages: official.length };
      if (customers > 0 && villages === 0) throw new AppError('VALIDATION', '生成客户时至少需要 1 个行政村（--villages）');
      return { ...seedBranch(w, { villages, customers, seed, now, actor: session.actor }), officialVillages: 0 };
    });
    const camp =
      campaigns > 0
        ? seedCampaigns((label, fn) => b.db.write(label, fn), { campaigns, visits, seed, now, actor: session.actor })
        : { campaigns: 0, targets: 0, visits: 0 };
    return { ...base, ...camp };
  });
  out(
    flags['json']
      ? JSON.stringify(result)
      : `${result.officialVillages ? `已在本网点的 ${result.officialVillages} 个行政村中生成 ` : `已生成 ${result.villages} 个行政村、`}${result.customers} 户客户、${result.usageFacts} 条用邮信息` +
          (result.campaigns
            ? `、${result.campaigns} 个营销活动（${result.targets} 个目标）、${result.visits} 条走访记录；演示投递员 toudi1–4，密码 ${DEMO_CARRIER_PASSWORD}`
            : ''),
  );
}

export async function customerCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new AppError('VALIDATION', `未知的子命令：customer ${sub ?? ''}（可用：customer add）`);
  const { flags } = parseFlags(rest, {
    db: 'string',
    'key-file': 'string',
    village: 'string',
    name: 'string',
    phone: 'string',
    'id-number': 'string',
    json: 'boolean',
  });
  const target = dbTarget(flags);
  const name = requireString(flags, 'name');
  const villageName = optionalString(flags, 'village');
  const customer = await withBackend(target, false, async (b) => {
    let villageId: string | null = null;
    if (villageName) {
      const villages = await callOp<Village[]>(b, 'villages.list', {});
      const v = villages.find((x) => x.name === villageName.trim());
      if (!v) {
        const known =
          villages
            .slice(0, 10)
            .map((x) => x.name)
            .join('、') || '（尚无）';
        throw new AppError('NOT_FOUND', `找不到行政村“${villageName}”。现有：${known}`);
      }
      villageId = v.id;
    }
    // Same operation as the UI's form: same validation, and it returns only once the change is on disk.
    return callOp<Customer>(b, 'customers.create', {
      name,
      phone: optionalString(flags, 'phone') ?? null,
      idNumber: optionalString(flags, 'id-number') ?? null,
      villageId,
    });
  });
  out(flags['json'] ? JSON.stringify({ id: customer.id, code: customer.code }) : `已添加客户 ${customer.name}（客户编号 ${customer.code ?? customer.id}）`);
}

export async function statsCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', 'key-file': 'string', json: 'boolean' });
  const target = dbTarget(flags);
  const { counts, dash } = await withBackend(target, false, async (b) => ({
    counts: await callOp<TableCounts>(b, 'stats.counts', {}),
    dash: await callOp<MaintenanceDashboard>(b, 'maintenance.dashboard', {}),
  }));
  const grades = Object.fromEntries(([1, 2, 3, 4] as const).map((g) => [GRADE_LABELS[g], dash.villages.reduce((s, v) => s + v.grades[g], 0)]));
  const unassigned = counts['customers']! - dash.totals.customers;
  const maintenance = { ...dash.totals, customersWithoutVillage: unassigned, plan: dash.plan, targets: dash.targets };
  if (flags['json']) out(JSON.stringify({ ...counts, grades, maintenance }));
  else {
    out(
      Object.entries(counts)
        .map(([k, v]) => `${k}\t${v}`)
        .join('\n'),
    );
    out(
      `数据等级\t${Object.entries(grades)
        .map(([k, v]) => `${k} ${v}`)
        .join('，')}`,
    );
    out(
      `维护\t${dash.totals.villages} 个村，${dash.totals.villagesBelowMinimum} 个不足 ${dash.targets.minCustomers} 户，` +
        `${(dash.totals.villagesMaintainedShare * 100).toFixed(1)}% 的村达到年度维护率，属性丰富度 ${(dash.totals.richness * 100).toFixed(1)}%，` +
        `本年已维护 ${dash.plan.maintainedThisYear}/${dash.plan.annualTarget}（第${dash.plan.quarter}季度末计划 ${(dash.plan.planShare * 100).toFixed(0)}%）`,
    );
  }
}
