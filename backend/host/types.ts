import type { Envelope } from '../../shared/errors';
import type { Caller } from './backend';

/** What a host (Electron main, browser-mode server) needs from the backend, in-process or in a worker. */
export interface BackendPort {
  call(name: string, input: unknown, caller: Caller): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}
