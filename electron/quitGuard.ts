/**
 * Holds the app open on quit until the backend has written its final snapshot, exactly once.
 *
 * Durability does not depend on this (every change is in the fsynced change log before the UI hears
 * "saved"); the snapshot only makes the next start faster. Hence the timeout: a stuck worker must not
 * leave a window-less process running. Windows skips before-quit on shutdown/logoff for the same reason.
 */
import type { App } from 'electron';
import { log } from '../shared/log';

export const QUIT_TIMEOUT_MS = 15_000;

export function installQuitGuard(
  app: Pick<App, 'on' | 'quit'>,
  close: () => Promise<void>,
  options: { timeoutMs?: number; warn?: (message: string) => void } = {},
): void {
  const timeoutMs = options.timeoutMs ?? QUIT_TIMEOUT_MS;
  const warn = options.warn ?? ((m: string) => log.warn(m));
  let state: 'open' | 'closing' | 'closed' = 'open';

  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        warn(`数据库关闭超时（${timeoutMs} 毫秒），直接退出`);
        resolve();
      }, timeoutMs);
    });
    const closing = close().catch((e: unknown) => warn(`数据库关闭失败：${String(e)}`));
    void Promise.race([closing, timeout]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      app.quit();
    });
  });
}
