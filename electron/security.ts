/**
 * Every hardening step from Electron's security checklist, in one place, so a reviewer can read the whole
 * policy at once: locked-down renderer preferences, no navigation away from our page, no new windows, no
 * webviews, no permissions, a strict Content-Security-Policy.
 */
import type { App, Session, WebContents, WebPreferences } from 'electron';
import { log } from '../shared/log';

/** External sites a link may open in the user's browser (https only, exact origin). */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['https://www.chinapost.com.cn'];

/**
 * style-src needs 'unsafe-inline' because antd renders its CSS-in-JS as inline <style> tags at runtime;
 * scripts stay 'self' only, which is what actually stops injected markup from running code.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy for the page actually loaded. The dev server (never used in a packaged app) needs an inline
 * script (React Fast Refresh's preamble) and a websocket back to itself for hot reload.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const dev = new URL(devServerUrl);
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** https, no credentials, and an origin on the allow-list; parsed, never prefix-matched. */
export function isAllowedExternalUrl(raw: string, allowList: readonly string[] = EXTERNAL_ALLOW_LIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  return allowList.some((entry) => {
    try {
      return new URL(entry).origin === url.origin;
    } catch {
      return false;
    }
  });
}

export interface SecurityDeps {
  isTrustedUrl(url: string): boolean;
  openExternal(url: string): Promise<void>;
  allowList?: readonly string[];
  warn?: (message: string) => void;
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenWebContents(contents: ContentsLike, deps: SecurityDeps): void {
  const allowList = deps.allowList ?? EXTERNAL_ALLOW_LIST;
  const warn = deps.warn ?? ((m: string) => log.warn(m));
  const openIfAllowed = (url: string): void => {
    if (isAllowedExternalUrl(url, allowList)) {
      deps.openExternal(url).catch((e: unknown) => warn(`openExternal failed: ${String(e)}`));
    } else {
      warn(`blocked external url ${url}`);
    }
  };

  contents.on('will-navigate', (event) => {
    if (deps.isTrustedUrl(event.url)) return;
    event.preventDefault();
    // A plain link to an allow-listed site opens in the browser rather than silently doing nothing.
    if (event.isMainFrame) openIfAllowed(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!deps.isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!deps.isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

/** Applies hardenWebContents to every webContents the app ever creates, including ones we did not expect. */
export function installWebContentsSecurity(app: Pick<App, 'on'>, deps: SecurityDeps): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, deps));
}

/** Replaces any CSP the server sent (header names are case-insensitive) with ours. */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== 'content-security-policy') out[key] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;

export function hardenSession(ses: SessionLike, csp: string): void {
  // The app needs no camera, notifications, geolocation, USB, serial, clipboard-read…: deny all of them.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Covers pages served over http(s) (the dev server). The packaged app loads file:, which this hook may not
  // see, so renderer/index.html must carry the same policy in a <meta http-equiv> tag (see SECURITY-NOTES.md).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
}
