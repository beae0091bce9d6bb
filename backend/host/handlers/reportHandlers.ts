import type { Report } from '../../../shared/domain';
import { audit } from '../../auth/audit';
import { reportCsv, reportWorkbook } from '../../../shared/node/reportWorkbook';
import { buildReport, REPORT_TITLES } from '../../reports/buildReport';
import type { HandlerDeps, Handlers } from './deps';

type ReportOps = 'reports.get' | 'reports.exportStart' | 'reports.exportResult' | 'reports.csv';

const stamp = (d: Date) => d.toISOString().slice(0, 10);

export function reportHandlers({ db, jobs }: HandlerDeps): Pick<Handlers, ReportOps> {
  return {
    'reports.get': (input, ctx) => db.read((r) => buildReport(r, input.name, { from: input.from ?? null, to: input.to ?? null }, ctx.now)),
    'reports.exportStart': (input, ctx) => {
      const jobId = jobs.start('reports.export', async (ctl) => {
        const reports: Report[] = [];
        for (const [i, name] of input.names.entries()) {
          ctl.progress(i, input.names.length, `生成${REPORT_TITLES[name]}`);
          await ctl.checkpoint();
          reports.push(db.read((r) => buildReport(r, name, { from: input.from ?? null, to: input.to ?? null }, ctx.now)));
        }
        ctl.progress(input.names.length, input.names.length, '写入 Excel');
        const buffer = await reportWorkbook(reports);
        const title = input.names.length === 1 ? REPORT_TITLES[input.names[0]!] : '报表汇总';
        return { fileName: `${title}_${stamp(ctx.now)}.xlsx`, dataBase64: buffer.toString('base64'), names: input.names };
      });
      return { jobId };
    },
    'reports.exportResult': (input, ctx) => {
      const res = jobs.result<{ fileName: string; dataBase64: string; names: string[] }>(input.jobId, 'reports.export');
      db.write('reports.export', (w) => audit(w, ctx, 'export', 'report', [], { kind: '报表', reports: res.names }));
      return { fileName: res.fileName, dataBase64: res.dataBase64 };
    },
    'reports.csv': (input, ctx) => {
      const report = db.read((r) => buildReport(r, input.name, { from: input.from ?? null, to: input.to ?? null }, ctx.now));
      db.write('reports.csv', (w) => audit(w, ctx, 'export', 'report', [], { kind: 'CSV', report: input.name }));
      const t = report.tables[Math.min(input.table, report.tables.length - 1)]!;
      return {
        fileName: `${report.title}_${t.title}_${stamp(ctx.now)}.csv`,
        dataBase64: Buffer.from(reportCsv(report, report.tables.indexOf(t)), 'utf8').toString('base64'),
      };
    },
  };
}
