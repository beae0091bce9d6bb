/**
 * Finding 5c: log-in slow-down was per account only, so one password could be tried once against every
 * account (password spraying) without ever being slowed. Failures now also count per source (the browser
 * client's address, the Electron window) and overall; a clerk who mistypes once is never held up, and after
 * the wait anyone can log in again. The clock is the backend's injectable `now`, never a sleep.
 */
import { describe, expect, it } from 'vitest';
import { Backend, type TokenCaller } from '../../backend/host/backend';
import { call } from '../helpers/backend';
import { tmpDir } from '../helpers/tmp';

const ADMIN = { actor: 'root', role: 'admin' as const };
const SPRAYED = 'Spring-2026-pass';
const passwordOf = (i: number) => `Clerk-${i}-pass-2026`;
const loginOf = (i: number) => `clerk${String(i).padStart(2, '0')}`;

async function branchWith30Accounts() {
  let now = new Date(2026, 10, 23, 9).getTime();
  const clock = {
    advance: (seconds: number) => (now += seconds * 1000),
  };
  const b = await Backend.open({ dir: tmpDir('spray-'), create: true, now: () => new Date(now) });
  for (let i = 1; i <= 30; i++) await call(b, 'users.create', { login: loginOf(i), displayName: `营业员${i}`, role: 'clerk', password: passwordOf(i) }, ADMIN);
  const login = async (i: number, password: string, source: string) => {
    const caller = { token: null, source } as TokenCaller;
    return b.call('auth.login', { login: loginOf(i), password }, caller);
  };
  return { b, clock, login };
}

const waitOf = (message: string) => Number(/(\d+)\s*秒/.exec(message)?.[1] ?? NaN);

describe('password spraying is throttled per source and overall', () => {
  it('one password across 30 accounts from one source is slowed after a few tries; another source is not', async () => {
    const { b, clock, login } = await branchWith30Accounts();
    const answers: string[] = [];
    for (let i = 1; i <= 30; i++) {
      const env = await login(i, SPRAYED, 'web:10.0.0.66');
      expect(env.ok).toBe(false);
      if (!env.ok) answers.push(env.error.message);
    }
    const tried = answers.filter((m) => m === '登录名或密码不正确').length;
    expect(tried).toBeGreaterThan(0);
    expect(tried).toBeLessThanOrEqual(5);
    const throttled = answers.filter((m) => m !== '登录名或密码不正确');
    expect(throttled.length).toBeGreaterThanOrEqual(25);
    for (const m of throttled) expect(m).toMatch(/请 \d+ 秒后再试/);

    // The real user at another PC (another source) is not held up by the attacker.
    const other = await login(7, passwordOf(7), 'window:2');
    expect(other.ok).toBe(true);

    // At the attacker's source, even the right password waits — and gets in once the wait is over.
    const early = await login(8, passwordOf(8), 'web:10.0.0.66');
    expect(early.ok).toBe(false);
    const wait = waitOf(early.ok ? '' : early.error.message);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    clock.advance(wait);
    expect((await login(8, passwordOf(8), 'web:10.0.0.66')).ok).toBe(true);

    // The audit log shows the failures and the moment the source was held (held attempts cost no write).
    const failed = await call(b, 'audit.list', { action: 'login.failed', limit: 200 }, ADMIN);
    expect(failed.total).toBe(tried);
    const held = await call(b, 'audit.list', { action: 'login.throttled' }, ADMIN);
    expect(held.rows.map((r) => r.details)).toContainEqual(expect.objectContaining({ scope: '这台电脑', source: 'web:10.0.0.66' }));
    // Nobody's role was proven by a held attempt: none is recorded (the 操作日志 shows the login tried instead).
    expect(held.rows.every((r) => r.role === null)).toBe(true);
    await b.close();
  });

  it('spraying from many sources trips the overall limit; after the wait the real user logs in', async () => {
    const { b, clock, login } = await branchWith30Accounts();
    const answers: string[] = [];
    for (let i = 1; i <= 30; i++) {
      const env = await login(i, SPRAYED, `web:10.0.1.${i}`);
      if (!env.ok) answers.push(env.error.message);
    }
    const tried = answers.filter((m) => m === '登录名或密码不正确').length;
    expect(tried).toBeLessThan(30);
    expect(answers.at(-1)).toMatch(/请 \d+ 秒后再试/);

    const blocked = await login(3, passwordOf(3), 'window:9');
    expect(blocked.ok).toBe(false);
    const wait = waitOf(blocked.ok ? '' : blocked.error.message);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(5 * 60);
    clock.advance(wait);
    expect((await login(3, passwordOf(3), 'window:9')).ok).toBe(true);
    await b.close();
  });

  it('a clerk who mistypes once logs in at once', async () => {
    const { b, login } = await branchWith30Accounts();
    const typo = await login(5, 'Clerk-5-pass-2025', 'window:1');
    expect(typo.ok).toBe(false);
    expect(typo.ok ? '' : typo.error.message).toBe('登录名或密码不正确');
    expect((await login(5, passwordOf(5), 'window:1')).ok).toBe(true);
    await b.close();
  });
});
