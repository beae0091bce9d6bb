/** Small stand-ins for Electron objects, recording what the shell does to them. */
import { vi } from 'vitest';
import type { Caller } from '../../backend/host/backend';
import type { BackendPort } from '../../backend/host/types';
import type { Envelope } from '../../shared/errors';
import type { IpcMainLike, InvokeEvent } from '../../electron/ipc';

type Listener = (...args: unknown[]) => unknown;

/** Registers like Electron's ipcMain: a second handler on one channel is an error. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => Promise<Envelope<unknown>>>();
  const handle = vi.fn((channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<Envelope<unknown>>) => {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
  });
  const ipcMain: IpcMainLike = { handle };
  const invoke = (channel: string, url: string | null, payload?: unknown, senderId = 1) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: url === null ? null : { url }, sender: { id: senderId } }, payload);
  };
  return { ipcMain, handle, handlers, invoke };
}

export function fakeBackend(reply: Envelope<unknown> = { ok: true, value: 'done' }) {
  const call = vi.fn(async (_name: string, _input: unknown, _caller: Caller) => reply);
  const close = vi.fn(async () => {});
  const backend: BackendPort = { call, close };
  return { backend, call, close };
}

/** An event emitter that keeps every listener so tests can fire events and inspect registrations. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  });
  once = vi.fn((event: string, listener: Listener) => this.on(event, listener));
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export function fakeEvent(extra: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), ...extra };
}
