import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  installWebContentsSecurity,
  isAllowedExternalUrl,
  secureWebPreferences,
} from '../../electron/security';
import { createTrustPolicy } from '../../electron/trust';
import { FakeEmitter, fakeEvent } from './electron-fakes';

const trust = createTrustPolicy({ indexHtmlPath: '/app/out/renderer/index.html', platform: 'linux' });
const OURS = 'file:///app/out/renderer/index.html';

class FakeContents extends FakeEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler = vi.fn((h: (d: { url: string }) => { action: string }) => {
    this.openHandler = h;
  });
}

function hardened() {
  const contents = new FakeContents();
  const openExternal = vi.fn(async (_url: string) => {});
  const warn = vi.fn();
  hardenWebContents(contents as unknown as WebContents, { isTrustedUrl: trust.isTrustedUrl, openExternal, warn });
  return { contents, openExternal, warn };
}

describe('webPreferences', () => {
  it('locks the renderer down', () => {
    expect(secureWebPreferences('/app/out/preload/preload.cjs')).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
});

describe('navigation and new windows', () => {
  it.each(['https://evil.example/', 'file:///etc/passwd', 'http://www.chinapost.com.cn/'])('prevents navigating to %s', (url) => {
    const { contents } = hardened();
    for (const ev of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const e = fakeEvent({ url, isMainFrame: true });
      contents.emit(ev, e);
      expect(e.preventDefault, ev).toHaveBeenCalled();
    }
  });

  it('lets our own page navigate (reload, hash routes)', () => {
    const { contents } = hardened();
    const e = fakeEvent({ url: OURS + '#/customers', isMainFrame: true });
    contents.emit('will-navigate', e);
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('a plain link to an allow-listed site is stopped in the window and opened in the browser', () => {
    const { contents, openExternal } = hardened();
    const e = fakeEvent({ url: 'https://www.chinapost.com.cn/', isMainFrame: true });
    contents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://www.chinapost.com.cn/');
    const sub = fakeEvent({ url: 'https://www.chinapost.com.cn/', isMainFrame: false });
    contents.emit('will-navigate', sub);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses webviews', () => {
    const { contents } = hardened();
    const e = fakeEvent();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open and hands only allow-listed https URLs to the system browser', async () => {
    const { contents, openExternal } = hardened();
    const refused = [
      'javascript:alert(1)',
      'file:///C:/Windows/System32/calc.exe',
      'http://www.chinapost.com.cn/',
      'https://www.chinapost.com.cn.evil.example/',
      'https://evil.example/?u=https://www.chinapost.com.cn',
      'https://www.chinapost.com.cn@evil.example/',
      'https://user:pw@www.chinapost.com.cn/',
      'https://wwwchinapost.com.cn/',
      'https://chinapost.com.cn/',
      'https://www.chinapost.com.cn:8443/',
      'smb://server/share',
      '',
    ];
    for (const url of refused) expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.openHandler?.({ url: 'https://www.chinapost.com.cn/yzyw/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://www.chinapost.com.cn/yzyw/');
  });

  it('isAllowedExternalUrl uses the given allow-list, empty meaning none', () => {
    expect(isAllowedExternalUrl('https://www.chinapost.com.cn/', [])).toBe(false);
    expect(isAllowedExternalUrl('https://example.org/a', ['https://example.org'])).toBe(true);
  });

  it('is applied to every webContents the app creates', () => {
    const app = new FakeEmitter();
    installWebContentsSecurity(app as never, { isTrustedUrl: trust.isTrustedUrl, openExternal: async () => {} });
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.count('will-navigate')).toBe(1);
    expect(contents.count('will-attach-webview')).toBe(1);
  });
});

describe('session', () => {
  function hardenedSession() {
    const ses = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(ses as unknown as Session, CONTENT_SECURITY_POLICY);
    return ses;
  }

  it('denies every permission request and check', () => {
    const ses = hardenedSession();
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'file://', {})).toBe(false);
    const device = ses.setDevicePermissionHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(device({})).toBe(false);
  });

  it('sets a strict Content-Security-Policy header, replacing any the server sent', () => {
    const ses = hardenedSession();
    const listener = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: unknown) => void) => void;
    const cb = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, cb);
    const headers = (cb.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    const csp = headers['Content-Security-Policy']?.[0] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('relaxes scripts only for the dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    const dev = contentSecurityPolicy('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
  });
});
