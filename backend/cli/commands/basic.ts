import type { Customer, TableCounts, Village } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { seedBranch } from '../../seed/generate';
import { setSetting, SETTING_BRANCH_NAME } from '../../services/settings';
import { intFlag, optionalString, parseFlags, requireString } from '../args';
import { callOp, cliSession, withBackend } from '../open';

export type Out = (text: string) => void;

export async function initCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', branch: 'string', json: 'boolean' });
  const db = requireString(flags, 'db');
  const branch = optionalString(flags, 'branch');
  const created = await withBackend(db, true, async (b) => {
    if (branch) b.db.write('settings.branch', (w) => setSetting(w, SETTING_BRANCH_NAME, branch.trim()));
    return b.db.report.created;
  });
  out(flags['json'] ? JSON.stringify({ created }) : created ? `已创建数据库：${db}` : `数据库已存在，未做改动：${db}`);
}

export async function seedCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', villages: 'string', customers: 'string', seed: 'string', json: 'boolean' });
  const db = requireString(flags, 'db');
  const villages = intFlag(flags, 'villages', 20, 100_000);
  const customers = intFlag(flags, 'customers', 1000, 2_000_000);
  const seed = intFlag(flags, 'seed', 1, 2 ** 31);
  if (customers > 0 && villages === 0) throw new AppError('VALIDATION', '生成客户时至少需要 1 个行政村（--villages）');
  const result = await withBackend(db, true, async (b) => {
    const session = cliSession();
    return b.db.write('seed', (w) => {
      if (!w.value('SELECT 1 FROM settings WHERE key = ?', [SETTING_BRANCH_NAME])) setSetting(w, SETTING_BRANCH_NAME, '演示网点');
      return seedBranch(w, { villages, customers, seed, now: new Date(), actor: session.actor });
    });
  });
  out(flags['json'] ? JSON.stringify(result) : `已生成 ${result.villages} 个行政村、${result.customers} 户客户、${result.usageFacts} 条用邮信息`);
}

export async function customerCommand(argv: string[], out: Out): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub !== 'add') throw new AppError('VALIDATION', `未知的子命令：customer ${sub ?? ''}（可用：customer add）`);
  const { flags } = parseFlags(rest, { db: 'string', village: 'string', name: 'string', phone: 'string', 'id-number': 'string', json: 'boolean' });
  const db = requireString(flags, 'db');
  const name = requireString(flags, 'name');
  const villageName = optionalString(flags, 'village');
  const customer = await withBackend(db, false, async (b) => {
    let villageId: string | null = null;
    if (villageName) {
      const villages = await callOp<Village[]>(b, 'villages.list', {});
      const v = villages.find((x) => x.name === villageName.trim());
      if (!v) {
        const known = villages.slice(0, 10).map((x) => x.name).join('、') || '（尚无）';
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
  out(flags['json'] ? JSON.stringify({ id: customer.id }) : `已添加客户 ${customer.name}（${customer.id}）`);
}

export async function statsCommand(argv: string[], out: Out): Promise<void> {
  const { flags } = parseFlags(argv, { db: 'string', json: 'boolean' });
  const db = requireString(flags, 'db');
  const counts = await withBackend(db, false, (b) => callOp<TableCounts>(b, 'stats.counts', {}));
  if (flags['json']) out(JSON.stringify(counts));
  else out(Object.entries(counts).map(([k, v]) => `${k}\t${v}`).join('\n'));
}
