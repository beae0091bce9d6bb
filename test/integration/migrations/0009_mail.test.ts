/**
 * 0009_mail: direct mail — the pieces of a campaign's mailing with their 流水号, returned mail, postal codes per
 * town and each campaign's costs — for campaigns and customers that existed before.
 */
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../backend/host/backend';
import { pieceId } from '../../../backend/mail/mailingList';
import { call } from '../../helpers/backend';
import { C, CAMPAIGN, PARTS, T, writeFixture } from '../../helpers/migrationFixture';
import { expectRowsKept, expectSound, expectWriteSurvivesCrash, refusal, schemaOf, upgradeTo } from '../../helpers/migrations';

const K = schemaOf('0009_mail');
const NOW = new Date('2026-06-01T02:00:00.000Z');
const ADMIN = { actor: '站长', role: 'admin' as const };
const TS = "'2026-04-10T00:00:00.000Z'";

describe('migration 0009_mail', () => {
  it('adds mail pieces, town postal codes and campaign costs; the campaign data is untouched', async () => {
    const { dir, before, after, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    expectRowsKept(before, after);
    expect(
      Object.keys(after)
        .filter((t) => !(t in before))
        .sort(),
    ).toEqual(['campaign_costs', 'mail_pieces', 'town_postal_codes']);
    for (const t of ['campaign_costs', 'mail_pieces', 'town_postal_codes']) expect(after[t], t).toEqual([]);
    expectSound(db, K);

    db.write('test', (w) => w.run(`INSERT INTO campaign_costs (id, updated_at) VALUES ('c-min', ${TS})`));
    expect(db.read((r) => r.get(`SELECT letter_fen, sms_fen, phone_fen, fixed_fen, sms_segments, calls FROM campaign_costs WHERE id = 'c-min'`))).toEqual({
      letter_fen: 0,
      sms_fen: 0,
      phone_fen: 0,
      fixed_fen: 0,
      sms_segments: 0,
      calls: 0,
    });
    db.write('test', (w) => w.run(`DELETE FROM campaign_costs WHERE id = 'c-min'`));

    db.write('test.part9', PARTS[K - 1]!);
    expect(db.read((r) => r.all('SELECT seq, customer_id, return_reason FROM mail_pieces ORDER BY seq'))).toEqual([
      { seq: 1, customer_id: C.zhang, return_reason: null },
      { seq: 2, customer_id: C.li, return_reason: '查无此人' },
    ]);
    expect(
      refusal(db, `INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at) VALUES ('x', 'no-campaign', ?, ?, 3, ${TS})`, [
        C.ouyang,
        T.ouyang,
      ]),
    ).toMatch(/FOREIGN KEY/);
    expect(
      refusal(db, `INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at) VALUES ('x', ?, 'nobody', ?, 3, ${TS})`, [
        CAMPAIGN,
        T.ouyang,
      ]),
    ).toMatch(/FOREIGN KEY/);
    expect(
      refusal(db, `INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at) VALUES ('x', ?, ?, ?, NULL, ${TS})`, [
        CAMPAIGN,
        C.ouyang,
        T.ouyang,
      ]),
    ).toMatch(/NOT NULL/);
    expect(refusal(db, `INSERT INTO town_postal_codes (id, town_code, postal_code, updated_at) VALUES ('x', '371402102', NULL, ${TS})`)).toMatch(/NOT NULL/);
    expect(refusal(db, 'DELETE FROM campaigns WHERE id = ?', [CAMPAIGN])).toMatch(/FOREIGN KEY/);
    expectSound(db, K);
    await db.close();

    await expectWriteSurvivesCrash(
      dir,
      K,
      (w) => w.run(`UPDATE mail_pieces SET returned_at = ${TS}, return_reason = '拒收', returned_by = '王营业员' WHERE seq = 1`),
      (r) => expect(r.value('SELECT return_reason FROM mail_pieces WHERE seq = 1')).toBe('拒收'),
    );
  });

  it('numbers the mailing list of a campaign from before 0009 and records its returns', async () => {
    const { dir, db } = await upgradeTo(K, (w) => writeFixture(w, K - 1));
    await db.close();
    const b = await Backend.open({ dir, now: () => NOW });
    expect((await call(b, 'mail.postalCodes', {}, ADMIN)).branchPostalCode).toBe('253011');
    const list = await call(b, 'mail.list', { campaignId: CAMPAIGN }, ADMIN);
    // 张伟 is mailed; 李秀英 and 欧阳娜 never gave marketing consent and are listed with the reason.
    expect(list.pieces).toBe(1);
    expect(list.newPieces).toBe(1);
    expect(list.excluded.map((x) => [x.customerId, x.reason]).sort()).toEqual(
      [
        [C.li, '已撤回营销授权'],
        [C.ouyang, '已撤回营销授权'],
      ].sort(),
    );
    const pieces = b.db.read((r) => r.all<{ id: string; customer_id: string; seq: number }>('SELECT id, customer_id, seq FROM mail_pieces ORDER BY seq'));
    expect(pieces.map((p) => p.seq)).toEqual(pieces.map((_, i) => i + 1));
    for (const p of pieces) expect(p.id).toBe(pieceId(CAMPAIGN, p.customer_id));
    const zhang = pieces.find((p) => p.customer_id === C.zhang)!;
    const ret = await call(b, 'mail.returned', { campaignId: CAMPAIGN, seq: zhang.seq, reason: '查无此人' }, ADMIN);
    expect(ret).toMatchObject({ customerId: C.zhang, name: '张伟', duplicate: false, returned: 1 });
    expect((await call(b, 'customers.get', { id: C.zhang }, ADMIN)).addressFlag).toBeTruthy();
    // A second list numbers nothing anew: the 流水号 on the envelopes never change.
    expect((await call(b, 'mail.list', { campaignId: CAMPAIGN }, ADMIN)).newPieces).toBe(0);
    await b.close();
  });
});
