/**
 * The main-process end of the contract: one ipcMain.handle per operation (so the preload needs no generic
 * relay), each checking who sent it and the payload's shape (an object, not nested too deep) before the backend
 * sees it. The payload is parsed once, by Backend.call in the worker, after the role check: a role that may
 * not call an operation never has its input run through the schema.
 */
import { takeToken } from '../backend/host/tokens';
import type { BackendPort } from '../backend/host/types';
import { ipcChannel, OP_NAMES, type OpName } from '../shared/contract';
import { toErrorPayload, type Envelope } from '../shared/errors';
import { log } from '../shared/log';
import { MAX_JSON_DEPTH } from '../shared/limits';
import type { SenderTokens } from './senderTokens';

export interface SenderFrame {
  readonly url: string;
}

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
  /** The sending webContents; its id keys the window's session token. */
  readonly sender: { readonly id: number };
}

/** The slice of Electron's ipcMain we use; a fake in tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<Envelope<unknown>>): void;
}

export interface IpcOptions {
  isTrustedSender(frame: SenderFrame | null): boolean;
  tokens: SenderTokens;
  /** Where refusals are reported; console by default. */
  warn?: (message: string) => void;
}

function forbidden(): Envelope<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };
}

/** Every channel the shell answers on, derived from the contract. */
export function contractChannels(): string[] {
  return OP_NAMES.map(ipcChannel);
}

/** Objects walked at most, so a payload of shared references cannot make the check itself the slow part. */
const MAX_PAYLOAD_NODES = 1_000_000;

/**
 * What the main process checks of a payload before handing it to the worker: absent, or an object (never an
 * array or a bare value); at most MAX_JSON_DEPTH levels (the structured clone to the worker and everything after
 * it recurse); no cycles. The fields themselves are the contract's to judge, once, after the role check.
 */
export function payloadShapeProblem(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  if (typeof payload !== 'object' || Array.isArray(payload)) return '提交的内容格式不正确，未保存任何数据';
  let nodes = 0;
  const path = new Set<object>();
  const walk = (v: object, depth: number): string | null => {
    if (depth > MAX_JSON_DEPTH) return '提交的内容嵌套层数过多，未保存任何数据';
    if (++nodes > MAX_PAYLOAD_NODES) return '提交的内容过大，未保存任何数据';
    if (path.has(v)) return '提交的内容格式不正确，未保存任何数据';
    path.add(v);
    for (const x of Object.values(v)) {
      if (x === null || typeof x !== 'object') continue;
      const problem = walk(x as object, depth + 1);
      if (problem) return problem;
    }
    path.delete(v);
    return null;
  };
  return walk(payload, 1);
}

function makeHandler(name: OpName, backend: BackendPort, opts: IpcOptions) {
  const warn = opts.warn ?? ((m: string) => log.warn(m));
  return async (event: InvokeEvent, payload?: unknown): Promise<Envelope<unknown>> => {
    if (!opts.isTrustedSender(event.senderFrame)) {
      warn(`refused ${name} from ${event.senderFrame?.url ?? '(no frame)'}`);
      return forbidden();
    }
    const problem = payloadShapeProblem(payload);
    if (problem) return { ok: false, error: { code: 'VALIDATION', message: problem } };
    try {
      const envelope = await backend.call(name, payload ?? {}, { token: opts.tokens.get(event.sender.id), source: `window:${event.sender.id}` });
      const token = takeToken(name, envelope);
      if (token !== undefined) opts.tokens.set(event.sender.id, token);
      return envelope;
    } catch (e) {
      // Backend.call answers with an envelope; anything thrown is a bug we still must not throw across IPC.
      return { ok: false, error: toErrorPayload(e) };
    }
  };
}

/** Registers one handler per operation and returns the channels it registered. */
export function registerIpc(ipcMain: IpcMainLike, backend: BackendPort, opts: IpcOptions): string[] {
  const channels: string[] = [];
  for (const name of OP_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, makeHandler(name, backend, opts));
    channels.push(channel);
  }
  return channels;
}
