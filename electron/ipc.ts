/**
 * The main-process end of the contract: one ipcMain.handle per operation (so the preload needs no generic
 * relay), each checking who sent it and parsing the payload before the backend sees it.
 */
import { takeToken } from '../backend/host/tokens';
import type { BackendPort } from '../backend/host/types';
import { ipcChannel, OP_NAMES, type OpName } from '../shared/contract';
import { toErrorPayload, type Envelope } from '../shared/errors';
import { log } from '../shared/log';
import { parseInput } from '../shared/parseInput';
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

function makeHandler(name: OpName, backend: BackendPort, opts: IpcOptions) {
  const warn = opts.warn ?? ((m: string) => log.warn(m));
  return async (event: InvokeEvent, payload?: unknown): Promise<Envelope<unknown>> => {
    if (!opts.isTrustedSender(event.senderFrame)) {
      warn(`refused ${name} from ${event.senderFrame?.url ?? '(no frame)'}`);
      return forbidden();
    }
    try {
      const parsed = parseInput(name, payload);
      const envelope = await backend.call(name, parsed, { token: opts.tokens.get(event.sender.id), source: `window:${event.sender.id}` });
      const token = takeToken(name, envelope);
      if (token !== undefined) opts.tokens.set(event.sender.id, token);
      return envelope;
    } catch (e) {
      // parseInput throws AppError('VALIDATION'); anything else is a bug we still must not throw across IPC.
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
