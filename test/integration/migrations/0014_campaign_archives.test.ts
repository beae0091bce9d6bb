/**
 * 0014_campaign_archives: where archived campaigns went (campaign_archives) and each customer's latest archived
 * visit (archived_last_visits). Both are this installation's own: logged and replayed like any table, never sent
 * to the hub, and the "last outcome" filter reads the archived visit where the customer has no later one.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { C, CAMPAIGN_2024, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0014_campaign_archives');
const ADMIN = { actor: '站长', role: 'admin' as const };

describe('migration 0014_campaign_archives', () => {
  it('adds the two tables empty and keeps every row', async () => {
    const { before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(Object.keys(after).filter((t) => !(t in before))).toEqual(['archived_last_visits', 'campaign_archives']);
    expect(after['campaign_archives']).toEqual([]);
    db.write('test.part14', PARTS[K - 1]!);
    expectSound(db, K);
    await db.close();
  });

  it('logs what the archive keeps (a crash replays it) but never queues it for the hub', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    await expectWriteSurvivesCrash(dir, K, PARTS[K - 1]!, (r) => {
      expect(r.value('SELECT year FROM campaign_archives WHERE id = ?', [CAMPAIGN_2024])).toBe(2024);
      expect(r.value('SELECT outcome FROM archived_last_visits WHERE id = ?', [C.ouyang])).toBe('refused');
    });
    const b = await Backend.open({ dir });
    b.db.write('sync.enable', (w) => b.sync.enable(w));
    b.db.write('more', (w) => w.run("UPDATE archived_last_visits SET outcome = 'interested' WHERE id = ?", [C.ouyang]));
    const queued = b.db.read((r) => r.value("SELECT COUNT(*) FROM sync_outbox WHERE tbl IN ('campaign_archives', 'archived_last_visits')"));
    expect(queued).toBe(0);
    await b.close();
  });

  it('lets the last-outcome filter see an archived visit, and the campaign list the archived count', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    const matched = async (b: Backend) => (await call(b, 'segments.count', { filter: { lastOutcomes: ['refused'] } }, ADMIN)).matched;
    await db.close();
    const b = await Backend.open({ dir });
    const without = await matched(b);
    b.db.write('test.part14', PARTS[K - 1]!);
    expect(await matched(b)).toBe(without + 1);
    const archived = (await call(b, 'campaigns.list', {}, ADMIN)).find((c) => c.id === CAMPAIGN_2024)!;
    expect(archived).toMatchObject({ archivedYear: 2024, targets: 3 });
    await b.close();
  });
});
