/**
 * Yearly campaign archives (issue 18): campaigns that ended over a year ago leave the working database for their
 * year's file, and every figure a user reads about them stays exactly what it was.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../backend/host/backend';
import { archiveFileName } from '../../backend/archive/archiveStore';
import { seedCampaigns } from '../../backend/seed/campaigns';
import { seedBranch } from '../../backend/seed/generate';
import { recomputeGrades } from '../../backend/services/grades';
import type { CampaignResults } from '../../shared/domain';
import type { Writer } from '../../backend/db/handles';
import { call } from '../helpers/backend';
import { cli } from '../helpers/cli';
import { ADMIN_LOGIN, backupNow, configure } from '../helpers/backup';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'root', role: 'admin' as const };
const DAY = 86_400_000;
const T0 = new Date(2025, 5, 1, 10);

/** A branch whose six campaigns were run around T0; the clock then moves on by `days`. */
async function branch(opts: { dir?: string; key?: Buffer } = {}) {
  const clock = { now: T0 };
  const dir = opts.dir ?? tmpDir();
  const b = await Backend.open({ dir, create: true, now: () => clock.now, ...(opts.key ? { key: opts.key } : {}) });
  b.db.write('seed', (w) => seedBranch(w, { villages: 5, customers: 500, seed: 7, now: T0, actor: 'seed' }));
  seedCampaigns((l, fn) => b.db.write(l, fn), { campaigns: 6, visits: 3000, seed: 7, now: T0, actor: 'seed' });
  return { b, clock, dir };
}

const campaignIds = (b: Backend) => b.db.read((r) => r.all<{ id: string }>('SELECT id FROM campaigns ORDER BY start_date').map((c) => c.id));
const rowsOf = (b: Backend, table: string, id: string) => Number(b.db.read((r) => r.value(`SELECT COUNT(*) FROM ${table} WHERE campaign_id = ?`, [id])));

async function everyFigure(b: Backend, ids: string[]) {
  const results: Record<string, CampaignResults> = {};
  for (const id of ids) results[id] = await call(b, 'campaigns.results', { id }, ADMIN);
  const report = await call(b, 'reports.get', { name: 'campaign' }, ADMIN);
  const quarters = await call(b, 'reports.get', { name: 'quarterly' }, ADMIN);
  const carriers = await call(b, 'reports.get', { name: 'carriers' }, ADMIN);
  const refused = await call(b, 'segments.count', { filter: { lastOutcomes: ['refused'] } }, ADMIN);
  const campaigns = await call(b, 'campaigns.list', {}, ADMIN);
  const dashboard = await call(b, 'dashboard.get', { year: T0.getFullYear(), campaignId: ids[0]! }, ADMIN);
  return {
    dashboard,
    results,
    report: report.tables,
    quarters: quarters.tables,
    carriers: carriers.tables,
    refused,
    targets: campaigns.map((c) => [c.name, c.targets]),
  };
}

describe('yearly campaign archive', () => {
  it('moves campaigns ended over a year ago out of the working image and every figure about them stays the same', async () => {
    const { b, clock, dir } = await branch();
    const ids = campaignIds(b);
    // 380 days on, the newest campaign ended less than a year ago; the other five are candidates.
    clock.now = new Date(T0.getTime() + 380 * DAY);
    b.db.write('grades', (w) => recomputeGrades(w, clock.now));
    const before = await everyFigure(b, ids);
    const overview = await call(b, 'archive.overview', {}, ADMIN);
    expect(overview.candidates.map((c) => c.id)).toEqual(ids.slice(0, 5));
    expect(overview.candidates.every((c) => c.year === Number(c.endDate.slice(0, 4)))).toBe(true);

    const run = await call(b, 'archive.run', {}, ADMIN);
    expect(run.campaigns).toBe(5);
    expect(run.visits).toBe(overview.candidates.reduce((n, c) => n + c.visits, 0));
    expect(run.imageAfter).toBeLessThan(run.imageBefore);
    for (const id of ids.slice(0, 5)) {
      expect(rowsOf(b, 'visits', id)).toBe(0);
      expect(rowsOf(b, 'campaign_targets', id)).toBe(0);
    }
    expect(rowsOf(b, 'visits', ids[5]!)).toBeGreaterThan(0);
    for (const year of run.years) expect(fs.existsSync(path.join(dir, 'archive', archiveFileName(year)))).toBe(true);

    const after = await everyFigure(b, ids);
    expect(after).toEqual(before);
    const listed = await call(b, 'campaigns.list', {}, ADMIN);
    expect(
      listed
        .filter((c) => c.archivedYear !== null)
        .map((c) => c.id)
        .sort(),
    ).toEqual(ids.slice(0, 5).sort());
    const again = await call(b, 'archive.overview', {}, ADMIN);
    expect(again.candidates).toEqual([]);
    expect(again.archived).toHaveLength(5);
    expect(again.missingYears).toEqual([]);

    // Durable: after a crash (no final snapshot) and after a clean close alike.
    b.db.abandon();
    const reopened = await Backend.open({ dir, now: () => clock.now });
    expect(await everyFigure(reopened, ids)).toEqual(before);
    await reopened.close();
    const third = await Backend.open({ dir, now: () => clock.now });
    expect(await everyFigure(third, ids)).toEqual(before);
    await third.close();
  });

  it('tells the hub nothing about the move: no deletions of visits or targets reach the outbox', async () => {
    const { b, clock } = await branch();
    b.db.write('sync.enable', (w) => b.sync.enable(w));
    const deletions = () =>
      Number(
        b.db.read((r) =>
          r.value(
            "SELECT COUNT(*) FROM sync_outbox WHERE tbl IN ('visits', 'campaign_targets', 'campaign_archives', 'archived_last_visits') AND fields IS NULL",
          ),
        ),
      );
    const archiveRows = () => Number(b.db.read((r) => r.value("SELECT COUNT(*) FROM sync_outbox WHERE tbl IN ('campaign_archives', 'archived_last_visits')")));
    const queued = Number(b.db.read((r) => r.value('SELECT COUNT(*) FROM sync_outbox')));
    // What the first push would carry of the visits and targets, none of them sent yet.
    const pushed = () =>
      b.sync
        .outboxBatches()
        .flatMap((batch) => batch.changes)
        .filter((c) => c.tbl === 'visits' || c.tbl === 'campaign_targets')
        .map((c) => [c.id, c.fields]);
    const waiting = pushed();
    expect(waiting.length).toBeGreaterThan(100);
    clock.now = new Date(T0.getTime() + 500 * DAY);
    const run = await call(b, 'archive.run', {}, ADMIN);
    expect(run.campaigns).toBe(6);
    expect(deletions()).toBe(0);
    expect(archiveRows()).toBe(0);
    // The rows moved out still reach the hub whole, as they were, though they are no longer here.
    expect(pushed()).toEqual(waiting);
    // Only the audit entry of the move is new.
    expect(Number(b.db.read((r) => r.value('SELECT COUNT(*) FROM sync_outbox')))).toBe(queued + run.years.length);
    await b.close();
  });

  it('adds later campaigns of the same year to its file, and recovers from a move interrupted after the file was written', async () => {
    const { b, clock } = await branch();
    const ids = campaignIds(b);
    clock.now = new Date(T0.getTime() + 500 * DAY);
    const before = await everyFigure(b, ids);
    const first = await call(b, 'archive.run', { ids: [ids[0]!] }, ADMIN);
    expect(first.campaigns).toBe(1);
    // The next move dies after its file is written, before the working rows are deleted.
    const write = b.db.write.bind(b.db);
    let failed = false;
    b.db.write = ((label: string, fn: never, options?: never) => {
      if (label === 'campaign.archive' && !failed) {
        failed = true;
        throw new Error('断电');
      }
      return write(label, fn, options);
    }) as typeof b.db.write;
    await expect(call(b, 'archive.run', { ids: [ids[1]!, ids[2]!] }, ADMIN)).rejects.toThrow();
    expect(rowsOf(b, 'visits', ids[1]!)).toBeGreaterThan(0);
    expect(await everyFigure(b, ids)).toEqual(before);
    const rest = await call(b, 'archive.run', {}, ADMIN);
    expect(rest.campaigns).toBe(5);
    expect(await everyFigure(b, ids)).toEqual(before);
    await b.close();
  });

  it("holds no customer's personal data, and is sealed in an encrypted folder", async () => {
    const customerOf = (b: Backend) =>
      b.db.read((r) =>
        r.get<{ name: string; phone: string }>(
          'SELECT name, phone FROM customers c JOIN campaign_targets t ON t.customer_id = c.id WHERE phone IS NOT NULL LIMIT 1',
        ),
      )!;
    const plain = await branch();
    const person = customerOf(plain.b);
    plain.clock.now = new Date(T0.getTime() + 500 * DAY);
    const run = await call(plain.b, 'archive.run', {}, ADMIN);
    const plainFile = fs.readFileSync(path.join(plain.dir, 'archive', archiveFileName(run.years[0]!)));
    expect(plainFile.includes(Buffer.from('SQLite format 3'))).toBe(true);
    expect(plainFile.includes(Buffer.from(person.name))).toBe(false);
    expect(plainFile.includes(Buffer.from(person.phone))).toBe(false);
    await plain.b.close();

    const key = crypto.randomBytes(32);
    const { b, clock, dir } = await branch({ key });
    clock.now = new Date(T0.getTime() + 500 * DAY);
    await call(b, 'archive.run', {}, ADMIN);
    const sealed = fs.readFileSync(path.join(dir, 'archive', archiveFileName(run.years[0]!)));
    expect(sealed.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(sealed.includes(Buffer.from('投递员'))).toBe(false);
    const res = await call(b, 'campaigns.results', { id: campaignIds(b)[0]! }, ADMIN);
    expect(res.overall.targets).toBeGreaterThan(0);
    await b.close();
  });

  it('says which file is missing instead of showing an archived campaign as empty', async () => {
    const { b, clock, dir } = await branch();
    clock.now = new Date(T0.getTime() + 500 * DAY);
    const run = await call(b, 'archive.run', {}, ADMIN);
    await b.close();
    fs.renameSync(path.join(dir, 'archive'), path.join(dir, 'archive-moved'));
    const b2 = await Backend.open({ dir, now: () => clock.now });
    const id = campaignIds(b2)[0]!;
    await expect(call(b2, 'campaigns.results', { id }, ADMIN)).rejects.toThrow(archiveFileName(run.years[0]!));
    expect((await call(b2, 'archive.overview', {}, ADMIN)).missingYears).toEqual(run.years);
    await b2.close();
  });

  it('leaves campaigns alone that are recent or still being entered, and only an administrator moves anything', async () => {
    const { b, clock } = await branch();
    const ids = campaignIds(b);
    clock.now = new Date(T0.getTime() + 500 * DAY);
    // A carrier's late entry for the oldest campaign, made 100 days ago, keeps it in the working database.
    const lateAt = new Date(clock.now.getTime() - 100 * DAY).toISOString();
    b.db.write('late', (w) => w.run('UPDATE visits SET entered_at = ? WHERE id = (SELECT id FROM visits WHERE campaign_id = ? LIMIT 1)', [lateAt, ids[0]!]));
    const overview = await call(b, 'archive.overview', {}, ADMIN);
    expect(overview.candidates.map((c) => c.id)).not.toContain(ids[0]);
    await expect(call(b, 'archive.run', { ids: [ids[0]!] }, ADMIN)).rejects.toThrow('不能归档');
    await expect(call(b, 'archive.run', {}, { actor: 'clerk', role: 'clerk' })).rejects.toThrow();
    await expect(call(b, 'archive.run', {}, { actor: 'sup', role: 'supervisor' })).rejects.toThrow();
    expect(rowsOf(b, 'visits', ids[1]!)).toBeGreaterThan(0);
    await b.close();
  });

  it('runs from the command line: --dry-run lists, then the move reports what the image gained', async () => {
    const { b, dir } = await branch();
    await b.close();
    // The campaigns ran around T0, well over a year before any clock this test runs under.
    const dry = await cli('campaign', 'archive', '--db', dir, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.split('\n').filter((l) => l.includes('年归档'))).toHaveLength(6);
    const run = await cli('campaign', 'archive', '--db', dir, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ campaigns: 6, years: [T0.getFullYear()] });
    const report = await cli('campaign', 'report', '--db', dir, '--json');
    expect((JSON.parse(report.out) as { targets: number }[]).every((c) => c.targets > 0)).toBe(true);
    expect((await cli('campaign', 'archive', '--db', dir)).out).toContain('没有结束满一年的活动');
  });

  it('goes into backups with the working image: a new PC restored from one shows the archived campaigns', async () => {
    const { b, clock } = await branch();
    await call(b, 'users.create', { ...ADMIN_LOGIN, role: 'admin' }, ADMIN);
    const ids = campaignIds(b);
    clock.now = new Date(T0.getTime() + 500 * DAY);
    b.db.write('grades', (w) => recomputeGrades(w, clock.now));
    await call(b, 'archive.run', { ids: ids.slice(0, 3) }, ADMIN);
    const before = await everyFigure(b, ids);
    await configure(b, tmpDir('pbbak-'));
    expect(await backupNow(b)).toMatchObject({ state: 'done' });
    const file = (await call(b, 'backup.status', {}, ADMIN)).last!.file!;
    // What the backup holds does not change when this PC archives more afterwards.
    await call(b, 'archive.run', {}, ADMIN);
    // Restored over this PC, whose files now also hold the later campaigns: they are kept, and not counted twice.
    const here = await call(b, 'backup.inspect', { source: { path: file } }, ADMIN);
    if (here.state !== 'ready') throw new Error(here.state);
    await call(b, 'backup.restore', { source: { path: file }, confirmToken: here.confirmToken }, ADMIN);
    expect(await everyFigure(b, ids)).toEqual(before);
    expect((await call(b, 'archive.overview', {}, ADMIN)).candidates).toHaveLength(3);
    await call(b, 'archive.run', {}, ADMIN);
    expect(await everyFigure(b, ids)).toEqual(before);
    await b.close();

    const fresh = await Backend.open({ dir: tmpDir(), create: true, now: () => clock.now });
    const inspected = await call(fresh, 'backup.inspect', { source: { path: file }, password: ADMIN_LOGIN.password }, ADMIN);
    if (inspected.state !== 'ready') throw new Error(inspected.state);
    await call(fresh, 'backup.restore', { source: { path: file }, password: ADMIN_LOGIN.password, confirmToken: inspected.confirmToken }, ADMIN);
    expect(await everyFigure(fresh, ids)).toEqual(before);
    expect((await call(fresh, 'archive.overview', {}, ADMIN)).archived).toHaveLength(3);
    await fresh.close();
  });

  it('takes back rows of an archived campaign that sync brought back, with their changes', async () => {
    const { b, clock } = await branch();
    const id = campaignIds(b)[0]!;
    clock.now = new Date(T0.getTime() + 500 * DAY);
    const run = await call(b, 'archive.run', { ids: [id] }, ADMIN);
    const before = await call(b, 'campaigns.results', { id }, ADMIN);
    // Another PC of the branch corrected a visit's revenue; the pull brings the visit (and its target) back here.
    const file = b.db.archives.reader(run.years[0]!);
    const visit = file.get<Record<string, string | number | null>>('SELECT * FROM visits WHERE campaign_id = ? AND revenue > 0 LIMIT 1', [id])!;
    const target = file.get<Record<string, string | number | null>>('SELECT * FROM campaign_targets WHERE id = ?', [String(visit['target_id'])])!;
    const insert = (w: Writer, table: string, row: Record<string, string | number | null>) =>
      w.run(
        `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
          .map(() => '?')
          .join(', ')})`,
        Object.values(row),
      );
    b.db.write(
      'sync.pull',
      (w) => {
        insert(w, 'campaign_targets', target);
        insert(w, 'visits', { ...visit, revenue: Number(visit['revenue']) + 1000 });
      },
      { fromHub: true, foreignKeys: false },
    );
    const overview = await call(b, 'archive.overview', {}, ADMIN);
    expect(overview.candidates.find((c) => c.id === id)).toMatchObject({ visits: 1, targets: 1, year: run.years[0] });
    await call(b, 'archive.run', { ids: [id] }, ADMIN);
    expect(rowsOf(b, 'visits', id)).toBe(0);
    const after = await call(b, 'campaigns.results', { id }, ADMIN);
    expect(after.overall.revenue).toBe(before.overall.revenue + 1000);
    expect(after.overall.targets).toBe(before.overall.targets);
    expect((await call(b, 'archive.overview', {}, ADMIN)).archived.find((a) => a.id === id)).toMatchObject({ targets: before.overall.targets });
    await b.close();
  });
});
