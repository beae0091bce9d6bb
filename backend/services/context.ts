import type { Role } from '../../shared/domain';

/** Who is calling and when; passed to every handler so rules never read a global clock or user. */
export interface CallContext {
  actor: string;
  role: Role;
  now: Date;
  /** The caller's session token (auth operations only need it); null for trusted in-process callers. */
  token: string | null;
  userId: string | null;
  /** Where the call came from, as the host names it (an Electron window, a browser client's address); for log-in limits. */
  source?: string;
}
