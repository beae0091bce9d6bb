/**
 * Attack: rebuilding a masked ID number. A 营业员 or 投递员 sees 5325**********1234, but the same record used to
 * give the birth date (digits 7–14) and the county of registration (digits 1–6), and searching for a run of ID
 * digits found the customer — an oracle that confirms a guess digit by digit. Each read operation of the
 * contract (and every one that hands back a file) is called here as both roles, with real data behind it, and
 * nothing it returns may carry digits 1–14 of anybody's number in any form.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend, type Caller } from '../../backend/host/backend';
import { contract, OP_NAMES, type OpInput, type OpName, type OpOutput } from '../../shared/contract';
import { REPORT_NAMES, type Role } from '../../shared/domain';
import { formatHlc } from '../../shared/hlc';
import { maskIdNumber } from '../../shared/idNumber';
import { call } from '../helpers/backend';
import { validId, xlsxOf } from '../helpers/sheets';
import { tmpDir } from '../helpers/tmp';
import { account, ADMIN, as, envelopeOf, finished, logIn } from './signedIn';

// A Wednesday; no birth date below falls on a day the fixture itself writes (campaign dates, follow-ups, weeks).
const NOW = new Date(2026, 5, 17, 10);

interface Person {
  name: string;
  id: string;
  /** Names the county of registration goes by, longest first; none for a retired code. */
  places: string[];
  province: string;
}

const person = (name: string, first17: string, places: string[], province: string): Person => ({ name, id: validId(first17), places, province });

const A = person('李明', '53252719630923123', ['云南省红河哈尼族彝族自治州泸西县', '红河哈尼族彝族自治州', '泸西县'], '云南省');
const B = person('王芳', '52270119781119244', ['贵州省黔南布依族苗族自治州都匀市', '黔南布依族苗族自治州', '都匀市'], '贵州省');
const C = person('阿依古丽', '65290119851029366', ['新疆维吾尔自治区阿克苏地区阿克苏市', '阿克苏地区', '阿克苏市'], '新疆维吾尔自治区');
const D = person('巴特尔', '15078219900521481', ['内蒙古自治区呼伦贝尔市牙克石市', '呼伦贝尔市', '牙克石市'], '内蒙古自治区');
/** Birthday two days after NOW, so the birthday list has someone to show. */
const E = person('韦小宝', '45012619700619513', ['广西壮族自治区南宁市宾阳县', '南宁市', '宾阳县'], '广西壮族自治区');
/** A retired county code: the warning used to quote the six digits. */
const F = person('孙旧号', '37240119660312127', [], '');
/** Only in a usage extract (a person the branch does not know yet); the review queue shows the row. */
const X = person('李明', '23018319550729612', ['黑龙江省哈尔滨市尚志市', '哈尔滨市', '尚志市'], '黑龙江省');
const CUSTOMERS = [A, B, C, D, E, F];
const EVERYONE = [...CUSTOMERS, X];

/** Every form digits 1–14 of one number could take in an answer: the prefix, the code, the date, the places. */
function giveaways(p: Person): { what: string; test: (text: string, squeezed: string) => boolean }[] {
  const code = p.id.slice(0, 6);
  const [y, m, d] = [p.id.slice(6, 10), p.id.slice(10, 12), p.id.slice(12, 14)];
  const literal = (what: string, s: string) => ({ what, test: (t: string) => t.includes(s) });
  return [
    { what: `前 14 位 ${p.id.slice(0, 14)}`, test: (_t, squeezed) => squeezed.includes(p.id.slice(0, 14)) },
    literal(`区县代码 ${code}`, code),
    { what: `出生日期 ${y}${m}${d}`, test: (_t, squeezed) => squeezed.includes(`${y}${m}${d}`) },
    literal(`出生日期 ${y}-${m}-${d}`, `${y}-${m}-${d}`),
    literal(`出生日期 ${y}/${m}/${d}`, `${y}/${m}/${d}`),
    // Month and day alone give the date away once the year is known (it may be); so does a coming birthday.
    { what: `生日 -${m}-${d}`, test: (t) => new RegExp(`\\d{4}-${m}-${d}`).test(t) },
    literal(`生日 ${m}月${d}日`, `${m}月${d}日`),
    literal(`生日 ${Number(m)}月${Number(d)}日`, `${Number(m)}月${Number(d)}日`),
    ...p.places.map((place) => literal(`户籍地 ${place}`, place)),
  ];
}

function leaksIn(text: string): string[] {
  const squeezed = text.replace(/[\s\-/.,"]/g, '');
  return EVERYONE.flatMap((p) =>
    giveaways(p)
      .filter((g) => g.test(text, squeezed))
      .map((g) => `${p.name}：${g.what}`),
  );
}

/** The answer as a screen would get it, plus the text of every file in it (a CSV, each part of an xlsx, a PDF). */
function everythingIn(value: unknown): string {
  const texts = [JSON.stringify(value)];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (v === null || typeof v !== 'object') return;
    for (const [k, inner] of Object.entries(v)) {
      if (k === 'dataBase64' && typeof inner === 'string') texts.push(fileText(Buffer.from(inner, 'base64')));
      else visit(inner);
    }
  };
  visit(value);
  return texts.join('\n');
}

function fileText(bytes: Buffer): string {
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    const parts = unzipSync(new Uint8Array(bytes));
    return Object.entries(parts)
      .map(([name, data]) => `${name}\n${Buffer.from(data).toString('utf8')}`)
      .join('\n');
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return bytes.toString('latin1');
  return bytes.toString('utf8');
}

/** What one operation is called with: one input or several; its answer is checked for leaks whether it succeeds or not. */
interface Case {
  inputs: unknown[];
  /** The call cannot succeed in this fixture for a reason unrelated to roles (e.g. sync never set up). */
  expectError?: true;
  /** Ends or locks the session it is called with, so it gets a session of its own. */
  ownSession?: boolean;
}

type FileOp = { [K in OpName]: OpOutput<K> extends { dataBase64: string } ? K : never }[OpName];

const one = <K extends OpName>(input: OpInput<K>, extra: Omit<Case, 'inputs'> = {}): Case => ({ inputs: [input], ...extra });

interface Fixture {
  b: Backend;
  sessions: Record<Role, Caller>;
  logins: Record<Role, string>;
  ids: Record<string, string>;
  campaignId: string;
  importJob: string;
  usageJob: string;
  reportJob: string;
  queueId: string;
  libraryId: string;
  fileId: string;
  townCode: string;
  customerFile: string;
  extractFile: string;
}

let fx: Fixture;

async function setUp(): Promise<Fixture> {
  const b = await Backend.open({ dir: tmpDir('pbdb-idmask-'), create: true, now: () => NOW });
  await call(b, 'settings.update', { branchName: '测试支局' }, ADMIN);
  const east = await call(b, 'villages.create', { name: '东风村', postalCode: '253011' }, ADMIN);
  const red = await call(b, 'villages.create', { name: '红旗村', postalCode: '253012' }, ADMIN);
  const ids: Record<string, string> = {};
  for (const [i, p] of CUSTOMERS.entries()) {
    const c = await call(
      b,
      'customers.create',
      {
        name: p.name,
        idNumber: p.id,
        phone: `1390000000${i + 1}`,
        villageId: i % 2 ? red.id : east.id,
        address: `${i + 1}组${i + 10}号`,
        householdType: '种植大户',
        consent: true,
      },
      ADMIN,
    );
    ids[p.id] = c.id;
  }
  // Same name and phone as A without a number: a duplicate group that lists A's (masked) number.
  await call(b, 'customers.create', { name: A.name, phone: '13900000001', villageId: east.id }, ADMIN);
  await call(b, 'customers.create', { name: '赵六', phone: '13700000006', villageId: red.id }, ADMIN);

  const logins: Record<Role, string> = { admin: 'guanli', supervisor: 'zhuguan', clerk: 'yingye', carrier: 'toudi' };
  const accounts = Object.fromEntries(
    await Promise.all((Object.keys(logins) as Role[]).map(async (r) => [r, await account(b, logins[r], r)] as const)),
  ) as Record<Role, Awaited<ReturnType<typeof account>>>;
  const sessions = Object.fromEntries(Object.entries(accounts).map(([r, a]) => [r, a.caller])) as Record<Role, Caller>;

  const campaign = await call(
    b,
    'campaigns.create',
    {
      name: '夏季储蓄上门',
      products: ['储蓄'],
      channels: ['door', 'letter', 'sms', 'phone'],
      startDate: '2026-06-01',
      endDate: '2026-07-31',
      script: '您好，邮储夏季存款有礼。',
    },
    ADMIN,
  );
  await call(b, 'campaigns.freeze', { id: campaign.id, filter: {} }, ADMIN);
  await call(b, 'dispatch.auto', { id: campaign.id, carrierIds: [accounts.carrier.user.id] }, ADMIN);
  const round = await as(b, sessions.carrier, 'visits.targets', {});
  const targetOfA = round.find((t) => t.customerId === ids[A.id])!;
  await as(b, sessions.carrier, 'visits.record', { id: crypto.randomUUID(), targetId: targetOfA.targetId, outcome: 'interested', followUpDate: '2026-06-20' });

  await call(b, 'letters.save', { campaignId: campaign.id, body: '{称呼}您好：{活动名称}期间到{网点}办理储蓄有礼。' }, ADMIN);
  const pdf = await call(b, 'letters.pdfStart', { campaignId: campaign.id, kind: 'labels' }, ADMIN);
  await finished(b, pdf.jobId);
  const { fileId } = await call(b, 'letters.pdfResult', { jobId: pdf.jobId }, ADMIN);

  const customerFile = xlsxOf([
    ['姓名', '身份证号', '手机', '所属村'],
    [A.name, A.id, '13900000001', '东风村'],
    ['钱七', '12345', '13700000007', '红旗村'],
    ['孙八', null, '13700000008', '红旗村'],
  ]).toString('base64');
  const importJob = (await call(b, 'customers.importStart', { fileName: '客户.xlsx', dataBase64: customerFile }, ADMIN)).jobId;
  await finished(b, importJob);

  // The extract row with X's number has A's name: it waits in the queue with A (and A's namesake) as candidates.
  const extractFile = xlsxOf([
    ['姓名', '身份证号', '手机', '村', '产品'],
    [X.name, X.id, '13600000001', '东风村', '定期'],
    [B.name, B.id, '13900000002', '红旗村', '活期'],
  ]).toString('base64');
  const committed = (await call(b, 'usage.importStart', { fileName: '储蓄提取.xlsx', dataBase64: extractFile, line: '储蓄' }, ADMIN)).jobId;
  await finished(b, committed);
  await call(b, 'usage.importCommit', { jobId: committed }, ADMIN);
  const usageJob = (await call(b, 'usage.importStart', { fileName: '储蓄提取2.xlsx', dataBase64: extractFile, line: '储蓄' }, ADMIN)).jobId;
  await finished(b, usageJob);
  const queue = await call(b, 'usage.queue', { status: 'all' }, ADMIN);
  const queueId = queue.rows.find((r) => r.idNumber === X.id)!.id;
  const libraries = await call(b, 'usage.libraries', {}, ADMIN);
  const libraryId = libraries.find((l) => l.count > 0)!.id;

  const reportJob = (await call(b, 'reports.exportStart', { names: [...REPORT_NAMES] }, ADMIN)).jobId;
  await finished(b, reportJob);

  // Conflicts as the hub hands them down: over the number and the birth date, and a note that quotes a number.
  const hlc = (minute: number, node: string) => formatHlc({ millis: NOW.getTime() - minute * 60_000, counter: 0, node });
  b.db.write('test.conflicts', (w) => {
    const conflict = (id: string, pk: string, field: string, kept: unknown, lost: unknown) =>
      w.run('INSERT INTO sync_conflicts (id, tbl, pk, field, kept_value, lost_value, kept_hlc, lost_hlc, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        id,
        'customers',
        pk,
        field,
        JSON.stringify(kept),
        JSON.stringify(lost),
        hlc(5, 'pca'),
        hlc(9, 'pcb'),
        NOW.toISOString(),
      ]);
    conflict('conflict-id', ids[A.id]!, 'id_number', A.id, D.id);
    conflict('conflict-birth', ids[A.id]!, 'birth_date', '1963-09-23', '1990-05-21');
    conflict('conflict-note', ids[B.id]!, 'notes', `身份证 ${B.id} 已核对`, null);
  });

  const towns = await call(b, 'divisions.towns', { countyCode: '371402' }, ADMIN);
  return {
    b,
    sessions,
    logins,
    ids,
    campaignId: campaign.id,
    importJob,
    usageJob,
    reportJob,
    queueId,
    libraryId,
    fileId,
    townCode: towns[0]!.code,
    customerFile,
    extractFile,
  };
}

/** The read operations of the contract, each with inputs that reach real data; a new one without a case fails the test. */
function readCases(f: Fixture): Partial<Record<OpName, Case>> {
  const a = f.ids[A.id]!;
  return {
    'app.info': one<'app.info'>({}),
    'auth.state': one<'auth.state'>({}),
    'auth.logout': one<'auth.logout'>({}, { ownSession: true }),
    'auth.lock': one<'auth.lock'>({}, { ownSession: true }),
    'users.list': one<'users.list'>({}),
    'audit.list': one<'audit.list'>({ limit: 1000 }),
    'stats.counts': one<'stats.counts'>({}),
    'villages.list': one<'villages.list'>({}),
    'customers.list': { inputs: [{}, { query: A.name }, { query: A.id }] satisfies OpInput<'customers.list'>[] },
    'customers.get': { inputs: CUSTOMERS.map((p) => ({ id: f.ids[p.id]! })) satisfies OpInput<'customers.get'>[] },
    'customers.importStart': one<'customers.importStart'>({ fileName: '客户.xlsx', dataBase64: f.customerFile }),
    'customers.importPreview': one<'customers.importPreview'>({ jobId: f.importJob }),
    'customers.importErrorReport': one<'customers.importErrorReport'>({ jobId: f.importJob }),
    'customers.history': one<'customers.history'>({ id: a }),
    'customers.duplicates': one<'customers.duplicates'>({}),
    'customers.deleted': one<'customers.deleted'>({}),
    'customers.birthdays': one<'customers.birthdays'>({ days: 60 }),
    'cleanup.list': one<'cleanup.list'>({}),
    'maintenance.dashboard': one<'maintenance.dashboard'>({}),
    'verification.current': one<'verification.current'>({}),
    'settings.get': one<'settings.get'>({}),
    'setup.status': one<'setup.status'>({}),
    'divisions.counties': one<'divisions.counties'>({ query: '德城' }),
    'divisions.towns': one<'divisions.towns'>({ countyCode: '371402' }),
    'divisions.villages': one<'divisions.villages'>({ townCodes: [f.townCode] }),
    'divisions.search': one<'divisions.search'>({ query: '黄河涯' }),
    'campaigns.list': one<'campaigns.list'>({}),
    'campaigns.get': one<'campaigns.get'>({ id: f.campaignId }),
    'segments.count': one<'segments.count'>({ filter: {} }),
    'segments.list': one<'segments.list'>({}),
    'campaigns.testResult': one<'campaigns.testResult'>({ id: f.campaignId }),
    'dispatch.status': one<'dispatch.status'>({ id: f.campaignId }),
    'carriers.list': one<'carriers.list'>({}),
    'visits.targets': { inputs: [{}, { includeDone: true }] satisfies OpInput<'visits.targets'>[] },
    'campaigns.results': one<'campaigns.results'>({ id: f.campaignId }),
    'campaigns.followUps': one<'campaigns.followUps'>({}),
    'reports.get': { inputs: REPORT_NAMES.map((name) => ({ name })) satisfies OpInput<'reports.get'>[] },
    'reports.exportStart': one<'reports.exportStart'>({ names: [...REPORT_NAMES] }),
    'jobs.get': one<'jobs.get'>({ id: f.importJob }),
    'jobs.cancel': one<'jobs.cancel'>({ id: f.importJob }),
    'sync.status': one<'sync.status'>({}),
    'sync.conflicts': one<'sync.conflicts'>({ includeResolved: true }),
    'dashboard.get': one<'dashboard.get'>({ year: 2026 }),
    'usage.lines': one<'usage.lines'>({}),
    'usage.importStart': one<'usage.importStart'>({ fileName: '储蓄提取3.xlsx', dataBase64: f.extractFile, line: '储蓄' }),
    'usage.importPreview': one<'usage.importPreview'>({ jobId: f.usageJob }),
    'usage.imports': one<'usage.imports'>({}),
    'usage.queue': one<'usage.queue'>({ status: 'all' }),
    'usage.queueEntry': one<'usage.queueEntry'>({ id: f.queueId }),
    'usage.libraries': one<'usage.libraries'>({}),
    'usage.libraryMembers': one<'usage.libraryMembers'>({ id: f.libraryId }),
    'usage.plan': one<'usage.plan'>({ year: 2026 }),
    'usage.summary': one<'usage.summary'>({}),
    'mail.postalCodes': one<'mail.postalCodes'>({}),
    'mail.results': one<'mail.results'>({ campaignId: f.campaignId }),
    'letters.list': one<'letters.list'>({ campaignId: f.campaignId }),
    'letters.preview': one<'letters.preview'>({ campaignId: f.campaignId }),
    'letters.mergeCheck': one<'letters.mergeCheck'>({
      campaignId: f.campaignId,
      variant: '',
      template: { title: '', body: '{姓名}{地址}', signoff: '', fields: {} },
    }),
    'letters.pdfDefaults': one<'letters.pdfDefaults'>({}),
    'files.read': one<'files.read'>({ fileId: f.fileId, offset: 0 }),
    'backup.status': one<'backup.status'>({}),
    'archive.overview': one<'archive.overview'>({}),
    // Not a backup: refused with a reason that names no customer.
    'backup.inspect': one<'backup.inspect'>({ source: { path: '/nonexistent/备份.pbbak' } }, { expectError: true }),
  };
}

/** Every operation that hands back a file, read or write: the compiler insists each has a case. */
function fileCases(f: Fixture): Record<FileOp, Case> {
  return {
    'customers.export': one<'customers.export'>({}),
    'customers.accessExport': one<'customers.accessExport'>({ id: f.ids[A.id]! }),
    'customers.importErrorReport': one<'customers.importErrorReport'>({ jobId: f.importJob }),
    'customers.birthdaysExport': one<'customers.birthdaysExport'>({ days: 60 }),
    'reports.exportResult': one<'reports.exportResult'>({ jobId: f.reportJob }),
    'reports.csv': { inputs: REPORT_NAMES.map((name) => ({ name })) satisfies OpInput<'reports.csv'>[] },
    // Sealed with the branch token, which this branch never got: refused before any file exists.
    'sync.exportFile': one<'sync.exportFile'>({}, { expectError: true }),
    'mail.list': one<'mail.list'>({ campaignId: f.campaignId }),
    'mail.contactList': {
      inputs: (['sms', 'phone'] as const).map((channel) => ({ campaignId: f.campaignId, channel })) satisfies OpInput<'mail.contactList'>[],
    },
    'files.read': one<'files.read'>({ fileId: f.fileId, offset: 0 }),
  };
}

beforeAll(async () => {
  fx = await setUp();
}, 120_000);

afterAll(async () => {
  await fx?.b.close();
});

describe('masked roles cannot rebuild an ID number', () => {
  it('has a case for every read operation of the contract', () => {
    const cases = readCases(fx);
    const missing = OP_NAMES.filter((n) => !contract[n].write && !(n in cases));
    expect(missing, '新增的读取操作需要在 readCases 里给出输入').toEqual([]);
  });

  for (const role of ['clerk', 'carrier'] as const) {
    it(`gives a ${role} nothing of digits 1–14, whatever the read or the file`, async () => {
      const cases = { ...readCases(fx), ...fileCases(fx) } as Partial<Record<OpName, Case>>;
      const problems: string[] = [];
      let checked = 0;
      for (const op of Object.keys(cases) as OpName[]) {
        const c = cases[op]!;
        const allowed = contract[op].public === true || contract[op].roles.includes(role);
        for (const input of c.inputs) {
          const who = c.ownSession ? await logIn(fx.b, fx.logins[role]) : fx.sessions[role];
          const env = await envelopeOf(fx.b, who, op, input);
          const label = `${op} ${JSON.stringify(input).slice(0, 60)}`;
          if (!allowed) {
            if (env.ok || env.error.code !== 'FORBIDDEN') problems.push(`${label}：应拒绝，却${env.ok ? '成功' : `报 ${env.error.code}`}`);
          } else if (c.expectError) {
            // A public operation may refuse by the installation's state (backup.inspect once accounts exist).
            if (env.ok || (env.error.code === 'FORBIDDEN' && !contract[op].public))
              problems.push(`${label}：应因角色以外的原因失败，却${env.ok ? '成功' : '被拒绝'}`);
          } else if (!env.ok) {
            problems.push(`${label}：失败 ${env.error.code} ${env.error.message}`);
          }
          for (const leak of leaksIn(everythingIn(env))) problems.push(`${label}：泄露 ${leak}`);
          checked++;
        }
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(70);
    }, 120_000);
  }

  it('shows a masked role the number masked, the year of birth and the province only', async () => {
    for (const role of ['clerk', 'carrier'] as const) {
      for (const p of [A, C, E]) {
        const c = await as(fx.b, fx.sessions[role], 'customers.get', { id: fx.ids[p.id]! });
        expect(c).toMatchObject({ idNumber: maskIdNumber(p.id), birthDate: p.id.slice(6, 10), region: p.province, regionWarning: null });
      }
      const retired = await as(fx.b, fx.sessions[role], 'customers.get', { id: fx.ids[F.id]! });
      expect(retired.region).toBeNull();
      expect(retired.regionWarning).toContain('不在');
      expect(retired.regionWarning).not.toMatch(/\d{6}/);
    }
  });

  it('finds a customer by the whole number only: a run of its digits is no oracle for a masked role', async () => {
    const fragments = [A.id.slice(6, 14), A.id.slice(4, 11), A.id.slice(0, 14), A.id.slice(0, 6), A.id.slice(2, 17), A.id.slice(1)];
    for (const role of ['clerk', 'carrier'] as const) {
      const who = fx.sessions[role];
      for (const query of fragments) {
        const page = await as(fx.b, who, 'customers.list', { query });
        expect(page, `${role} 搜索 ${query}`).toEqual({ rows: [], total: 0 });
      }
      const whole = await as(fx.b, who, 'customers.list', { query: A.id });
      expect(whole.rows.map((r) => r.id)).toEqual([fx.ids[A.id]]);
      expect(whole.rows[0]!.idNumber).toBe(maskIdNumber(A.id));
      // Typed with full-width digits from a Chinese input method, the whole number still finds them.
      const fullWidth = A.id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
      expect((await as(fx.b, who, 'customers.list', { query: fullWidth })).total).toBe(1);
      // Names and phone numbers are searched as before.
      expect((await as(fx.b, who, 'customers.list', { query: '13900000003' })).rows.map((r) => r.name)).toEqual([C.name]);
      expect((await as(fx.b, who, 'customers.list', { query: D.name })).total).toBe(1);
    }
  });

  it('still shows an administrator and a supervisor everything, and lets them search by any part of the number', async () => {
    for (const role of ['admin', 'supervisor'] as const) {
      const who = fx.sessions[role];
      const c = await as(fx.b, who, 'customers.get', { id: fx.ids[A.id]! });
      expect(c).toMatchObject({ idNumber: A.id, birthDate: '1963-09-23', region: A.places[0] });
      const retired = await as(fx.b, who, 'customers.get', { id: fx.ids[F.id]! });
      expect(retired.regionWarning).toContain('372401');
      expect((await as(fx.b, who, 'customers.list', { query: A.id.slice(6, 14) })).rows.map((r) => r.id)).toEqual([fx.ids[A.id]]);
      const birthdays = await as(fx.b, who, 'customers.birthdays', { days: 7 });
      expect(birthdays.map((x) => [x.name, x.birthDate, x.nextBirthday])).toEqual([[E.name, '1970-06-19', '2026-06-19']]);
      const conflicts = await as(fx.b, who, 'sync.conflicts', { includeResolved: true });
      expect(conflicts.find((x) => x.field === 'id_number')).toMatchObject({ keptValue: A.id, lostValue: D.id });
      const queue = await as(fx.b, who, 'usage.queueEntry', { id: fx.queueId });
      expect(queue.entry.idNumber).toBe(X.id);
      // The same detector that passes the masked roles finds the numbers in the workbooks these roles get.
      const exported = leaksIn(everythingIn(await envelopeOf(fx.b, who, 'customers.export', {})));
      expect(exported).toEqual(expect.arrayContaining([`${A.name}：前 14 位 ${A.id.slice(0, 14)}`, `${C.name}：区县代码 652901`]));
      expect(leaksIn(everythingIn(await envelopeOf(fx.b, who, 'customers.birthdaysExport', { days: 7 })))).toContain(`${E.name}：生日 -06-19`);
    }
  });
});
