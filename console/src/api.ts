/**
 * The console's only way to the hub: JSON over fetch to /console/api on the same origin (the session cookie is
 * HttpOnly, so no script ever holds it). A 401 that means "signed out" or "locked" is announced to the app
 * frame, which shows the log-in or lock screen; every other error carries the hub's Chinese message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const AUTH_EVENT = 'console-auth';
/** Sent when a locked session is opened again: whatever failed while it was locked is asked for again. */
export const UNLOCKED_EVENT = 'console-unlocked';
export type AuthSignal = 'signed-out' | 'locked';

/** Relative to the page, so the console works under a proxy's sub-path too. */
const BASE = 'console/api';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
      body: method === 'POST' ? JSON.stringify(body ?? {}) : null,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '连接不上市局服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    throw new ApiError(res.status, 'BAD_REPLY', `市局服务器的回答无法识别（HTTP ${res.status}）`);
  }
  if (res.ok) return data as T;
  const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
  const e = new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `请求失败（HTTP ${res.status}）`);
  if (res.status === 401 && (e.code === 'UNAUTHENTICATED' || e.code === 'LOCKED')) {
    window.dispatchEvent(new CustomEvent<AuthSignal>(AUTH_EVENT, { detail: e.code === 'LOCKED' ? 'locked' : 'signed-out' }));
  }
  throw e;
}

export const get = <T>(path: string): Promise<T> => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown): Promise<T> => call<T>('POST', path, body);

/** A link the browser follows with the cookie (same origin), for files: no copy of the bytes in page memory. */
export const fileUrl = (path: string): string => `${BASE}${path}`;
