/**
 * The one module through which the UI talks to the backend. Under Electron the preload exposes
 * `window.postalApi` (one method per contract operation, each resolving to an Envelope); in browser mode
 * (backend/web) the same envelopes come back from `POST /api/<op>`. Either way a failed call becomes a thrown
 * AppError whose message is Chinese and whose `problems` name the form fields at fault.
 */
import { OP_NAMES, type Api, type OpName } from '../../shared/contract';
import { AppError, type Envelope, type ErrorPayload } from '../../shared/errors';
import type {} from '../../shared/preloadApi'; // declares window.postalApi

type RawCall = (input: unknown) => Promise<Envelope<unknown>>;
type Transport = (op: OpName, input: unknown) => Promise<Envelope<unknown>>;

/**
 * The preload's object, seen loosely: a preload older or newer than this page may lack an operation, and
 * that must become a clear message rather than "is not a function".
 */
function preloadApi(): Partial<Record<OpName, RawCall>> | undefined {
  const candidate: unknown = typeof window === 'undefined' ? undefined : window.postalApi;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Partial<Record<OpName, RawCall>>) : undefined;
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null || !('ok' in x)) return false;
  const e = x as { ok: unknown; error?: unknown };
  return e.ok === true || (e.ok === false && typeof e.error === 'object' && e.error !== null);
}

const ipcTransport =
  (bridge: Partial<Record<OpName, RawCall>>): Transport =>
  async (op, input) => {
    const fn = bridge[op];
    if (typeof fn !== 'function') throw new AppError('UNKNOWN_OPERATION', `程序版本不一致：缺少操作 ${op}，请重新安装或重启程序`);
    return fn(input);
  };

const httpTransport: Transport = async (op, input) => {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(op)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    // The page is still open but the local service is gone (closed window, crashed process).
    throw new AppError('INTERNAL', '无法连接本机数据服务，请确认程序仍在运行后重试（刚才的操作未保存）');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new AppError('INTERNAL', `本机数据服务返回了无法识别的响应（HTTP ${res.status}），请重试`);
  }
  if (!isEnvelope(body)) throw new AppError('INTERNAL', `本机数据服务返回了无法识别的响应（HTTP ${res.status}），请重试`);
  return body;
};

function unwrap(env: Envelope<unknown>): unknown {
  if (env.ok) return env.value;
  const p: ErrorPayload = env.error;
  throw AppError.fromPayload({ code: p.code, message: p.message || '操作失败', ...(p.problems ? { problems: p.problems } : {}) });
}

export type AuthProblem = 'LOCKED' | 'UNAUTHENTICATED';

/**
 * Tells the frame (Shell) that the session is locked or gone, whichever call found out first. A call refused
 * with LOCKED did nothing in the backend, so it waits here until the clerk has unlocked and then runs again:
 * a save pressed just as the screen locked completes after the password, and nothing typed is lost.
 */
class AuthEvents {
  private readonly listeners = new Set<(problem: AuthProblem) => void>();
  private waiters: ((unlocked: boolean) => void)[] = [];

  on(listener: (problem: AuthProblem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(problem: AuthProblem): void {
    for (const l of [...this.listeners]) l(problem);
  }

  /** True once unlocked; false when the session ended instead (log-out, another user). */
  waitForUnlock(): Promise<boolean> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  settle(unlocked: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(unlocked);
  }
}

export const authEvents = new AuthEvents();

/** Runs one operation; LOCKED waits for the unlock and retries, UNAUTHENTICATED sends the clerk to log in. */
async function callOp(transport: Transport, op: OpName, input: unknown): Promise<unknown> {
  let env = await transport(op, input);
  for (let attempt = 0; attempt < 3 && !env.ok && env.error.code === 'LOCKED' && op !== 'auth.unlock'; attempt++) {
    authEvents.emit('LOCKED');
    if (!(await authEvents.waitForUnlock())) break;
    env = await transport(op, input);
  }
  if (!env.ok && env.error.code === 'UNAUTHENTICATED') authEvents.emit('UNAUTHENTICATED');
  return unwrap(env);
}

function makeApi(): Api {
  const bridge = preloadApi();
  const transport = bridge ? ipcTransport(bridge) : httpTransport;
  const entries = OP_NAMES.map((op) => [op, (input: unknown) => callOp(transport, op, input)] as const);
  // Built from OP_NAMES so every contract operation exists at runtime; the cast only restores per-op typing.
  return Object.fromEntries(entries) as unknown as Api;
}

export const api: Api = makeApi();

/** Which transport is in use, for the 设置 page. */
export const transportName: 'ipc' | 'http' = preloadApi() ? 'ipc' : 'http';
