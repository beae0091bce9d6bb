import type { Campaign, CampaignResults } from '../../../shared/domain';
import { OUTCOMES, type Outcome } from '../../../shared/campaign';
import { parseFlags, UsageError } from '../../../shared/node/args';
import { callOp, dbTarget, withBackend } from '../open';
import type { Out } from './basic';

/** `campaign report --db PATH [--json]`: each campaign's targets, outcomes by code, rates and money. */
export async function campaignCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'report') throw new UsageError(`未知的子命令：campaign ${sub ?? ''}（可用：campaign report）`);
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
