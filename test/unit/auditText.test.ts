/**
 * Issue 20, point 11: the 操作日志 speaks Chinese. Every operation of the contract has a Chinese name (a new
 * operation without one fails here, and does not compile), every action code the backend writes is named, and an
 * entry reads with stage names, summarised filters and no role for a log-in nobody proved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_FIELD_LABELS, auditActionLabel, auditPlainText, describeAudit, describeSegmentFilter } from '../../shared/auditText';
import { contract } from '../../shared/contract';
import type { AuditEntry } from '../../shared/domain';
import { OPERATION_LABELS } from '../../shared/operationLabels';

/** Chinese, and no English word in it (PDF and CSV are what the files are called). */
const chinese = (s: string) => /[\u4e00-\u9fff]/.test(s) && !/[A-Za-z]{2,}/.test(s.replace(/\b(PDF|CSV)\b/g, ''));

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  id: 'x',
  at: '2026-11-23T01:00:00.000Z',
  actor: 'admin',
  role: 'admin',
  action: 'login',
  target: null,
  targetIds: [],
  details: null,
  ...e,
});

describe('names of operations and audit actions', () => {
  it('names every operation of the contract in Chinese', () => {
    const missing = Object.keys(contract).filter((op) => !(op in OPERATION_LABELS));
    expect(missing, '没有中文名称的操作').toEqual([]);
    const notChinese = Object.entries(OPERATION_LABELS).filter(([, label]) => !chinese(label));
    expect(notChinese).toEqual([]);
    expect(
      Object.keys(OPERATION_LABELS).filter((op) => !(op in contract)),
      '已不存在的操作',
    ).toEqual([]);
  });

  it('names every action code in Chinese, and the fields details mention', () => {
    expect(Object.entries(AUDIT_ACTION_LABELS).filter(([, label]) => !chinese(label))).toEqual([]);
    expect(Object.entries(AUDIT_FIELD_LABELS).filter(([, label]) => !chinese(label))).toEqual([]);
  });

  it('every action the backend writes has a Chinese name', () => {
    const actions = new Set<string>();
    const walk = (dir: string) => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const text = fs.readFileSync(p, 'utf8');
          // audit(w, ctx, 'customer.edit', …), audit(w, { ...ctx, actor: … }, 'login', …), auditSync(ctx, 'sync.run', …)
          for (const m of text.matchAll(/\baudit\(\w+, (?:\{[^}]*\}|[\w.]+), '([a-zA-Z.]+)'/g)) actions.add(m[1]!);
          for (const m of text.matchAll(/\bauditSync\(\w+, '([a-zA-Z.]+)'/g)) actions.add(m[1]!);
          for (const m of text.matchAll(/\? '([a-zA-Z.]+)' : '([a-zA-Z.]+)', '/g)) (actions.add(m[1]!), actions.add(m[2]!));
        }
      }
    };
    walk(path.resolve('backend'));
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => auditActionLabel(a) === '其他操作')).toEqual([]);
  });
});

describe('an entry in words', () => {
  it('shows a failed log-in with the login tried and no role', () => {
    const v = describeAudit(
      entry({ action: 'login.failed', actor: 'admin', role: 'carrier', target: 'user', details: { login: 'admin', reason: '登录名或密码不正确' } }),
    );
    expect(v).toMatchObject({ action: '登录失败', actor: '（未登录）', role: null, tone: 'danger' });
    expect(v.lines).toEqual([
      { label: '尝试的登录名', value: 'admin' },
      { label: '原因', value: '登录名或密码不正确' },
    ]);
    // Written before the fix: no login in the details, the anonymous caller's role recorded.
    expect(describeAudit(entry({ action: 'login.failed', actor: 'zhang', role: 'carrier', details: { reason: '该账号已停用' } })).lines[0]).toEqual({
      label: '尝试的登录名',
      value: 'zhang',
    });
  });

  it('names stages, the campaign instead of its id, and the carriers', () => {
    const campaign = '0b7e4c1a-2f3d-4e5a-9b6c-7d8e9f0a1b2c';
    const carrier = '1b7e4c1a-2f3d-4e5a-9b6c-7d8e9f0a1b2c';
    const names = { [campaign]: '冬季报刊上门征订', [carrier]: '投递员甲（toudi1）' };
    const stage = describeAudit(
      entry({ action: 'campaign.stage', target: 'campaign', targetIds: [campaign], details: { from: 'idea', to: 'analysis' } }),
      names,
    );
    expect(stage).toMatchObject({
      action: '营销活动换阶段',
      target: '营销活动：冬季报刊上门征订',
      lines: [{ label: '阶段', from: '营销创意', to: '数据分析' }],
    });
    const dispatch = describeAudit(
      entry({ action: 'campaign.dispatch', target: 'campaign', targetIds: [campaign], details: { auto: true, carriers: [carrier], targets: 20 } }),
      names,
    );
    expect(auditPlainText(dispatch)).toBe('admin · 管理员 · 派工 · 营销活动：冬季报刊上门征订 · 方式：自动均衡派工 · 投递员：投递员甲（toudi1） · 户数：20');
  });

  it('summarises a segment filter in words', () => {
    const v = '2b7e4c1a-2f3d-4e5a-9b6c-7d8e9f0a1b2c';
    expect(
      describeSegmentFilter({ villageIds: [v], hasPhone: true, grades: [1, 2], ageMin: 30, usage: [{ line: '储蓄', has: false }] }, { [v]: '东风村' }),
    ).toBe('村：东风村；分级：一等、二等；年龄 30 岁以上；未使用储蓄；有手机');
    expect(describeSegmentFilter({})).toBe('不限条件（全部已授权客户）');
    const text = auditPlainText(
      describeAudit(entry({ action: 'campaign.freeze', target: 'campaign', details: { targets: 20, filter: { villageIds: [v], hasPhone: true } } }), {
        [v]: '东风村',
      }),
    );
    expect(text).toContain('筛选条件：村：东风村；有手机');
    expect(text).not.toMatch(/[{}"]|villageIds|hasPhone/);
  });

  it('reads old letter-template entries and unknown ids without developer words', () => {
    const text = auditPlainText(
      describeAudit(entry({ action: 'update', target: 'letter_template', targetIds: ['3b7e4c1a-2f3d-4e5a-9b6c-7d8e9f0a1b2c'], details: { variant: '' } })),
    );
    expect(text).toBe('admin · 管理员 · 保存商函模板 · 商函模板 · 方案：—');
    expect(auditPlainText(describeAudit(entry({ action: 'reveal', target: 'customer', details: { field: 'idNumber' } })))).toContain('字段：身份证号');
  });
});
