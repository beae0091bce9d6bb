/** A browser-like client of the hub console for tests: keeps the session cookie and names its origin on posts. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ConsoleClient {
  readonly base: string;
  cookie: string | null;
  get<T = any>(path: string, extra?: Record<string, string>): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, extra?: Record<string, string>): Promise<Answer<T>>;
  login(login: string, password: string, extra?: Record<string, string>): Promise<Answer<any>>;
}

export function consoleClient(base: string): ConsoleClient {
  const c: ConsoleClient = {
    base,
    cookie: null,
    async get(path, extra = {}) {
      return call(c, 'GET', path, undefined, extra);
    },
    async post(path, body, extra = {}) {
      return call(c, 'POST', path, body, extra);
    },
    async login(login, password, extra = {}) {
      return call(c, 'POST', '/login', { login, password }, extra);
    },
  };
  return c;
}

async function call(c: ConsoleClient, method: string, path: string, body: unknown, extra: Record<string, string>): Promise<Answer<any>> {
  const headers: Record<string, string> = { ...(c.cookie ? { cookie: c.cookie } : {}) };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['origin'] = c.base;
  }
  const res = await fetch(`${c.base}/console/api${path}`, {
    method,
    headers: { ...headers, ...extra },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : null,
  });
  const set = res.headers.get('set-cookie');
  if (set) c.cookie = /Max-Age=0/.test(set) ? null : set.split(';')[0]!;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
  return { status: res.status, body: data, headers: res.headers };
}
