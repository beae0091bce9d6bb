/** 报表: a cross-branch workbook made as a job the page polls, may cancel, and downloads when done. */
import { REPORT_TITLES } from '../../../shared/domain';
import { reportJobInput } from '../../../shared/hubConsole';
import { cancelReportJob, getReportJob, reportJobFile, startReportJob } from '../jobs';
import { json, type Route } from '../router';
import { parse } from '../web';

const JOB = '([0-9a-f-]{36})';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const reportRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/reports\/jobs$/,
    audit: '导出各网点汇总',
    run: async (ctx) => {
      const input = parse(reportJobInput, await ctx.body());
      ctx.subject(input.names.map((n) => REPORT_TITLES[n]).join('、'));
      return json(await startReportJob(ctx.db, ctx.user.id, input, ctx.now));
    },
  },
  { method: 'GET', path: new RegExp(`^/reports/jobs/${JOB}$`), run: async (ctx) => json(await getReportJob(ctx.db, ctx.user.id, ctx.params[0]!, ctx.now)) },
  {
    method: 'POST',
    path: new RegExp(`^/reports/jobs/${JOB}/cancel$`),
    audit: '取消导出',
    run: async (ctx) => json(await cancelReportJob(ctx.db, ctx.user.id, ctx.params[0]!, ctx.now)),
  },
  {
    method: 'GET',
    path: new RegExp(`^/reports/jobs/${JOB}/file$`),
    run: async (ctx) => {
      const { fileName, file } = await reportJobFile(ctx.db, ctx.user.id, ctx.params[0]!);
      return { file, fileName, type: XLSX_TYPE };
    },
  },
];
