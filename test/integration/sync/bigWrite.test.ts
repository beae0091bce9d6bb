import { expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { configureHub } from '../../../backend/sync/hubLink';
import { tmpDir } from '../../helpers/tmp';

it('a 150,000-row write with sync set up is saved whole, each row waiting in the outbox', async () => {
  const b = await Backend.open({ dir: tmpDir('big-'), create: true, snapshotDelayMs: 3_600_000 });
  try {
    configureHub(b.db, b.sync, { hubUrl: 'https://hub.invalid', token: `bbig000001.${'x'.repeat(43)}` });
    const before = b.db.read((r) => r.value<number>('SELECT count(*) FROM sync_outbox') ?? 0);
    b.db.write('bulk', (w) =>
      w.run(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000) INSERT INTO settings (key, value) SELECT 'bulk.' || i, 'v' FROM n",
      ),
    );
    expect(b.db.read((r) => r.value<number>('SELECT count(*) FROM sync_outbox'))).toBe(before + 150_000);
  } finally {
    await b.close();
  }
}, 120_000);
