/**
 * Builds the object the preload exposes: exactly one method per contract operation, each bound to that
 * operation's own channel. The renderer can therefore reach nothing but the contract — no send/on/invoke
 * relay that a compromised page could point at arbitrary channels.
 */
import { ipcChannel, OP_NAMES, type OpName } from '../shared/contract';
import type { Envelope } from '../shared/errors';
import type { PreloadApi } from '../shared/preloadApi';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export function buildPreloadApi(ipcRenderer: IpcRendererLike): PreloadApi {
  const api: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
  for (const name of OP_NAMES) {
    const channel = ipcChannel(name satisfies OpName);
    // Only the input crosses: never the event or ipcRenderer itself.
    api[name] = (input: unknown) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>;
  }
  // Frozen: the set of methods is fixed by the contract, not by whoever holds the object later.
  return Object.freeze(api) as unknown as PreloadApi;
}
