import { describe, expect, it, vi } from 'vitest';
import { contractChannels, registerIpc } from '../../electron/ipc';
import { SenderTokens } from '../../electron/senderTokens';
import { createTrustPolicy } from '../../electron/trust';
import { Backend } from '../../backend/host/backend';
import type { BackendPort } from '../../backend/host/types';
import { contract, ipcChannel, OP_NAMES } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { tmpDir } from '../helpers/tmp';
import { fakeBackend, fakeIpcMain } from './electron-fakes';

const INDEX = '/opt/postal/resources/app.asar/out/renderer/index.html';
const TRUSTED = 'file://' + INDEX;

function setup(opts: { devServerUrl?: string; reply?: Parameters<typeof fakeBackend>[0] } = {}) {
  const ipc = fakeIpcMain();
  const be = fakeBackend(opts.reply);
  const trust = createTrustPolicy({ indexHtmlPath: INDEX, devServerUrl: opts.devServerUrl, platform: 'linux' });
  const warn = vi.fn();
  const channels = registerIpc(ipc.ipcMain, be.backend, { isTrustedSender: trust.isTrustedFrame, tokens: new SenderTokens(), warn });
  return { ...ipc, ...be, channels, warn };
}

describe('IPC registration', () => {
  it('registers exactly one handler per contract operation and nothing else', () => {
    const { handle, handlers, channels } = setup();
    const expected = OP_NAMES.map(ipcChannel);
    expect(handle).toHaveBeenCalledTimes(OP_NAMES.length);
    expect([...handlers.keys()].sort()).toEqual([...expected].sort());
    expect(new Set(expected).size).toBe(OP_NAMES.length);
    expect(channels).toEqual(expected);
    expect(contractChannels()).toEqual(expected);
  });

  it('every handler forwards to the backend under its own operation name', async () => {
    const { invoke, call } = setup();
    for (const name of OP_NAMES) {
      call.mockClear();
      // The fields are the backend's to judge (after its role check): a trusted call reaches it as `name`,
      // never routed to another operation.
      await invoke(ipcChannel(name), TRUSTED, {});
      expect(call).toHaveBeenCalledTimes(1);
      expect(call.mock.calls[0]?.[0]).toBe(name);
    }
    await invoke(ipcChannel('app.info'), TRUSTED, {});
    expect(call).toHaveBeenCalledWith('app.info', {}, { token: null, source: 'window:1' });
  });
});

describe('IPC sender check', () => {
  const foreign = [
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///opt/postal/resources/app.asar/out/renderer/other.html',
    'file:///tmp/index.html',
    'file:///opt/postal/resources/app.asar/out/renderer/index.html.evil',
    'file://evilhost/opt/postal/resources/app.asar/out/renderer/index.html',
    'about:blank',
    'not a url',
  ];
  it.each(foreign)('refuses %s without calling the backend', async (url) => {
    const { invoke, call, warn } = setup();
    const env = await invoke(ipcChannel('customers.list'), url, {});
    expect(env).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    expect(call).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('refuses a frame that is gone (senderFrame null)', async () => {
    const { invoke, call } = setup();
    const env = await invoke(ipcChannel('app.info'), null, {});
    expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
  });

  it('accepts our own page, with or without a hash route', async () => {
    const { invoke, call } = setup();
    expect(await invoke(ipcChannel('app.info'), TRUSTED, {})).toEqual({ ok: true, value: 'done' });
    expect(await invoke(ipcChannel('app.info'), TRUSTED + '#/customers', {})).toEqual({ ok: true, value: 'done' });
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('in development trusts only the dev server origin', async () => {
    const { invoke, call } = setup({ devServerUrl: 'http://localhost:5173' });
    expect(await invoke(ipcChannel('app.info'), 'http://localhost:5173/#/x', {})).toMatchObject({ ok: true });
    expect(await invoke(ipcChannel('app.info'), 'http://localhost:5174/', {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await invoke(ipcChannel('app.info'), TRUSTED, {})).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(call).toHaveBeenCalledTimes(1);
  });
});

describe('IPC payload parsing', () => {
  const chinese = /[\u4e00-\u9fff]/;

  it.each([
    ['an array', [{ name: '张三' }]],
    ['a bare string', '张三'],
    ['nesting deeper than any operation takes', { name: '张三', tags: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown }],
    [
      'a cycle',
      (() => {
        const o: Record<string, unknown> = { name: '张三' };
        o['self'] = o;
        return o;
      })(),
    ],
  ])('refuses %s with VALIDATION before the backend', async (_label, payload) => {
    const { invoke, call } = setup();
    const env = await invoke(ipcChannel('customers.create'), TRUSTED, payload);
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('VALIDATION');
    expect(env.error.message).toMatch(chinese);
    expect(call).not.toHaveBeenCalled();
  });

  it('passes the fields on as sent: the backend parses them once, after the role check', async () => {
    const { invoke, call } = setup();
    const sent = { name: ' 张三 ', phone: '138 0013 8000' };
    const env = await invoke(ipcChannel('customers.create'), TRUSTED, sent);
    expect(env).toEqual({ ok: true, value: 'done' });
    expect(call).toHaveBeenCalledTimes(1);
    const [name, input, caller] = call.mock.calls[0] ?? [];
    expect(name).toBe('customers.create');
    expect(input).toEqual(sent);
    expect(caller).toEqual({ token: null, source: 'window:1' });
    // No payload at all reaches the backend as an empty one, for its schema to judge.
    await invoke(ipcChannel('app.info'), TRUSTED);
    expect(call.mock.calls[1]?.[1]).toEqual({});
  });

  it('never runs the schema for a role that may not call the operation, and runs it once for one that may', async () => {
    const b = await Backend.open({ dir: tmpDir(), create: true });
    try {
      const as = (role: Role): BackendPort => ({ call: (name, input) => b.call(name, input, { actor: `测试${role}`, role }), close: async () => {} });
      const safeParse = vi.spyOn(contract['customers.create'].input, 'safeParse');
      const payload = { name: '张三', phone: '138 0013 8000' };

      const carrier = fakeIpcMain();
      registerIpc(carrier.ipcMain, as('carrier'), { isTrustedSender: () => true, tokens: new SenderTokens() });
      expect(await carrier.invoke(ipcChannel('customers.create'), TRUSTED, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(safeParse).not.toHaveBeenCalled();

      const clerk = fakeIpcMain();
      registerIpc(clerk.ipcMain, as('clerk'), { isTrustedSender: () => true, tokens: new SenderTokens() });
      expect(await clerk.invoke(ipcChannel('customers.create'), TRUSTED, payload)).toMatchObject({ ok: true, value: { name: '张三', phone: '13800138000' } });
      expect(safeParse).toHaveBeenCalledTimes(1);
      safeParse.mockRestore();
    } finally {
      await b.close();
    }
  });

  it('keeps the log-in token in the main process, per window, and never hands it to the page', async () => {
    const { invoke, call } = setup({ reply: { ok: true, value: { user: { login: 'admin' }, token: 'secret-token' } } });
    const env = await invoke(ipcChannel('auth.login'), TRUSTED, { login: 'admin', password: 'x' }, 7);
    expect(env).toEqual({ ok: true, value: { user: { login: 'admin' } } });
    await invoke(ipcChannel('app.info'), TRUSTED, {}, 7);
    expect(call.mock.calls[1]?.[2]).toEqual({ token: 'secret-token', source: 'window:7' });
    await invoke(ipcChannel('app.info'), TRUSTED, {}, 8);
    expect(call.mock.calls[2]?.[2]).toEqual({ token: null, source: 'window:8' });
    await invoke(ipcChannel('auth.logout'), TRUSTED, {}, 7);
    await invoke(ipcChannel('app.info'), TRUSTED, {}, 7);
    expect(call.mock.calls[4]?.[2]).toEqual({ token: null, source: 'window:7' });
  });

  it('never throws across IPC, even when the backend does', async () => {
    const { invoke, call } = setup();
    call.mockRejectedValueOnce(new Error('worker gone'));
    const env = await invoke(ipcChannel('app.info'), TRUSTED, {});
    expect(env).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
