/**
 * Who is calling the backend. Until the login screen exists every call runs as the local administrator;
 * keeping it in this one function means the login work replaces one place, not every handler.
 */
import type { Session } from '../backend/host/backend';

const LOCAL_ADMIN: Readonly<Session> = Object.freeze({ actor: '本机用户', role: 'admin' });

export function currentSession(): Session {
  return { ...LOCAL_ADMIN };
}
