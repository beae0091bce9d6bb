import type { ArchiveOverview, ArchiveRunResult } from '../../../shared/archive';
import type { Campaign, CampaignResults } from '../../../shared/domain';
import { OUTCOMES, type Outcome } from '../../../shared/campaign';
import { parseFlags, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';

/** `campaign report|archive …` */
export async function campaignCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'archive') return archiveCommand(rest, out);
  if (sub !== 'report') throw new UsageError(`未知的子命令：campaign ${sub ?? ''}（可用：campaign report、campaign archive）`);
  return reportCommand(rest, out);
}

/** `campaign archive --db PATH [--dry-run] [--json]`: moves campaigns ended over a year ago into the yearly archive. */
async function archiveCommand(rest: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(rest, { db: 'string', 'key-file': 'string', json: 'boolean', 'dry-run': 'boolean' });
  const dry = flags['dry-run'] === true;
  const res = await withBackend(dbTarget(flags), false, async (b) =>
    dry ? { overview: await callOp<ArchiveOverview>(b, 'archive.overview', {}) } : { run: await callOp<ArchiveRunResult>(b, 'archive.run', {}) },
  );
  if (flags['json']) {
    out(JSON.stringify(res.overview ?? res.run));
    return;
  }
  if (res.overview) {
    if (res.overview.candidates.length === 0) out('没有结束满一年的活动可归档');
    for (const c of res.overview.candidates) out(`${c.name}\t结束 ${c.endDate}\t目标 ${c.targets}\t走访 ${c.visits}\t→ ${c.year} 年归档`);
    if (res.overview.missingYears.length) out(`缺少归档文件：${res.overview.missingYears.join('、')} 年（请从备份恢复）`);
    return;
  }
  const r = res.run!;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  out(
    r.campaigns === 0
      ? '没有结束满一年的活动可归档'
      : `已归档 ${r.campaigns} 个活动（${r.years.join('、')} 年）：目标 ${r.targets}，走访 ${r.visits}；数据库 ${mb(r.imageBefore)} MB → ${mb(r.imageAfter)} MB`,
  );
}

/** `campaign report --db PATH [--json]`: each campaign's targets, outcomes by code, rates and money. */
async function reportCommand(rest: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(rest, { db: 'string', 'key-file': 'string', json: 'boolean' });
  const report = await withBackend(dbTarget(flags), false, async (b) => {
    const list = await callOp<Campaign[]>(b, 'campaigns.list', {});
    const rows = [];
    for (const c of list) {
      const r = await callOp<CampaignResults>(b, 'campaigns.results', { id: c.id });
      rows.push({
        id: c.id,
        name: c.name,
        stage: c.stage,
        targets: r.overall.targets,
        outcomes: r.outcomes,
        feedbackRate: r.overall.feedbackRate,
        successRate: r.overall.successRate,
        turnover: r.overall.turnover / 100,
        revenue: r.overall.revenue / 100,
      });
    }
    return rows;
  });
  if (flags['json']) {
    out(JSON.stringify(report));
    return;
  }
  for (const r of report) {
    const outcomes = Object.entries(r.outcomes)
      .map(([k, n]) => `${OUTCOMES[k as Outcome]?.label ?? k} ${n}`)
      .join('，');
    out(
      `${r.name}\t目标 ${r.targets}\t反馈率 ${(r.feedbackRate * 100).toFixed(1)}%\t成功率 ${(r.successRate * 100).toFixed(1)}%\t流转额 ¥${r.turnover.toFixed(2)}\t收入 ¥${r.revenue.toFixed(2)}\t${outcomes}`,
    );
  }
}
