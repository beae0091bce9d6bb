import type { Envelope } from '../../shared/errors';

/**
 * Session tokens never reach page scripts: after auth.login / auth.setupAdmin the host takes the token out
 * of the result and keeps it (HttpOnly cookie, or the Electron main process per window).
 * Returns the new token, `null` when the session ended (log-out), or undefined when nothing changed.
 */
export function takeToken(name: string, env: Envelope<unknown>): string | null | undefined {
  if (name === 'auth.logout') return null;
  if ((name === 'auth.login' || name === 'auth.setupAdmin') && env.ok) {
    const value = env.value as { token?: string };
    const token = value.token;
    delete value.token;
    return token;
  }
  return undefined;
}
