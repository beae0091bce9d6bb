/** `npm run bench [-- --json] [-- --only NAME]`: prints the figures the issues ask for. Not part of `npm test`. */
import { foundationBench, printFoundation } from './foundation';
import { campaignBench } from './campaignBench';
import { divisionsBench } from './divisionsBench';
import { importBench } from './importBench';
import { growBench } from './growBench';
import { ms } from './stats';
import { usageBench } from './usageBench';
import { syncBench } from './syncBench';
import { hubBench } from './hubBench';
import { mailBench } from './mailBench';
import { mailPdfBench } from './mailPdfBench';
import { openBench } from './openBench';
import { archiveBench } from './archiveBench';
import { uiBench } from './uiBench';

const json = process.argv.includes('--json');
const only = process.argv[process.argv.indexOf('--only') + 1];
const want = (name: string) => !process.argv.includes('--only') || only === name;
const results: Record<string, Record<string, number>> = {};

if (want('foundation')) {
  results['foundation'] = await foundationBench(Number(process.env['BENCH_CUSTOMERS'] ?? 50_000));
  if (!json) printFoundation(results['foundation']);
}
if (want('open')) {
  const big = process.env['BENCH_OPEN_CASES'] ?? '50000:200000,100000:500000';
  const cases = big.split(',').map((c) => c.split(':').map(Number) as [number, number]);
  const r = (results['open'] = await openBench(cases));
  if (!json) {
    console.log('Opening a branch (fresh process, best of 3; memory on top of the process before the open)');
    for (const [c, v] of [[0, 0], ...cases]) {
      const k = `${c! / 1000}k_${v! / 1000}k`;
      console.log(
        `  ${`${c} customers + ${v} visits`.padEnd(34)}${ms(r[`${k}_openMs`]!).padStart(12)}  image ${r[`${k}_imageMB`]!.toFixed(1)} MB, folder ${r[`${k}_folderMB`]!.toFixed(1)} MB, memory ${r[`${k}_openMemoryMB`]!.toFixed(0)} MB (peak ${r[`${k}_peakOpenMemoryMB`]!.toFixed(0)} MB); first list (grades, search index) ${ms(r[`${k}_firstScreenMs`]!)}, peak ${r[`${k}_peakWithFirstScreenMB`]!.toFixed(0)} MB`,
      );
    }
  }
}
if (want('archive')) {
  const r = (results['archive'] = await archiveBench(
    Number(process.env['BENCH_ARCHIVE_CUSTOMERS'] ?? 100_000),
    Number(process.env['BENCH_ARCHIVE_VISITS'] ?? 500_000),
  ));
  if (!json) {
    console.log(
      `Yearly campaign archive (${r['customers']} customers, ${r['visits']} visits in 12 campaigns; the ${r['archivedCampaigns']} that ended over a year ago move)`,
    );
    console.log(`  move ${r['archivedVisits']} visits, VACUUM, snapshot ${ms(r['archiveMs']!).padStart(12)}  peak RSS ${r['archivePeakRssMB']!.toFixed(0)} MB`);
    console.log(
      `  image                             ${r['imageBeforeMB']!.toFixed(1)} MB → ${r['imageAfterMB']!.toFixed(1)} MB; archive files ${r['archiveFilesMB']!.toFixed(1)} MB`,
    );
    console.log(`  data folder                       ${r['folderBeforeMB']!.toFixed(1)} MB → ${r['folderAfterMB']!.toFixed(1)} MB`);
    console.log(`  open (fresh process, best of 3)   ${ms(r['openBeforeMs']!)} → ${ms(r['openAfterMs']!)}`);
    console.log(
      `  archived campaign's results       ${ms(r['archivedResultsColdMs']!)} opening its file, then ${ms(r['archivedResultsWarmMedianMs']!)} (median)`,
    );
    console.log(`  campaign report, all 12           ${ms(r['campaignReportAllMs']!).padStart(12)}`);
  }
}
if (want('import')) {
  const r = (results['import'] = await importBench(Number(process.env['BENCH_IMPORT_ROWS'] ?? 100_000)));
  if (!json) {
    console.log(`Customer import (${r['rows']} rows, ${r['fileMB']!.toFixed(1)} MB .xlsx)`);
    console.log(`  read + check + find duplicates    ${ms(r['previewMs']!).padStart(12)}`);
    console.log(`  commit (one transaction, fsync)   ${ms(r['commitMs']!).padStart(12)}`);
    console.log(`  total                             ${ms(r['totalMs']!).padStart(12)}  target < 20000 ms`);
    console.log(
      `  bare SheetJS parse of the file    ${ms(r['bareParseMs']!).padStart(12)}  total is ${r['totalOverBareParse']!.toFixed(1)} × (target ≤ 2.5 ×)`,
    );
    console.log(`  peak RSS                          ${(r['peakRssMB']!.toFixed(0) + ' MB').padStart(12)}  target < 1536 MB`);
  }
}
if (want('grow')) {
  const r = (results['grow'] = await growBench());
  if (!json) {
    console.log(`A big write into a big image (${r['rows']} rows into ${r['imageMB']!.toFixed(0)} MB, one transaction)`);
    console.log(`  image as sql.js keeps it alone     ${ms(r['plainWriteMs']!).padStart(12)}  peak ${r['plainPeakMB']!.toFixed(0)} MB`);
    console.log(`  with room to grow (as the app)     ${ms(r['roomWriteMs']!).padStart(12)}  peak ${r['roomPeakMB']!.toFixed(0)} MB`);
  }
}
if (want('divisions')) {
  const r = (results['divisions'] = await divisionsBench());
  if (!json) {
    console.log(`Division reference (${r['villages']} villages, ${r['fileMB']!.toFixed(1)} MB shipped)`);
    console.log(`  load                              ${ms(r['loadMs']!).padStart(12)}  target < 1000 ms`);
    console.log(`  search median (300: name/pinyin/code) ${ms(r['searchMedianMs']!).padStart(8)}`);
    console.log(`  search p95                        ${ms(r['searchP95Ms']!).padStart(12)}  target < 30 ms`);
  }
}
if (want('campaigns')) {
  const r = (results['campaigns'] = await campaignBench());
  if (!json) {
    console.log(`Campaigns (${r['customers']} customers, ${r['visits']} visits; seeded in ${ms(r['seedMs']!)})`);
    console.log(`  filter count median               ${ms(r['countMedianMs']!).padStart(12)}  target < 200 ms`);
    console.log(`  filter count p95                  ${ms(r['countP95Ms']!).padStart(12)}`);
    console.log(`  campaign results median           ${ms(r['resultsMedianMs']!).padStart(12)}  target < 300 ms`);
    console.log(`  campaign results p95              ${ms(r['resultsP95Ms']!).padStart(12)}`);
    console.log(`  campaign report workbook export   ${ms(r['reportExportMs']!).padStart(12)}  target < 5000 ms`);
  }
}
if (want('usage')) {
  const r = (results['usage'] = await usageBench(Number(process.env['BENCH_CUSTOMERS'] ?? 50_000), Number(process.env['BENCH_USAGE_ROWS'] ?? 100_000)));
  if (!json) {
    console.log(`Usage extract (${r['rows']} rows, ${r['fileMB']!.toFixed(1)} MB .xlsx, against ${r['customers']} customers)`);
    console.log(`  matched ${r['matched']}, queued ${r['queued']}, unmatched ${r['unmatched']}, new facts ${r['facts']}`);
    console.log(`  read + match                      ${ms(r['prepareMs']!).padStart(12)}`);
    console.log(`  commit (one transaction, fsync)   ${ms(r['commitMs']!).padStart(12)}`);
    console.log(`  total                             ${ms(r['totalMs']!).padStart(12)}  target < 30000 ms`);
    console.log(`  peak RSS                          ${(r['peakRssMB']!.toFixed(0) + ' MB').padStart(12)}`);
    console.log(`  same extract again (new facts ${r['againFacts']})  ${ms(r['againMs']!).padStart(9)}`);
    console.log(`  queue of ${r['pending']}: open (first 1,000 + entry) median ${ms(r['queueOpenMedianMs']!).padStart(8)}  target < 1000 ms`);
    console.log(`  queue open p95                    ${ms(r['queueOpenP95Ms']!).padStart(12)}`);
    console.log(`  whole queue in one call (${r['queueMB']!.toFixed(1)} MB)  ${ms(r['queueWholeMedianMs']!).padStart(9)}`);
    console.log(`  dashboard summary                 ${ms(r['summaryMs']!).padStart(12)}`);
  }
}
if (want('sync')) {
  const r = (results['sync'] = await syncBench(Number(process.env['BENCH_SYNC_CHANGES'] ?? 10_000), Number(process.env['BENCH_SYNC_BRANCHES'] ?? 200)));
  if (!json) {
    console.log(`Sync with the hub (hub process on PostgreSQL, loopback)`);
    console.log(`  push ${r['pushed']} changes                ${ms(r['pushMs']!).padStart(12)}  target < 5000 ms`);
    console.log(`  pull ${r['pulled']} rows to a new PC        ${ms(r['pullMs']!).padStart(12)}  target < 5000 ms`);
    console.log(`  sync with nothing to do, median   ${ms(r['idleMedianMs']!).padStart(12)}  target < 100 ms`);
    console.log(`  sync with nothing to do, p95      ${ms(r['idleP95Ms']!).padStart(12)}`);
    console.log(`  ${r['branches']} branches at once, 2 rounds: ${r['concurrentSyncs']} syncs in ${ms(r['concurrentWallMs']!)}`);
    console.log(
      `    ${r['syncsPerSecond']!.toFixed(1)} syncs/s, ${r['changesPerSecond']!.toFixed(0)} changes/s; latency median ${ms(r['concurrentMedianMs']!)}, p95 ${ms(r['concurrentP95Ms']!)}`,
    );
  }
}
if (want('hub')) {
  const r = (results['hub'] = await hubBench(
    Number(process.env['BENCH_HUB_BRANCHES'] ?? 50),
    Number(process.env['BENCH_HUB_CUSTOMERS'] ?? 1_000_000),
    Number(process.env['BENCH_HUB_VISITS'] ?? 2_000_000),
  ));
  if (!json) {
    console.log(`City hub on PostgreSQL (${r['branches']} branches, ${r['customers']} customers, ${r['visits']} visits; ${r['templateRows']} rows a branch)`);
    console.log(
      `  load through the hub's checks      ${ms(r['loadMs']!).padStart(12)}  ${r['loadRowsPerSecond']} rows/s, refused ${r['refused']}, ${r['databaseMB']} MB`,
    );
    for (const k of Object.keys(r).filter((x) => x.startsWith('report_')))
      console.log(`  city report ${k.slice(7, -3).padEnd(22)} ${ms(r[k]!).padStart(12)}  target < 3000 ms`);
    console.log(`  网点 page                          ${ms(r['branchesPageMs']!).padStart(12)}`);
    console.log(`  数据维护 page                      ${ms(r['maintenancePageMs']!).padStart(12)}`);
    console.log(`  专项活动 progress (all branches)   ${ms(r['campaignProgressMs']!).padStart(12)}`);
    console.log(`  one branch's progress, median/p95  ${ms(r['branchProgressMedianMs']!)} / ${ms(r['branchProgressP95Ms']!)}  target < 300 ms`);
    console.log(
      `  ${r['syncs']} syncs at ${r['syncsPerSecond']}/s during ${r['cityReportsDuringSync']} city reports: p50 ${ms(r['syncP50Ms']!)}, p95 ${ms(r['syncP95Ms']!)} (target < 100 ms), failures ${r['syncFailures']}`,
    );
    console.log(JSON.stringify({ hub: r }));
  }
}
if (want('mail')) {
  const r = (results['mail'] = await mailBench(Number(process.env['BENCH_MAIL_TARGETS'] ?? 80_000)));
  if (!json) {
    console.log(`Direct mail (${r['targets']} letter targets: ${r['pieces']} pieces, ${r['excluded']} left out; ${r['fileMB']!.toFixed(1)} MB .xlsx)`);
    console.log(`  mailing list, numbering pieces    ${ms(r['listMs']!).padStart(12)}  target < 10000 ms`);
    console.log(`  mailing list again                ${ms(r['againMs']!).padStart(12)}`);
    console.log(`  SMS list (${r['smsLines']} numbers)         ${ms(r['smsMs']!).padStart(12)}`);
    console.log(`  peak RSS                          ${(r['peakRssMB']!.toFixed(0) + ' MB').padStart(12)}`);
  }
}
if (want('pdf')) {
  const r = (results['pdf'] = await mailPdfBench(Number(process.env['BENCH_PDF_PIECES'] ?? 10_000)));
  if (!json) {
    const mb = (x: number) => `${x.toFixed(0)} MB`;
    console.log(`Mail PDFs (${r['pieces']} pieces)`);
    console.log(
      `  envelopes DL                      ${ms(r['envelopesMs']!).padStart(12)}  ${r['envelopesMB']!.toFixed(1)} MB file, peak RSS ${mb(r['envelopesPeakMB']!)} (before ${mb(r['envelopesBaseMB']!)})`,
    );
    console.log(
      `  merged letters                    ${ms(r['lettersMs']!).padStart(12)}  ${r['lettersMB']!.toFixed(1)} MB file, peak RSS ${mb(r['lettersPeakMB']!)} (before ${mb(r['lettersBaseMB']!)})`,
    );
    console.log(`  labels 3×8 (${r['labelPages']} sheets)          ${ms(r['labelsMs']!).padStart(12)}`);
  }
}
if (want('ui')) {
  for (const n of (process.env['BENCH_UI_CUSTOMERS'] ?? '3000,50000').split(',').map(Number)) {
    const r = (results[`ui_${n}`] = await uiBench(n));
    if (!json) {
      console.log(`What the user sees (headless Chromium, browser-mode server, ${n} customers)`);
      console.log(`  log-in to the customer table      ${ms(r['loginToTableMs']!).padStart(12)}  target < 1000 ms`);
      console.log(`  search results after last key     ${ms(r['searchMedianMs']!).padStart(12)} median, p95 ${ms(r['searchP95Ms']!)}  target < 150 ms`);
      console.log(`  live target count after a change  ${ms(r['liveCountMedianMs']!).padStart(12)} median, p95 ${ms(r['liveCountP95Ms']!)}  target < 300 ms`);
    }
  }
}
if (json) console.log(JSON.stringify(results, null, 2));
