/**
 * 0005_accounts: users, the append-only audit log (triggers refuse UPDATE and DELETE) and consent history,
 * added to a branch that worked without accounts until then.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { call } from '../../helpers/backend';
import { C, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0005_accounts');
const ADMIN = { actor: '站长', role: 'admin' as const };
const TS = "'2026-03-01T00:00:00.000Z'";

describe('migration 0005_accounts', () => {
  it('adds users, an append-only audit log and consent events; the branch data is untouched', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    for (const t of ['users', 'audit_log', 'consent_events']) expect(after[t], t).toEqual([]);
    expect(Object.keys(after).length).toBe(Object.keys(before).length + 3);
    db.read((r) => {
      const triggers = r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").map((x) => x.name);
      expect(triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    });
    expectSound(db, K);

    db.write('test.part5', PARTS[K - 1]!);
    expect(db.read((r) => r.all('SELECT login, role, failed_logins, disabled_at FROM users ORDER BY login'))).toEqual([
      { login: 'lizr', role: 'supervisor', failed_logins: 0, disabled_at: null },
      { login: 'wangyyy', role: 'clerk', failed_logins: 0, disabled_at: null },
      { login: 'zhanzhang', role: 'admin', failed_logins: 0, disabled_at: null },
      { login: 'zhaotd', role: 'carrier', failed_logins: 0, disabled_at: null },
    ]);

    // The audit log cannot be rewritten, not even by the program itself.
    expect(refusal(db, "UPDATE audit_log SET actor = '某人'")).toContain('操作日志只能追加，不能修改');
    expect(refusal(db, 'DELETE FROM audit_log')).toContain('操作日志只能追加，不能删除');
    expect(db.read((r) => r.value('SELECT COUNT(*) FROM audit_log'))).toBe(2);
    expect(refusal(db, `INSERT INTO audit_log (id, at, action) VALUES ('a-new', ${TS}, 'export')`)).toBeNull();
    // Roles are the four of the contract; a login is taken once.
    expect(
      refusal(
        db,
        `INSERT INTO users (id, login, display_name, role, password_hash, created_at, updated_at) VALUES ('x', 'guest', '访客', 'guest', 'h', ${TS}, ${TS})`,
      ),
    ).toMatch(/CHECK constraint failed/);
    expect(
      refusal(
        db,
        `INSERT INTO users (id, login, display_name, role, password_hash, created_at, updated_at) VALUES ('x', 'zhaotd', '另一个赵', 'carrier', 'h', ${TS}, ${TS})`,
      ),
    ).toMatch(/UNIQUE/);
    expect(refusal(db, `INSERT INTO consent_events (id, customer_id, at, consent) VALUES ('x', 'nobody', ${TS}, 1)`)).toMatch(/FOREIGN KEY/);
    expect(refusal(db, `INSERT INTO consent_events (id, customer_id, at, consent) VALUES ('x', ?, ${TS}, NULL)`, [C.li])).toMatch(/NOT NULL/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => {
        w.run(`INSERT INTO consent_events (id, customer_id, at, by_user, consent, source) VALUES ('ce-2', ?, ${TS}, '王营业员', 1, '电话确认')`, [C.li]);
        w.run(
          `INSERT INTO audit_log (id, at, actor, role, action, target, target_ids) VALUES ('a-2', ${TS}, '王营业员', 'clerk', 'customer.edit', 'customer', ?)`,
          [JSON.stringify([C.li])],
        );
      },
      (r) => {
        expect(r.value(`SELECT source FROM consent_events WHERE id = 'ce-2'`)).toBe('电话确认');
        expect(r.value('SELECT COUNT(*) FROM audit_log')).toBe(3);
      },
    );
  });

  it('lets a branch from before accounts set up its first administrator, whose actions on old customers are audited', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir });
    expect((await call(b, 'auth.state', {})).hasUsers).toBe(false);
    await call(b, 'auth.setupAdmin', { login: 'zhanzhang', displayName: '站长', password: 'Strong-pass-2026' }, ADMIN);
    expect((await call(b, 'auth.state', {})).hasUsers).toBe(true);
    await call(b, 'customers.delete', { id: C.zhao, reason: '已故' }, ADMIN);
    const audit = await call(b, 'audit.list', { targetId: C.zhao }, ADMIN);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor).toBe('站长');
    expect(
      b.db.read((r) => r.value("SELECT by_user FROM maintenance_events WHERE customer_id = ? AND action = 'delete' ORDER BY at DESC LIMIT 1", [C.zhao])),
    ).toBe('站长');
    await b.close();
  });
});
