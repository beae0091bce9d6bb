/**
 * Real sessions for the security tests: a carrier's scope and the visit list key on the signed-in user's id,
 * which a trusted in-process session does not carry, so every role here logs in like the screens do.
 */
import { expect } from 'vitest';
import type { Backend, Caller } from '../../backend/host/backend';
import { takeToken } from '../../backend/host/tokens';
import type { OpInput, OpName, OpOutput } from '../../shared/contract';
import type { Role, UserInfo } from '../../shared/domain';
import type { Envelope } from '../../shared/errors';
import { AppError } from '../../shared/errors';
import { call } from '../helpers/backend';

export const ADMIN = { actor: '测试管理员', role: 'admin' as const };
const PASSWORD = 'Role-pass-2026';

export interface Account {
  user: UserInfo;
  caller: Caller;
}

export async function logIn(b: Backend, login: string): Promise<Caller> {
  const env = await b.call('auth.login', { login, password: PASSWORD }, { token: null });
  const token = takeToken('auth.login', env);
  expect(env.ok, `log-in of ${login}`).toBe(true);
  return { token: token! };
}

export async function account(b: Backend, login: string, role: Role): Promise<Account> {
  const user = await call(b, 'users.create', { login, displayName: login, role, password: PASSWORD }, ADMIN);
  return { user, caller: await logIn(b, login) };
}

export async function as<K extends OpName>(b: Backend, who: Caller, name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const env = await b.call(name, input, who);
  if (!env.ok) throw AppError.fromPayload(env.error);
  return env.value as OpOutput<K>;
}

export async function envelopeOf(b: Backend, who: Caller, name: OpName, input: unknown): Promise<Envelope<unknown>> {
  return b.call(name, input, who);
}

/** Polls a job until it has finished, as the screens do. */
export async function finished(b: Backend, jobId: string): Promise<void> {
  for (;;) {
    const s = await call(b, 'jobs.get', { id: jobId }, ADMIN);
    if (s.state === 'done') return;
    if (s.state !== 'running') throw new Error(s.error?.message ?? s.phase);
    await new Promise((r) => setTimeout(r, 10));
  }
}
