/**
 * 0010_letters: letter templates per campaign and A/B variant, and customers.no_contact (per-channel opt-out),
 * '[]' for every customer from before — contactable as they were.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { templateId } from '../../../backend/mail/templates';
import { call } from '../../helpers/backend';
import { ALL_CUSTOMERS, C, CAMPAIGN, PARTS, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, newColumns, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0010_letters');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const TS = "'2026-04-05T00:00:00.000Z'";

describe('migration 0010_letters', () => {
  it("adds letter_templates and no_contact = '[]' on every customer; nothing else changes", async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(newColumns(before, after, 'customers')).toEqual(['no_contact']);
    expect(after['customers']!.map((c) => c['no_contact'])).toEqual(ALL_CUSTOMERS.map(() => '[]'));
    expect(Object.keys(after).filter((t) => !(t in before))).toEqual(['letter_templates']);
    expect(after['letter_templates']).toEqual([]);
    expectSound(db, K);

    // A template given only its body takes the defaults ('' = every target).
    db.write('test', (w) => w.run(`INSERT INTO letter_templates (id, campaign_id, body, updated_at) VALUES ('t-min', ?, '您好', ${TS})`, [CAMPAIGN]));
    expect(db.read((r) => r.get(`SELECT variant, title, signoff, fields, deleted_at FROM letter_templates WHERE id = 't-min'`))).toEqual({
      variant: '',
      title: '',
      signoff: '',
      fields: '{}',
      deleted_at: null,
    });
    db.write('test', (w) => w.run(`DELETE FROM letter_templates WHERE id = 't-min'`));

    db.write('test.part10', PARTS[K - 1]!);
    expect(refusal(db, 'UPDATE customers SET no_contact = NULL WHERE id = ?', [C.zhang])).toMatch(/NOT NULL/);
    expect(refusal(db, `INSERT INTO letter_templates (id, campaign_id, body, updated_at) VALUES ('x', 'no-campaign', '您好', ${TS})`)).toMatch(/FOREIGN KEY/);
    expect(refusal(db, `INSERT INTO letter_templates (id, campaign_id, body, updated_at) VALUES ('x', ?, NULL, ${TS})`, [CAMPAIGN])).toMatch(/NOT NULL/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => w.run(`UPDATE letter_templates SET deleted_at = ${TS} WHERE id = ?`, [templateId(CAMPAIGN, 'A')]),
      (r) => expect(r.value('SELECT deleted_at FROM letter_templates WHERE id = ?', [templateId(CAMPAIGN, 'A')])).toBe('2026-04-05T00:00:00.000Z'),
    );
  });

  it('lets old customers keep every channel and old campaigns take a template', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir, now: () => NOW });
    for (const id of [C.zhang, C.li, C.org]) expect((await call(b, 'customers.get', { id }, ADMIN)).noContact).toEqual([]);
    const saved = await call(
      b,
      'letters.save',
      { campaignId: CAMPAIGN, variant: 'B', title: '{称呼}：', body: '{称呼}您好！全年订阅九折。', signoff: '石桥邮政支局' },
      ADMIN,
    );
    expect(saved.variant).toBe('B');
    const list = await call(b, 'letters.list', { campaignId: CAMPAIGN }, ADMIN);
    expect(list.variants.map((v) => v.code)).toEqual(['A', 'B']);
    expect(list.templates.map((t) => t.variant)).toEqual(['B']);
    expect(b.db.read((r) => r.value('SELECT id FROM letter_templates'))).toBe(templateId(CAMPAIGN, 'B'));
    await b.close();
  });
});
