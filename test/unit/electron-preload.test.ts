import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, OP_NAMES } from '../../shared/contract';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    postMessage: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

describe('preload', () => {
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await import('../../electron/preload');
    const call = electron.contextBridge.exposeInMainWorld.mock.calls[0];
    api = call?.[1] as Record<string, unknown>;
  });

  it('exposes the contract under postalApi and the two dialogs under postalShell, nothing else', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls.map((c) => c[0])).toEqual(['postalApi', 'postalShell']);
    expect(api).not.toBe(electron.ipcRenderer);
    const shell = electron.contextBridge.exposeInMainWorld.mock.calls[1]?.[1] as Record<string, unknown>;
    expect(Object.keys(shell).sort()).toEqual(['pickBackupFile', 'pickBackupFolder']);
    expect(Object.isFrozen(shell)).toBe(true);
  });

  it('has exactly one function per contract operation — no generic send/invoke/on', () => {
    expect(Object.keys(api).sort()).toEqual([...OP_NAMES].sort());
    for (const name of OP_NAMES) expect(typeof api[name]).toBe('function');
    for (const relay of ['invoke', 'send', 'sendSync', 'on', 'once', 'postMessage', 'ipcRenderer']) {
      expect(api).not.toHaveProperty(relay);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it("each method invokes its own operation's channel with only the input", async () => {
    for (const name of OP_NAMES) {
      electron.ipcRenderer.invoke.mockClear();
      const input = { probe: name };
      const fn = api[name] as (input: unknown) => Promise<unknown>;
      await expect(fn(input)).resolves.toEqual({ ok: true, value: { channel: ipcChannel(name), input } });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannel(name), input);
    }
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.sendSync).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
