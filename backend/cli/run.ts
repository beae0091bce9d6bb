/**
 * Command line over the same backend the app uses: `npm run cli -- <command> [flags]`.
 * Exit codes: 0 done, 1 the command failed (message on stderr), 2 the command was called wrongly.
 */
import { AppError } from '../../shared/errors';
import { UsageError } from '../../shared/node/args';
import { customerCommand, initCommand, seedCommand, statsCommand, villagesCommand, type Out } from './commands/basic';
import { exportCommand, importCommand } from './commands/transfer';
import { userCommand } from './commands/users';
import { keyCommand } from './commands/key';
import { campaignCommand } from './commands/campaign';
import { syncCommand } from './commands/sync';
import { importUsageCommand, usageCommand } from './commands/usage';
import { contactCommand, mailCommand } from './commands/mail';
import { backupCommand, restoreCommand } from './commands/backup';

const USAGE = `用法：npm run cli -- <命令> [参数]
  init      --db PATH [--branch 网点名称] [--county 区县代码 --towns 乡镇代码,乡镇代码 [--postal-code 邮编]]
                                                           创建数据库；给出区县和乡镇时按官方区划建立行政村
  villages  --db PATH [--json]                             列出行政村及其区划代码
  seed      --db PATH --villages N --customers N [--seed S] [--campaigns N --visits N]
                                                           生成演示数据（同一 seed 结果相同；已按区划建立
                                                           行政村的网点，客户放入这些村，不另造村）
  campaign report --db PATH [--json]                       各营销活动的目标、结果、反馈率、成功率、流转额和收入
  campaign archive --db PATH [--dry-run] [--json]          把结束满一年的活动的目标和走访移入年度归档（报表照常可查）；
                                                           --dry-run 只列出可归档的活动
  customer add --db PATH --name 姓名 [--village 村名] [--phone 电话] [--id-number 身份证号] [--json]
  stats     --db PATH [--json]                             各表记录数
  user add  --db PATH --login 登录名 --role 管理员|主管|营业员|投递员 [--name 姓名]
                                                           添加用户；密码从标准输入读取
  import customers FILE --db PATH [--on-duplicate update|skip] [--error-report OUT.xlsx] [--json]
                                                           从 .xlsx/.xls/.csv 导入客户（全部成功或全部不写入）
  import usage FILE --db PATH --line 业务类别 [--date YYYY-MM-DD] [--json]
                                                           导入业务系统提取数据（储蓄、保险、代收费…），自动匹配客户，其余进入勾挑核对
  usage queue --db PATH [--all] [--json]                   列出待核对（勾挑核对）的记录
  usage lines|libraries --db PATH [--json]                 业务类别；专业库和名址库及其户数
  mail list --db PATH --campaign ID --out FILE.xlsx       商函邮寄清单（按邮编、村、地址排序，流水号固定，未列入的另表列出原因）
  mail returned --db PATH --campaign ID (--seq N | --customer 客户编号) --reason 原因 [--json]
                                                           登记退信：查无此人、地址不详、迁移新址不明、拒收、原址无此单位、其他
  mail results --db PATH --campaign ID [--json]            退信率、成本、收入、ROI、每户成功成本
  mail costs --db PATH --campaign ID [--letter 元/件 --sms 元/条 --call 元/次 --fixed 元]
  mail postal-code --db PATH [--town 乡镇代码 --code 邮编 | --village 村编号 [--code 邮编]] [--json]
                                                           邮政编码：按乡镇设置，村沿用；单独设置某村（不给 --code 即恢复沿用）
  sms list|call list --db PATH --campaign ID --out FILE.csv [--text 内容]
                                                           短信/电话名单（已授权、有效手机号、每号一行）
  export customers --db PATH --out FILE.xlsx               导出全部客户（中文表头，可再导入）
  export report NAME (--db PATH | --hub URL --token 市局用户令牌) --out FILE.xlsx [--from YYYY-MM-DD --to YYYY-MM-DD]
                                                           导出报表：campaign、maintenance、subsidy、quarterly、carriers、overdue 或 all；--hub 为各网点汇总
  sync      --db PATH [--hub URL --token 令牌] [--json]     与市局同步；数据库不存在时从市局恢复本网点全部数据
  sync export|import --db PATH --file F                    无网络时用同步文件：导出同步请求 / 导入市局回执
  key create --out FILE                                    生成加密数据库用的密钥文件
  backup    --db PATH --out FILE.pbbak|文件夹 [--password-stdin [--login 管理员]] [--json]
                                                           备份整个数据库（加密并读回校验）；未加密且未设置备份密码时从标准输入读管理员密码
  restore   --db PATH --file FILE.pbbak [--yes] [--json]   从备份恢复：先列出将丢失的数据，加 --yes 才恢复（当前数据先另存为安全副本）；
                                                           需要密码时从标准输入读取，或用 --key-file 指定恢复密钥
PATH 是数据库文件夹。加密的数据库在各命令后加 --key-file FILE。`;

const COMMANDS: Record<string, (argv: string[], out: Out) => Promise<void>> = {
  init: initCommand,
  seed: seedCommand,
  customer: customerCommand,
  stats: statsCommand,
  villages: villagesCommand,
  user: userCommand,
  key: keyCommand,
  campaign: campaignCommand,
  sync: syncCommand,
  import: (argv, out) => (argv[0] === 'usage' ? importUsageCommand(argv.slice(1), out) : importCommand(argv, out)),
  export: exportCommand,
  usage: usageCommand,
  mail: mailCommand,
  sms: contactCommand('sms'),
  call: contactCommand('phone'),
  backup: (argv, out) => backupCommand(argv, out),
  restore: (argv, out) => restoreCommand(argv, out),
};

export async function runCli(
  argv: string[],
  out: Out = (t) => process.stdout.write(t + '\n'),
  err: Out = (t) => process.stderr.write(t + '\n'),
): Promise<number> {
  const [cmd, ...rest] = argv;
  const run = cmd ? COMMANDS[cmd] : undefined;
  if (!run || cmd === 'help' || cmd === '--help') {
    (cmd && cmd !== 'help' && cmd !== '--help' ? err : out)((cmd && !run ? `未知命令：${cmd}\n` : '') + USAGE);
    return cmd && !run ? 2 : 0;
  }
  try {
    await run(rest, out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof AppError) {
      err(`错误：${e.message}`);
      for (const p of e.problems ?? []) err(`  ${p.field}: ${p.message}`);
      return 1;
    }
    err(`错误：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
