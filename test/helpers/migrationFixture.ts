/**
 * A small branch's data as the program wrote it at each schema, for the migration tests. `PARTS[k]` writes what
 * schema k (the first k migrations) brought — rows of its new tables, values of its new columns — using only
 * what exists at k, so `writeFixture(w, k)` (parts 1…k) is a realistic database at schema k, and writing the
 * parts one at a time between migrations is the history of a branch that upgraded step by step.
 */
import type { Writer } from '../../backend/db/handles';
import { townPostalId } from '../../backend/mail/postalCodes';
import { pieceId } from '../../backend/mail/mailingList';
import { templateId } from '../../backend/mail/templates';
import { notDuplicateId } from '../../backend/services/duplicates';
import { derivedCode } from '../../backend/services/customerCodes';
import { groupLibraryId, lineLibraryId, planId } from '../../backend/usage/keys';
import { idCheckDigit } from '../../shared/idNumber';
import { ERASURE_REASON } from '../../shared/syncProtocol';

const id = (first17: string) => first17 + idCheckDigit(first17);

export const V = {
  dongfeng: '6f1d2c3a-0b1e-4c2d-9a01-000000000101',
  zhangzhuang: '6f1d2c3a-0b1e-4c2d-9a01-000000000102',
  xingfu: '6f1d2c3a-0b1e-4c2d-9a01-000000000103',
  hongqi: '6f1d2c3a-0b1e-4c2d-9a01-000000000104',
} as const;

export const C = {
  zhang: '2b7e4f10-5c3d-4e6a-8b02-000000000201',
  li: '2b7e4f10-5c3d-4e6a-8b02-000000000202',
  ouyang: '2b7e4f10-5c3d-4e6a-8b02-000000000203',
  org: '2b7e4f10-5c3d-4e6a-8b02-000000000204',
  /** Deleted by 李主任 (搬迁). */
  wang: '2b7e4f10-5c3d-4e6a-8b02-000000000205',
  /** Deleted by 王营业员, restored by 李主任: live. */
  zhao: '2b7e4f10-5c3d-4e6a-8b02-000000000206',
  /** Deleted by 王营业员, restored, deleted again by 李主任. */
  sun: '2b7e4f10-5c3d-4e6a-8b02-000000000207',
  /** A second record of 张伟, retired by a merge into C.zhang (the merge event is on the kept record). */
  dup: '2b7e4f10-5c3d-4e6a-8b02-000000000208',
  /** Erased on request by 站长. */
  erased: '2b7e4f10-5c3d-4e6a-8b02-000000000209',
} as const;

export const ID_ZHANG = id('37140219780315123');
export const ID_LI = id('37140219550120452');

export const U = {
  admin: '9c3a7e21-4d5b-4f60-a703-000000000301',
  supervisor: '9c3a7e21-4d5b-4f60-a703-000000000302',
  clerk: '9c3a7e21-4d5b-4f60-a703-000000000303',
  carrier: '9c3a7e21-4d5b-4f60-a703-000000000304',
} as const;

export const CAMPAIGN = '4e8b1d55-7a2c-4b39-b104-000000000401';
export const CAMPAIGN_IDEA = '4e8b1d55-7a2c-4b39-b104-000000000402';
export const T = {
  zhang: '4e8b1d55-7a2c-4b39-b104-000000000411',
  li: '4e8b1d55-7a2c-4b39-b104-000000000412',
  ouyang: '4e8b1d55-7a2c-4b39-b104-000000000413',
} as const;
export const VISIT_SUCCESS = '4e8b1d55-7a2c-4b39-b104-000000000421';
export const VISIT_NOT_HOME = '4e8b1d55-7a2c-4b39-b104-000000000422';

/** Customers in the fixture that are not deleted. */
export const LIVE = [C.zhang, C.li, C.ouyang, C.org, C.zhao] as const;
/** Every customer of the fixture. */
export const ALL_CUSTOMERS = Object.values(C);

const AT = (day: string, time = '08:30:00') => `${day}T${time}.000Z`;

type Part = (w: Writer) => void;

function customer(w: Writer, c: Record<string, string | number | null>): void {
  const cols = Object.keys(c);
  w.run(
    `INSERT INTO customers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    cols.map((k) => c[k]!),
  );
}

function event(w: Writer, n: number, customerId: string, at: string, by: string, action: string, fields: string[] = []): void {
  w.run('INSERT INTO maintenance_events (id, customer_id, at, by_user, action, fields) VALUES (?, ?, ?, ?, ?, ?)', [
    `8d2f6a90-1e4b-4a7c-9c05-${String(n).padStart(12, '0')}`,
    customerId,
    at,
    by,
    action,
    JSON.stringify(fields),
  ]);
}

const part1: Part = (w) => {
  for (const [k, v] of [
    ['branch.name', '石桥邮政支局'],
    ['branch.postalCode', '253011'],
    ['customers.householdTypes', JSON.stringify(['种植大户', '养殖户', '个体工商户', '外出务工', '留守老人'])],
  ]) {
    w.run('INSERT INTO settings (key, value) VALUES (?, ?)', [k!, v!]);
  }
  const village = (
    vid: string,
    code: string | null,
    name: string,
    kind: string,
    townCode: string | null,
    townName: string,
    postal: string | null,
    deletedAt: string | null = null,
  ) =>
    w.run(
      'INSERT INTO villages (id, code, name, kind, town_code, town_name, postal_code, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [vid, code, name, kind, townCode, townName, postal, AT('2025-03-01'), deletedAt ?? AT('2025-03-01'), deletedAt],
    );
  village(V.dongfeng, '371402101201', '东风村民委员会', 'village', '371402101', '黄河涯镇', '253011');
  village(V.zhangzhuang, null, '张庄', 'village', null, '二屯镇', null);
  village(V.xingfu, null, '幸福小区3号楼', 'unit', null, '新湖街道', '253000');
  village(V.hongqi, '371402101202', '红旗村民委员会', 'village', '371402101', '黄河涯镇', '253011', AT('2025-09-01'));

  const base = { kind: 'person', created_by: '王营业员', created_at: AT('2025-03-02') };
  customer(w, {
    ...base,
    id: C.zhang,
    name: '张伟',
    id_number: ID_ZHANG,
    birth_date: '1978-03-15',
    sex: 'M',
    phone: '13805341234',
    village_id: V.dongfeng,
    group_name: '3组',
    address: '中心街12号',
    household_type: '种植大户',
    tags: '["私家车主"]',
    income_band: '5–10万',
    consent: 1,
    source: '网点登记',
    updated_at: AT('2025-11-20'),
    maintained_at: AT('2025-11-20'),
    maintained_by: '王营业员',
    selection_count: 2,
    last_selected_at: AT('2025-10-01'),
  });
  customer(w, {
    ...base,
    id: C.li,
    name: '李秀英',
    id_number: ID_LI,
    birth_date: '1955-01-20',
    sex: 'F',
    phone: '13953419876',
    landline: '0534-2212345',
    village_id: V.zhangzhuang,
    address: '张庄村东路8号',
    household_type: '留守老人',
    tags: '["夕阳红"]',
    income_band: '2万以下',
    consent: 0,
    source: '投递员走访',
    notes: '耳背，请大声说话',
    updated_at: AT('2025-04-11'),
  });
  customer(w, {
    ...base,
    id: C.ouyang,
    name: '欧阳娜',
    address: '建设路5号',
    village_id: V.xingfu,
    source: '活动报名',
    notes: '电话不详',
    updated_at: AT('2025-03-02'),
  });
  customer(w, {
    ...base,
    id: C.org,
    kind: 'org',
    name: '东风村村民委员会',
    landline: '0534-2210001',
    village_id: V.dongfeng,
    address: '东风村委大院',
    consent: 1,
    updated_at: AT('2025-03-02'),
  });
  customer(w, {
    ...base,
    id: C.wang,
    name: '王芳',
    sex: 'F',
    phone: '13605345678',
    village_id: V.dongfeng,
    updated_at: AT('2026-01-10'),
    deleted_at: AT('2026-01-10'),
  });
  customer(w, { ...base, id: C.zhao, name: '赵强', sex: 'M', phone: '15805341111', village_id: V.zhangzhuang, updated_at: AT('2025-12-03') });
  customer(w, {
    ...base,
    id: C.sun,
    name: '孙丽',
    sex: 'F',
    phone: '18653402222',
    village_id: V.zhangzhuang,
    updated_at: AT('2026-02-01'),
    deleted_at: AT('2026-02-01'),
  });
  customer(w, {
    ...base,
    id: C.dup,
    name: '张伟',
    phone: '13805341234',
    landline: '0534-2219999',
    village_id: V.dongfeng,
    updated_at: AT('2026-02-15'),
    deleted_at: AT('2026-02-15'),
  });
  customer(w, { ...base, id: C.erased, name: '（已删除）', updated_at: AT('2026-03-01'), deleted_at: AT('2026-03-01') });

  let n = 0;
  for (const cid of ALL_CUSTOMERS) event(w, ++n, cid, AT('2025-03-02'), '王营业员', 'create');
  event(w, ++n, C.zhang, AT('2025-11-20'), '王营业员', 'edit', ['phone', 'address']);
  event(w, ++n, C.wang, AT('2026-01-10'), '李主任', 'delete', ['搬迁']);
  event(w, ++n, C.zhao, AT('2025-12-01'), '王营业员', 'delete', []);
  event(w, ++n, C.zhao, AT('2025-12-03'), '李主任', 'restore');
  event(w, ++n, C.sun, AT('2025-10-01'), '王营业员', 'delete', []);
  event(w, ++n, C.sun, AT('2025-10-02'), '王营业员', 'restore');
  event(w, ++n, C.sun, AT('2026-02-01'), '李主任', 'delete', ['重复登记']);
  event(w, ++n, C.zhang, AT('2026-02-15'), '李主任', 'merge', ['landline', `merged:${C.dup}`]);
  event(w, ++n, C.erased, AT('2026-03-01'), '站长', 'erase', ['name', 'id_number', 'phone', 'address']);
};

const part2: Part = (w) => {
  const fact = (n: number, cid: string, line: string, product: string | null, first: string | null, last: string | null, band: string | null, source: string) =>
    w.run(
      'INSERT INTO usage_facts (id, customer_id, line, product, first_date, last_date, amount_band, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [`3a9c0e47-6b1f-4d28-8e06-${String(n).padStart(12, '0')}`, cid, line, product, first, last, band, source, AT('2025-04-01')],
    );
  fact(1, C.zhang, '储蓄', '定期', '2019-05-01', '2026-01-15', '5–10万', '导入');
  fact(2, C.zhang, '保险', '寿险', '2021-07-01', '2025-07-01', null, '录入');
  fact(3, C.li, '报刊', '齐鲁晚报', '2010-01-01', '2025-12-31', null, '走访');
  fact(4, C.ouyang, '代收费', '电费', '2022-01-01', '2023-06-30', null, '录入');
};

const part3: Part = (w) => {
  w.run(
    `UPDATE customers SET influence = 5, referrer = '李秀英', interests = '书法、象棋', consent_at = ?, consent_source = '纸质授权书', grade = 2, grade_at = ? WHERE id = ?`,
    [AT('2025-03-02'), AT('2026-03-01'), C.zhang],
  );
  w.run(`UPDATE customers SET grade = 3, grade_at = ?, phone_flag = '空号错号' WHERE id = ?`, [AT('2026-03-01'), C.li]);
  w.run(`UPDATE customers SET address_flag = '退信', verified_at = ?, verified_by = '李主任' WHERE id = ?`, [AT('2026-02-20'), C.ouyang]);
  w.run(`UPDATE customers SET merged_into = ?, delete_reason = '合并' WHERE id = ?`, [C.zhang, C.dup]);
  w.run(`UPDATE customers SET delete_reason = '搬迁' WHERE id = ?`, [C.wang]);
  w.run(`UPDATE customers SET delete_reason = '重复登记' WHERE id = ?`, [C.sun]);
  w.run(`UPDATE customers SET delete_reason = ? WHERE id = ?`, [ERASURE_REASON, C.erased]);
  w.run(`UPDATE villages SET street = '建设路', building = '3号楼' WHERE id = ?`, [V.xingfu]);
  for (const [n, at] of [
    [1, AT('2025-10-01')],
    [2, AT('2026-03-01')],
  ] as const) {
    w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, NULL, ?)', [
      `5b0d3f61-2c8e-4f17-a907-${String(n).padStart(12, '0')}`,
      C.zhang,
      at,
    ]);
  }
  w.run('INSERT INTO verification_samples (id, month, village_id, drawn_at, drawn_by, done_at, done_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    '7e2a9b38-0d4c-4e51-b608-000000000001',
    '2026-02',
    V.dongfeng,
    AT('2026-02-03'),
    '李主任',
    AT('2026-02-20'),
    '李主任',
    '抽查10户，9户信息无误',
  ]);
  w.run('INSERT INTO imports (id, kind, file_name, at, by_user, inserted, updated, skipped, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    '1c5e8a72-3f9b-4d06-8c09-000000000001',
    'customers',
    '石桥支局客户名单2025.xlsx',
    AT('2025-03-02'),
    '王营业员',
    120,
    3,
    2,
    1,
  ]);
};

const part4: Part = (w) => {
  w.run(`UPDATE villages SET county_code = '371402', edition = '2023', initials = 'dfcmwyh' WHERE id = ?`, [V.dongfeng]);
  w.run(`UPDATE villages SET county_code = '371402', edition = '2023', initials = 'hqcmwyh' WHERE id = ?`, [V.hongqi]);
};

const part5: Part = (w) => {
  const user = (uid: string, login: string, name: string, role: string) =>
    w.run('INSERT INTO users (id, login, display_name, role, password_hash, created_at, updated_at, last_login_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      uid,
      login,
      name,
      role,
      'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$ZmFrZWhhc2hmYWtlaGFzaA',
      AT('2025-05-01'),
      AT('2025-05-01'),
      AT('2026-03-01'),
    ]);
  user(U.admin, 'zhanzhang', '站长', 'admin');
  user(U.supervisor, 'lizr', '李主任', 'supervisor');
  user(U.clerk, 'wangyyy', '王营业员', 'clerk');
  user(U.carrier, 'zhaotd', '赵投递', 'carrier');
  const audit = (n: number, at: string, actor: string, role: string, action: string, target: string | null, ids: string[], details: unknown) =>
    w.run('INSERT INTO audit_log (id, at, actor, role, action, target, target_ids, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      `0f4b7c26-9e3a-4b8d-a210-${String(n).padStart(12, '0')}`,
      at,
      actor,
      role,
      action,
      target,
      JSON.stringify(ids),
      details === null ? null : JSON.stringify(details),
    ]);
  audit(1, AT('2026-03-01', '00:55:00'), '站长', 'admin', 'login', null, [], null);
  audit(2, AT('2026-03-01', '01:10:00'), '王营业员', 'clerk', 'customer.edit', 'customer', [C.zhang], { fields: ['phone'] });
  w.run('INSERT INTO consent_events (id, customer_id, at, by_user, consent, source) VALUES (?, ?, ?, ?, ?, ?)', [
    'e61a0d93-8b2f-4c7e-9311-000000000001',
    C.zhang,
    AT('2025-03-02'),
    '王营业员',
    1,
    '纸质授权书',
  ]);
};

const part6: Part = (w) => {
  w.run(
    `INSERT INTO campaigns (id, name, products, channels, start_date, end_date, target_count, target_turnover, target_revenue, owner, stage, script, segment, frozen_at, created_at, created_by, updated_at)
     VALUES (?, '2026年春季报刊征订', '["报刊"]', '["door","letter"]', '2026-03-01', '2026-04-30', 200, 5000000, 800000, 'branch', 'execution',
       '您好，我是石桥邮政支局的投递员，今年的报刊征订开始了……', '{"tags":["夕阳红"]}', ?, ?, '李主任', ?)`,
    [CAMPAIGN, AT('2026-03-05'), AT('2026-02-20'), AT('2026-03-05')],
  );
  w.run(`INSERT INTO campaigns (id, name, created_at, created_by, updated_at) VALUES (?, '端午节储蓄回馈', ?, '李主任', ?)`, [
    CAMPAIGN_IDEA,
    AT('2026-03-10'),
    AT('2026-03-10'),
  ]);
  let n = 0;
  for (const stage of ['idea', 'analysis', 'planning', 'test', 'execution']) {
    w.run('INSERT INTO campaign_stage_events (id, campaign_id, stage, at, by_user) VALUES (?, ?, ?, ?, ?)', [
      `a7c2e5f8-3d1b-4a96-8512-${String(++n).padStart(12, '0')}`,
      CAMPAIGN,
      stage,
      AT('2026-02-20', `0${n}:00:00`),
      '李主任',
    ]);
  }
  w.run('INSERT INTO segments (id, name, filter, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
    'b3d6f9a2-5e8c-4d17-9613-000000000001',
    '东风村老年客户',
    JSON.stringify({ villageIds: [V.dongfeng], ageMin: 60 }),
    AT('2026-02-21'),
    '李主任',
  ]);
  w.run(`INSERT INTO campaign_variants (id, campaign_id, code, name, offer, created_at) VALUES (?, ?, 'A', '赠台历', '订阅全年赠2027年台历', ?)`, [
    'c4e7a0b3-6f9d-4e28-a714-000000000001',
    CAMPAIGN,
    AT('2026-03-01'),
  ]);
  w.run(`INSERT INTO campaign_variants (id, campaign_id, code, name, offer, created_at) VALUES (?, ?, 'B', '九折', '全年订阅九折', ?)`, [
    'c4e7a0b3-6f9d-4e28-a714-000000000002',
    CAMPAIGN,
    AT('2026-03-01'),
  ]);
  const target = (
    tid: string,
    cid: string,
    vid: string | null,
    variant: string,
    inTest: number,
    carrier: string | null,
    outcome: string | null,
    visitAt: string | null,
  ) =>
    w.run(
      `INSERT INTO campaign_targets (id, campaign_id, customer_id, village_id, variant, in_test, released_at, carrier_id, assigned_at, last_outcome, last_visit_at, follow_up_date, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      [tid, CAMPAIGN, cid, vid, variant, inTest, AT('2026-03-06'), carrier, carrier ? AT('2026-03-06') : null, outcome, visitAt, AT('2026-03-05')],
    );
  target(T.zhang, C.zhang, V.dongfeng, 'A', 1, U.carrier, 'success', AT('2026-03-12'));
  target(T.li, C.li, V.zhangzhuang, 'B', 1, U.carrier, 'not_home', AT('2026-03-13'));
  target(T.ouyang, C.ouyang, V.xingfu, 'A', 0, null, null, null);
  w.run(
    `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, follow_up_date, note, channel, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, 'success', 36000, 5400, NULL, '订了大众日报和半月谈', 'door', '赵投递', ?)`,
    [VISIT_SUCCESS, CAMPAIGN, T.zhang, C.zhang, U.carrier, AT('2026-03-12'), AT('2026-03-12', '10:00:00')],
  );
  w.run(
    `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, follow_up_date, note, channel, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, 'not_home', 0, 0, '2026-03-20', '家中无人', 'door', '赵投递', ?)`,
    [VISIT_NOT_HOME, CAMPAIGN, T.li, C.li, U.carrier, AT('2026-03-13'), AT('2026-03-13', '10:00:00')],
  );
  w.run('INSERT INTO selection_events (id, customer_id, campaign_id, at) VALUES (?, ?, ?, ?)', [
    '5b0d3f61-2c8e-4f17-a907-000000000003',
    C.li,
    CAMPAIGN,
    AT('2026-03-05'),
  ]);
};

export const NODE = 'a1b2c3d4e5f60718';

const part7: Part = (w) => {
  for (const [k, v] of [
    ['node', NODE],
    ['hlc', `001772500000000-0000-${NODE}`],
    ['cursor', '0'],
  ]) {
    w.run('INSERT INTO sync_state (key, value) VALUES (?, ?)', [k!, v!]);
  }
  w.run('INSERT INTO sync_outbox (id, tbl, pk, fields, hlc, seen) VALUES (?, ?, ?, ?, ?, 0)', [
    'd5f8b1c4-7a0e-4f39-b815-000000000001',
    'customers',
    C.zhang,
    JSON.stringify({ phone: '13805341234' }),
    `001772500000000-0000-${NODE}`,
  ]);
  w.run(
    `INSERT INTO sync_conflicts (id, tbl, pk, field, kept_value, lost_value, kept_hlc, lost_hlc, detected_at) VALUES (?, 'customers', ?, 'address', ?, ?, ?, ?, ?)`,
    [
      'e6a9c2d5-8b1f-4a4a-8916-000000000001',
      C.zhang,
      '"中心街12号"',
      '"中心街21号"',
      `001772500000500-0000-${NODE}`,
      '001772500000100-0000-0f0e0d0c0b0a0908',
      AT('2026-03-02'),
    ],
  );
};

const part8: Part = (w) => {
  w.run(`UPDATE usage_facts SET import_id = ?, updated_at = ? WHERE customer_id = ? AND line = '储蓄'`, [
    'f7b0d3e6-9c2a-4b5b-9a17-000000000001',
    AT('2026-04-02'),
    C.zhang,
  ]);
  w.run(
    `INSERT INTO usage_imports (id, line, file_name, file_sha256, as_of, at, by_user, rows, matched, queued, unmatched, facts, problems)
     VALUES (?, '储蓄', '储蓄客户明细2026Q1.xlsx', ?, '2026-03-31', ?, '王营业员', 3, 1, 1, 1, 1, 0)`,
    ['f7b0d3e6-9c2a-4b5b-9a17-000000000001', 'ab'.repeat(32), AT('2026-04-02')],
  );
  w.run(
    `INSERT INTO usage_queue (id, import_id, file_name, row_number, line, name, phone, village_text, address, product, last_date, amount_band, person_key, candidates, best_score, created_at)
     VALUES (?, ?, '储蓄客户明细2026Q1.xlsx', 3, '储蓄', '李秀英', '13953419876', '张庄', '张庄村东路8号', '活期', '2026-03-20', '2万以下', 'name+mobile:李秀英13953419876', ?, 60, ?)`,
    [
      'f7b0d3e6-9c2a-4b5b-9a17-000000000002',
      'f7b0d3e6-9c2a-4b5b-9a17-000000000001',
      JSON.stringify([{ id: C.li, score: 60, reasons: ['同名', '同手机号'] }]),
      AT('2026-04-02'),
    ],
  );
  w.run(`INSERT INTO customer_libraries (id, kind, name, rule, builtin, sort, created_at, updated_at) VALUES (?, 'group', '东风村老年储户', ?, 0, 100, ?, ?)`, [
    groupLibraryId('东风村老年储户'),
    JSON.stringify({ tag: '夕阳红', ageMin: 60 }),
    AT('2026-04-03'),
    AT('2026-04-03'),
  ]);
  w.run(
    `INSERT INTO collection_plans (id, year, library_id, start_quarter, end_quarter, target, created_at, updated_at, updated_by) VALUES (?, 2026, ?, 1, 2, 150, ?, ?, '李主任')`,
    [planId(2026, lineLibraryId('储蓄')), lineLibraryId('储蓄'), AT('2026-04-03'), AT('2026-04-03')],
  );
};

const part9: Part = (w) => {
  w.run(`INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at) VALUES (?, ?, ?, ?, 1, ?)`, [
    pieceId(CAMPAIGN, C.zhang),
    CAMPAIGN,
    C.zhang,
    T.zhang,
    AT('2026-04-10'),
  ]);
  w.run(
    `INSERT INTO mail_pieces (id, campaign_id, customer_id, target_id, seq, created_at, returned_at, return_reason, return_note, returned_by) VALUES (?, ?, ?, ?, 2, ?, ?, '查无此人', '邻居说已搬走', '王营业员')`,
    [pieceId(CAMPAIGN, C.li), CAMPAIGN, C.li, T.li, AT('2026-04-10'), AT('2026-04-18')],
  );
  w.run('INSERT INTO town_postal_codes (id, town_code, town_name, postal_code, updated_at) VALUES (?, ?, ?, ?, ?)', [
    townPostalId('371402101'),
    '371402101',
    '黄河涯镇',
    '253012',
    AT('2026-04-09'),
  ]);
  w.run(
    'INSERT INTO campaign_costs (id, letter_fen, sms_fen, phone_fen, fixed_fen, sms_segments, calls, updated_at, updated_by) VALUES (?, 180, 5, 30, 20000, 0, 0, ?, ?)',
    [CAMPAIGN, AT('2026-04-10'), '李主任'],
  );
};

const part10: Part = (w) => {
  w.run(
    `INSERT INTO letter_templates (id, campaign_id, variant, title, body, signoff, fields, updated_at, updated_by) VALUES (?, ?, 'A', '{称呼}：', ?, '石桥邮政支局', ?, ?, '李主任')`,
    [templateId(CAMPAIGN, 'A'), CAMPAIGN, '{称呼}您好！{截止日期}前订阅全年报刊，{优惠}。', JSON.stringify({ 截止日期: '4月30日' }), AT('2026-04-05')],
  );
  w.run(`UPDATE customers SET no_contact = '["sms","phone"]' WHERE id = ?`, [C.li]);
};

const part11: Part = (w) => {
  for (const cid of ALL_CUSTOMERS) w.run('UPDATE customers SET code = ? WHERE id = ?', [derivedCode(cid), cid]);
  w.run(`UPDATE villages SET not_served_at = ?, not_served_by = '站长' WHERE id = ?`, [AT('2026-05-02'), V.xingfu]);
  w.run('INSERT INTO customer_not_duplicates (id, customer_a, customer_b, decided_at, decided_by) VALUES (?, ?, ?, ?, ?)', [
    notDuplicateId(C.li, C.zhao),
    C.li < C.zhao ? C.li : C.zhao,
    C.li < C.zhao ? C.zhao : C.li,
    AT('2026-05-03'),
    '王营业员',
  ]);
};

/** After 0012 the program writes nothing new of its own: another visit, which the rollup must follow. */
export const VISIT_AGAIN = '4e8b1d55-7a2c-4b39-b104-000000000423';
const part12: Part = (w) => {
  w.run(
    `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, follow_up_date, note, channel, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, 'success', 12000, 1800, NULL, '补订一份', 'door', '赵投递', ?)`,
    [VISIT_AGAIN, CAMPAIGN, T.li, C.li, U.carrier, AT('2026-05-10'), AT('2026-05-10', '10:00:00')],
  );
};

/**
 * After 0013 the program writes nothing new of its own either: the unvisited target is dispatched, and 张's
 * household answers a phone call too, which the result cells and the per-channel money must follow.
 */
export const VISIT_PHONE = '4e8b1d55-7a2c-4b39-b104-000000000424';
const part13: Part = (w) => {
  w.run('UPDATE campaign_targets SET carrier_id = ?, assigned_at = ? WHERE id = ?', [U.carrier, AT('2026-05-11'), T.ouyang]);
  w.run(
    `INSERT INTO visits (id, campaign_id, target_id, customer_id, carrier_id, visited_at, outcome, turnover, revenue, follow_up_date, note, channel, entered_by, entered_at)
     VALUES (?, ?, ?, ?, NULL, ?, 'success', 5000, 600, NULL, '电话加订', 'phone', '王营业员', ?)`,
    [VISIT_PHONE, CAMPAIGN, T.zhang, C.zhang, AT('2026-05-12'), AT('2026-05-12', '09:30:00')],
  );
};

/**
 * After 0014 the branch moves a campaign of 2024 into that year's archive file: its row stays, its targets and
 * visits leave (the file is not part of the database), and what the archive keeps here is written — where the
 * campaign went with its counts, and 欧阳's last visit of that campaign (a refusal he gave no visit since).
 */
export const CAMPAIGN_2024 = '4e8b1d55-7a2c-4b39-b104-000000000403';
const part14: Part = (w) => {
  w.run(
    `INSERT INTO campaigns (id, name, products, channels, start_date, end_date, stage, created_at, created_by, updated_at)
     VALUES (?, '2024年秋季保险回访', '["保险"]', '["door"]', '2024-09-01', '2024-10-31', 'evaluation', ?, '李主任', ?)`,
    [CAMPAIGN_2024, AT('2024-08-20'), AT('2024-11-05')],
  );
  w.run(
    `INSERT INTO campaign_archives (id, year, targets, visits, first_visit, last_visit, archived_at, archived_by) VALUES (?, 2024, 3, 4, ?, ?, ?, '站长')`,
    [CAMPAIGN_2024, AT('2024-09-03'), AT('2024-10-20'), AT('2026-05-20')],
  );
  w.run(`INSERT INTO archived_last_visits (id, visited_at, outcome) VALUES (?, ?, 'refused')`, [C.ouyang, AT('2024-10-20')]);
};

/** PARTS[k - 1] is what schema k adds. */
export const PARTS: readonly Part[] = [part1, part2, part3, part4, part5, part6, part7, part8, part9, part10, part11, part12, part13, part14];

/** The fixture as a database at schema k holds it. */
export function writeFixture(w: Writer, k: number): void {
  for (const part of PARTS.slice(0, k)) part(w);
}
