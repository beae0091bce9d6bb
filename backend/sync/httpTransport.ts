/**
 * Talking to the hub over HTTP(S). Every failure becomes a Chinese message a clerk can act on; a network
 * failure is 'OFFLINE' (normal for a rural line — the scheduler simply tries again), a refusal is not.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { pullResponse, pushResponse, type PullResponse, type PushRequest } from '../../shared/syncProtocol';
import type { PushReply, Transport } from './transport';

const gzip = promisify(zlib.gzip);

export function normaliseHubUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION', '市局服务器地址格式不对，应形如 https://hub.example.cn', [{ field: 'hubUrl', message: '地址格式不对' }]);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('VALIDATION', '市局服务器地址应以 https:// 开头', [{ field: 'hubUrl', message: '应以 https:// 开头' }]);
  }
  return url.toString().replace(/\/+$/, '');
}

export class HttpTransport implements Transport {
  constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
    private readonly timeoutMs = 120_000,
  ) {}

  async push(req: PushRequest): Promise<PushReply> {
    const body = Buffer.from(JSON.stringify(req));
    const compress = body.length > 32 * 1024;
    const raw = await this.request('/v1/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(compress ? { 'content-encoding': 'gzip' } : {}) },
      body: compress ? await gzip(body) : body,
    });
    const parsed = pushResponse.extend({ acked: pushResponse.shape.rejected.element.shape.id.array() }).safeParse(raw);
    if (!parsed.success) throw new AppError('INTERNAL', '市局服务器的回复格式不对（版本不一致？），请联系市局');
    return parsed.data;
  }

  async pull(since: number, limit: number, node?: string, pending?: number): Promise<PullResponse> {
    const raw = await this.request(
      `/v1/pull?since=${since}&limit=${limit}${node ? `&node=${node}` : ''}${pending !== undefined ? `&pending=${pending}` : ''}`,
      { method: 'GET' },
    );
    const parsed = pullResponse.safeParse(raw);
    if (!parsed.success) throw new AppError('INTERNAL', '市局服务器的回复格式不对（版本不一致？），请联系市局');
    return parsed.data as PullResponse;
  }

  private async request(path: string, init: RequestInit): Promise<unknown> {
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(this.signal ? [this.signal] : [])];
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.token}`, 'accept-encoding': 'gzip' },
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      if (this.signal?.aborted) throw new AppError('CONFLICT', '同步已取消');
      const why = e instanceof Error && e.name === 'TimeoutError' ? '连接超时' : '连不上';
      throw new AppError('OFFLINE', `市局服务器${why}（${this.base}），数据已保存在本机，稍后会自动再试`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new AppError('OFFLINE', `与市局服务器的连接中断（${this.base}），数据已保存在本机，稍后会自动再试`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) throw new AppError('OFFLINE', '市局服务器的回复不完整（连接中断？），稍后会自动再试');
      body = null;
    }
    if (!res.ok) {
      const msg = (body as { error?: { message?: string } } | null)?.error?.message;
      // Not UNAUTHENTICATED: to the UI that code means "this PC's session ended" and sends the clerk to log in.
      if (res.status === 401) throw new AppError('FORBIDDEN', msg ?? '网点令牌无效或已停用，请向市局确认后在设置中重新填写');
      if (res.status >= 500 || res.status === 502 || res.status === 503) throw new AppError('OFFLINE', `市局服务器暂时不可用（${res.status}），稍后会自动再试`);
      throw new AppError('VALIDATION', msg ?? `市局服务器拒绝了请求（${res.status}）`);
    }
    return body;
  }
}
